/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "wire-reader.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

WireReader::WireReader(Buffer::Iterator start, uint32_t limit)
    : m_it(start),
      m_limit(std::min(limit, start.GetRemainingSize()))
{
}

bool
WireReader::Ok() const
{
    return m_ok;
}

void
WireReader::Fail()
{
    m_ok = false;
}

uint32_t
WireReader::GetRemaining() const
{
    return m_limit - m_consumed;
}

uint32_t
WireReader::GetConsumed() const
{
    return m_consumed;
}

bool
WireReader::Take(uint32_t size)
{
    if (!m_ok || size > GetRemaining())
    {
        m_ok = false;
        return false;
    }
    m_consumed += size;
    return true;
}

uint8_t
WireReader::ReadU8()
{
    return Take(1) ? m_it.ReadU8() : 0;
}

uint16_t
WireReader::ReadNtohU16()
{
    return Take(2) ? m_it.ReadNtohU16() : 0;
}

uint32_t
WireReader::ReadNtohU32()
{
    return Take(4) ? m_it.ReadNtohU32() : 0;
}

uint64_t
WireReader::ReadNtohU64()
{
    return Take(8) ? m_it.ReadNtohU64() : 0;
}

std::vector<uint8_t>
WireReader::ReadBytes(uint32_t size)
{
    if (!Take(size))
    {
        return {};
    }
    std::vector<uint8_t> bytes(size);
    if (size > 0)
    {
        m_it.Read(bytes.data(), size);
    }
    return bytes;
}

std::vector<uint8_t>
WireReader::ReadRest()
{
    return ReadBytes(GetRemaining());
}

void
WireReader::Skip(uint32_t size)
{
    if (Take(size))
    {
        m_it.Next(size);
    }
}

WireReader
WireReader::Sub(uint32_t size)
{
    Buffer::Iterator here = m_it;
    if (!Take(size))
    {
        WireReader failed(here, 0);
        failed.m_ok = false;
        return failed;
    }
    m_it.Next(size);
    return WireReader(here, size);
}

void
WriteBytes(Buffer::Iterator& i, const std::vector<uint8_t>& bytes)
{
    if (!bytes.empty())
    {
        i.Write(bytes.data(), bytes.size());
    }
}

std::string
ToHex(const std::vector<uint8_t>& bytes, std::size_t maxBytes)
{
    std::ostringstream os;
    os << std::hex << std::setfill('0');
    for (std::size_t k = 0; k < bytes.size() && k < maxBytes; ++k)
    {
        os << std::setw(2) << static_cast<unsigned>(bytes[k]);
    }
    if (bytes.size() > maxBytes)
    {
        os << "...";
    }
    return os.str();
}

} // namespace ns3
