/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "security-association.h"

#include "ipsec-cipher-suite.h"

#include <limits>

namespace ns3
{

ReplayWindow::ReplayWindow(uint32_t size)
    : m_size(size == 0 ? 1 : size),
      m_bits((m_size + 63) / 64, 0)
{
}

bool
ReplayWindow::Bit(uint32_t offset) const
{
    return (m_bits[offset / 64] >> (offset % 64)) & 1;
}

void
ReplayWindow::SetBit(uint32_t offset)
{
    m_bits[offset / 64] |= uint64_t{1} << (offset % 64);
}

bool
ReplayWindow::Check(uint32_t sequence) const
{
    // RFC 4303 3.3.3: the first packet carries 1, so 0 is never valid.
    if (sequence == 0)
    {
        return false;
    }
    if (sequence > m_highest)
    {
        return true;
    }
    uint32_t offset = m_highest - sequence;
    if (offset >= m_size)
    {
        return false;
    }
    return !Bit(offset);
}

void
ReplayWindow::Update(uint32_t sequence)
{
    if (sequence > m_highest)
    {
        uint64_t shift = sequence - m_highest;
        if (shift >= m_size)
        {
            std::fill(m_bits.begin(), m_bits.end(), 0);
        }
        else
        {
            // Slide the window: bit k moves to bit k + shift.
            for (uint32_t k = m_size; k-- > 0;)
            {
                bool seen = k >= shift && Bit(static_cast<uint32_t>(k - shift));
                m_bits[k / 64] &= ~(uint64_t{1} << (k % 64));
                if (seen)
                {
                    SetBit(k);
                }
            }
        }
        m_highest = sequence;
        SetBit(0);
        return;
    }
    uint32_t offset = m_highest - sequence;
    if (offset < m_size)
    {
        SetBit(offset);
    }
}

uint32_t
ReplayWindow::GetSize() const
{
    return m_size;
}

uint32_t
ReplayWindow::GetHighest() const
{
    return m_highest;
}

SecurityAssociation::SecurityAssociation(const Parameters& parameters)
    : m_parameters(parameters),
      m_replay(parameters.replayWindowSize)
{
}

const SecurityAssociation::Parameters&
SecurityAssociation::GetParameters() const
{
    return m_parameters;
}

uint32_t
SecurityAssociation::GetSpi() const
{
    return m_parameters.spi;
}

uint32_t
SecurityAssociation::NextSequence()
{
    return ++m_sequence;
}

bool
SecurityAssociation::IsSequenceExhausted() const
{
    // RFC 4303 3.3.3: without extended sequence numbers the counter must not cycle.
    return m_sequence == std::numeric_limits<uint32_t>::max();
}

ReplayWindow&
SecurityAssociation::GetReplayWindow()
{
    return m_replay;
}

void
SecurityAssociation::AddTraffic(uint64_t bytes)
{
    ++m_packets;
    m_bytes += bytes;
}

uint64_t
SecurityAssociation::GetPackets() const
{
    return m_packets;
}

uint64_t
SecurityAssociation::GetBytes() const
{
    return m_bytes;
}

void
SecurityAssociation::SetInstallTime(Time now)
{
    m_installed = now;
}

bool
SecurityAssociation::IsHardExpired(Time now) const
{
    return (m_parameters.hardByteLimit != 0 && m_bytes >= m_parameters.hardByteLimit) ||
           (m_parameters.hardLifetime.IsStrictlyPositive() &&
            now - m_installed >= m_parameters.hardLifetime);
}

bool
SecurityAssociation::IsSoftExpired(Time now) const
{
    return (m_parameters.softByteLimit != 0 && m_bytes >= m_parameters.softByteLimit) ||
           (m_parameters.softLifetime.IsStrictlyPositive() &&
            now - m_installed >= m_parameters.softLifetime);
}

void
SecurityAssociation::SetRemotePort(uint16_t port)
{
    m_parameters.encapsulation.remotePort = port;
}

void
SecurityAssociation::SetRemoteAddress(Ipv4Address address)
{
    m_parameters.remoteAddress = address;
}

std::shared_ptr<IpsecCipherSuite>
SecurityAssociation::GetCipherSuite() const
{
    return m_cipherSuite;
}

void
SecurityAssociation::SetCipherSuite(std::shared_ptr<IpsecCipherSuite> suite)
{
    m_cipherSuite = std::move(suite);
}

} // namespace ns3
