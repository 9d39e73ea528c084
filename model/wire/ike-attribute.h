/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_ATTRIBUTE_H
#define NATT_IKE_ATTRIBUTE_H

#include "wire-reader.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \brief A data attribute in a transform (RFC 2408 3.3, RFC 7296 3.3.5).
 *
 * The top bit of the type (AF) chooses the short form, a 16-bit value in
 * place of the length (TV), over the long form, a length and that many bytes
 * (TLV). Both IKE versions use the same layout.
 */
struct IkeAttribute
{
    uint16_t type{0};          ///< attribute type without the AF bit
    bool shortForm{true};      ///< AF = 1: TV
    uint16_t value{0};         ///< the value when shortForm
    std::vector<uint8_t> data; ///< the value when !shortForm

    /// Short-form attribute.
    static IkeAttribute Tv(uint16_t type, uint16_t value);
    /// Long-form attribute.
    static IkeAttribute Tlv(uint16_t type, const std::vector<uint8_t>& data);

    uint32_t GetSerializedSize() const;
    void Serialize(Buffer::Iterator& i) const;
    /// \return false (and \p r failed) when truncated
    bool Deserialize(WireReader& r);
    /// The value as an integer (long-form values up to 4 bytes, big-endian).
    uint64_t GetIntegerValue() const;

    bool operator==(const IkeAttribute& other) const;
};

std::ostream& operator<<(std::ostream& os, const IkeAttribute& attribute);

} // namespace ns3

#endif /* NATT_IKE_ATTRIBUTE_H */
