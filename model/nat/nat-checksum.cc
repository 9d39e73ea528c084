/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-checksum.h"

namespace ns3
{

uint16_t
NatChecksum::Fold(uint32_t sum)
{
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(sum);
}

uint16_t
NatChecksum::Adjust(uint16_t checksum, uint16_t oldWord, uint16_t newWord)
{
    // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'); eqn. 2 (HC' = HC - ~m - m')
    // would produce 0x0000 where the checksum should stay 0xffff.
    uint32_t sum = static_cast<uint16_t>(~checksum);
    sum += static_cast<uint16_t>(~oldWord);
    sum += newWord;
    return static_cast<uint16_t>(~Fold(sum));
}

uint16_t
NatChecksum::Adjust32(uint16_t checksum, uint32_t oldValue, uint32_t newValue)
{
    checksum = Adjust(checksum, oldValue >> 16, newValue >> 16);
    return Adjust(checksum, oldValue & 0xffff, newValue & 0xffff);
}

uint16_t
NatChecksum::AdjustAddress(uint16_t checksum, Ipv4Address oldAddress, Ipv4Address newAddress)
{
    return Adjust32(checksum, oldAddress.Get(), newAddress.Get());
}

uint32_t
NatChecksum::Sum(const uint8_t* bytes, uint32_t length, uint32_t offset)
{
    uint32_t sum = 0;
    for (uint32_t k = 0; k < length; ++k)
    {
        // A byte at an even position is the high half of its word.
        sum += ((offset + k) % 2 == 0) ? (uint32_t{bytes[k]} << 8) : bytes[k];
        if (sum & 0x80000000u)
        {
            sum = Fold(sum);
        }
    }
    return Fold(sum);
}

uint16_t
NatChecksum::AdjustBytes(uint16_t checksum,
                         uint32_t offset,
                         const uint8_t* oldBytes,
                         uint32_t oldLength,
                         const uint8_t* newBytes,
                         uint32_t newLength)
{
    // Remove the old bytes' contribution (add its complement) and add the
    // new one: the same identity as eqn. 3, over many words.
    uint32_t sum = static_cast<uint16_t>(~checksum);
    sum += static_cast<uint16_t>(~Fold(Sum(oldBytes, oldLength, offset)));
    sum += Sum(newBytes, newLength, offset);
    return static_cast<uint16_t>(~Fold(sum));
}

} // namespace ns3
