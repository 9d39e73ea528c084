/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_WIRE_READER_H
#define NATT_WIRE_READER_H

#include "ns3/buffer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief A bounded reader over a Buffer::Iterator for parsing untrusted input.
 *
 * Buffer::Iterator does not check reads against the end of the buffer in an
 * optimised ns-3 build, and every length field on the wire can lie. Every
 * natt parser reads through a WireReader limited to the bytes the enclosing
 * length field granted. A read past the limit returns zeros and marks the
 * reader failed; the failure is sticky, so a parser can read a whole
 * structure and check Ok() once. Loops whose count comes from the wire must
 * also stop when Ok() turns false.
 */
class WireReader
{
  public:
    /**
     * \param start where to read
     * \param limit how many bytes may be read at most; clipped to what the
     *        buffer really holds after \p start
     */
    WireReader(Buffer::Iterator start, uint32_t limit);

    /// \return false once any read has run past the limit or Fail() was called
    bool Ok() const;
    /// Mark the input malformed (a field holds a value the format forbids).
    void Fail();
    /// \return the bytes still readable
    uint32_t GetRemaining() const;
    /// \return the bytes read so far
    uint32_t GetConsumed() const;

    uint8_t ReadU8();
    uint16_t ReadNtohU16();
    uint32_t ReadNtohU32();
    uint64_t ReadNtohU64();
    /// Read exactly \p size bytes (all zero, and the reader failed, if not there).
    std::vector<uint8_t> ReadBytes(uint32_t size);
    /// Read everything left.
    std::vector<uint8_t> ReadRest();
    void Skip(uint32_t size);
    /**
     * Split off a reader for the next \p size bytes and advance past them,
     * so a nested structure cannot read beyond its own length field.
     */
    WireReader Sub(uint32_t size);

  private:
    bool Take(uint32_t size);

    Buffer::Iterator m_it;
    uint32_t m_limit;
    uint32_t m_consumed{0};
    bool m_ok{true};
};

/// Write a byte vector at \p i (Buffer::Iterator::Write for vectors).
void WriteBytes(Buffer::Iterator& i, const std::vector<uint8_t>& bytes);

/// \return the bytes as lower-case hex, for Print methods
std::string ToHex(const std::vector<uint8_t>& bytes, std::size_t maxBytes = 32);

} // namespace ns3

#endif /* NATT_WIRE_READER_H */
