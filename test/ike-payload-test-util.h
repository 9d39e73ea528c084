/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_PAYLOAD_TEST_UTIL_H
#define NATT_IKE_PAYLOAD_TEST_UTIL_H

// Checks shared by the IKE payload tests: round trips, and the families of
// malformed input every payload parser must reject without crashing.

#include "wire-test-util.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{

/// Concatenate byte vectors (messages are built from their payloads).
inline std::vector<uint8_t>
Concat(std::initializer_list<std::vector<uint8_t>> parts)
{
    std::vector<uint8_t> out;
    for (const auto& part : parts)
    {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

/// \return \p bytes with the byte at \p offset replaced
inline std::vector<uint8_t>
WithU8(std::vector<uint8_t> bytes, std::size_t offset, uint8_t value)
{
    bytes.at(offset) = value;
    return bytes;
}

/// \return \p bytes with the big-endian 16-bit field at \p offset replaced
inline std::vector<uint8_t>
WithU16(std::vector<uint8_t> bytes, std::size_t offset, uint16_t value)
{
    bytes.at(offset) = static_cast<uint8_t>(value >> 8);
    bytes.at(offset + 1) = static_cast<uint8_t>(value);
    return bytes;
}

/// \return the first \p size bytes with the payload length field set to \p size
inline std::vector<uint8_t>
TruncatedPayload(const std::vector<uint8_t>& bytes, std::size_t size)
{
    std::vector<uint8_t> out(bytes.begin(), bytes.begin() + size);
    return WithU16(out, 2, static_cast<uint16_t>(size));
}

/// \return what Deserialize returned for a fresh payload from \p make
template <class Make>
uint32_t
ParseWith(Make make, const std::vector<uint8_t>& bytes)
{
    auto payload = make();
    return DeserializeHeader(payload, bytes);
}

/// Every strict prefix of \p bytes is rejected (the buffer ends early).
template <class Make>
void
ExpectEveryTruncationRejected(Make make, const std::vector<uint8_t>& bytes)
{
    for (std::size_t n = 0; n < bytes.size(); ++n)
    {
        std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + n);
        EXPECT_EQ(ParseWith(make, prefix), 0u) << "input cut to " << n << " bytes";
    }
}

/**
 * Every body shorter than \p upTo bytes is rejected even when the payload
 * length agrees with it, so the body parser itself must notice.
 */
template <class Make>
void
ExpectEveryBodyTruncationRejected(Make make, const std::vector<uint8_t>& bytes, std::size_t upTo)
{
    for (std::size_t n = 4; n < bytes.size() && n < 4 + upTo; ++n)
    {
        EXPECT_EQ(ParseWith(make, TruncatedPayload(bytes, n)), 0u)
            << "body cut to " << n - 4 << " bytes, payload length " << n;
    }
}

/// \p bytes parse whole, and the parsed payload writes them back unchanged.
template <class T>
void
ExpectRoundTrip(T& parsed, const std::vector<uint8_t>& bytes)
{
    ASSERT_EQ(DeserializeHeader(parsed, bytes), bytes.size());
    EXPECT_EQ(SerializeHeader(parsed), bytes) << "a parsed payload writes back the same bytes";
}

/// \return the output of Print
inline std::string
PrintToString(const Header& h)
{
    std::ostringstream os;
    h.Print(os);
    return os.str();
}

} // namespace ns3

#endif /* NATT_IKE_PAYLOAD_TEST_UTIL_H */
