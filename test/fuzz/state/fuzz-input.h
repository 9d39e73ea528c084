/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The input layout every stateful fuzz target shares: a selector byte (which
// state, which side), a flags byte, then up to kMaxMessages messages, each
// a 16-bit big-endian length and that many bytes (the last may run short:
// it takes what is left). The seeds of each target are written in the same
// layout by FuzzInput::Write, when NATT_FUZZ_WRITE_SEEDS names a folder.

#ifndef NATT_FUZZ_INPUT_H
#define NATT_FUZZ_INPUT_H

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace natt_fuzz
{

using Bytes = std::vector<uint8_t>;

struct FuzzInput
{
    static constexpr std::size_t kMaxMessages = 4;

    uint8_t selector{0};
    uint8_t flags{0};
    std::vector<Bytes> messages;

    /// \return false for an input shorter than its two leading bytes
    bool Read(const uint8_t* data, std::size_t size)
    {
        if (size < 2)
        {
            return false;
        }
        selector = data[0];
        flags = data[1];
        std::size_t at = 2;
        while (at < size && messages.size() < kMaxMessages)
        {
            std::size_t length = data[at];
            length = at + 1 < size ? (length << 8) | data[at + 1] : length;
            at += 2;
            std::size_t take = at >= size ? 0 : std::min(length, size - at);
            messages.emplace_back(data + std::min(at, size), data + std::min(at, size) + take);
            at += take;
        }
        return true;
    }

    Bytes Serialize() const
    {
        Bytes out{selector, flags};
        for (const auto& m : messages)
        {
            out.push_back(static_cast<uint8_t>(m.size() >> 8));
            out.push_back(static_cast<uint8_t>(m.size()));
            out.insert(out.end(), m.begin(), m.end());
        }
        return out;
    }

    /// Write this input as a seed named \p name into $NATT_FUZZ_WRITE_SEEDS, if set.
    void Write(const std::string& name) const
    {
        const char* dir = std::getenv("NATT_FUZZ_WRITE_SEEDS");
        if (dir == nullptr)
        {
            return;
        }
        Bytes bytes = Serialize();
        std::ofstream out(std::string(dir) + "/" + name, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
};

} // namespace natt_fuzz

#endif /* NATT_FUZZ_INPUT_H */
