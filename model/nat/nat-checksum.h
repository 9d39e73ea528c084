/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_CHECKSUM_H
#define NATT_NAT_CHECKSUM_H

#include "ns3/ipv4-address.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Incremental Internet checksum updates (RFC 1624).
 *
 * A NAT never recomputes an L4 checksum from the data: it adjusts the value
 * found in the packet for the 16-bit words it changed, HC' = ~(~HC + ~m + m')
 * (RFC 1624 eqn. 3). A checksum that was wrong before translation stays
 * wrong, and one it cannot see (inside ESP, RFC 3715 2.1 b) stays as the
 * sender computed it for the untranslated addresses. Values are the 16-bit
 * words as they appear on the wire, read big-endian.
 */
class NatChecksum
{
  public:
    /// \return \p checksum adjusted for one word changing from \p oldWord to \p newWord
    static uint16_t Adjust(uint16_t checksum, uint16_t oldWord, uint16_t newWord);
    /// \return \p checksum adjusted for a 32-bit value (an address) changing
    static uint16_t Adjust32(uint16_t checksum, uint32_t oldValue, uint32_t newValue);
    /// \return \p checksum adjusted for an IPv4 address changing
    static uint16_t AdjustAddress(uint16_t checksum,
                                  Ipv4Address oldAddress,
                                  Ipv4Address newAddress);
    /**
     * \return \p checksum adjusted for the bytes from \p offset on changing
     * from \p oldBytes (\p oldLength of them) to \p newBytes, where \p offset
     * is counted from the start of the checksummed data (its parity decides
     * which half of a word each byte falls in).
     */
    static uint16_t AdjustBytes(uint16_t checksum,
                                uint32_t offset,
                                const uint8_t* oldBytes,
                                uint32_t oldLength,
                                const uint8_t* newBytes,
                                uint32_t newLength);
    /// \return the ones'-complement sum of \p length bytes starting at an \p offset of that parity
    static uint32_t Sum(const uint8_t* bytes, uint32_t length, uint32_t offset);
    /// Fold a 32-bit ones'-complement sum into 16 bits.
    static uint16_t Fold(uint32_t sum);
};

} // namespace ns3

#endif /* NATT_NAT_CHECKSUM_H */
