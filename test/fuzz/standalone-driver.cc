/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A stand-in for libFuzzer's main() when the compiler has no libFuzzer
// (g++). It takes the same command line as a libFuzzer binary
// (-runs=N -seed=S -max_len=L and corpus folders or files; other -flags are
// ignored), runs every corpus input through LLVMFuzzerTestOneInput and then
// N mutations of them. There is no coverage feedback: the mutations are
// blind but seeded, so a run is the same every time and a crash found here
// is reproduced by running the same command again. Mutations are picked
// with plain modulo arithmetic rather than <random> distributions, whose
// results differ between standard libraries.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace
{

using Bytes = std::vector<uint8_t>;

struct Options
{
    uint64_t runs{1000};
    uint32_t seed{1};
    std::size_t maxLength{4096};
    std::vector<std::string> inputs;
};

bool
ParseNumber(const std::string& arg, const std::string& flag, uint64_t& value)
{
    if (arg.compare(0, flag.size(), flag) != 0)
    {
        return false;
    }
    value = std::strtoull(arg.c_str() + flag.size(), nullptr, 10);
    return true;
}

Options
ParseOptions(int argc, char** argv)
{
    Options options;
    for (int k = 1; k < argc; ++k)
    {
        std::string arg = argv[k];
        uint64_t value = 0;
        if (ParseNumber(arg, "-runs=", value))
        {
            options.runs = value;
        }
        else if (ParseNumber(arg, "-seed=", value))
        {
            options.seed = static_cast<uint32_t>(value);
        }
        else if (ParseNumber(arg, "-max_len=", value))
        {
            options.maxLength = std::max<uint64_t>(value, 1);
        }
        else if (!arg.empty() && arg[0] != '-')
        {
            options.inputs.push_back(arg);
        }
    }
    return options;
}

Bytes
ReadFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Every regular file named on the command line or inside a named folder, in
/// name order so the corpus (and so the mutations) do not depend on the file system.
std::vector<Bytes>
LoadCorpus(const std::vector<std::string>& inputs, std::size_t maxLength)
{
    std::vector<std::filesystem::path> files;
    for (const auto& input : inputs)
    {
        std::error_code ec;
        if (std::filesystem::is_directory(input, ec))
        {
            for (const auto& entry : std::filesystem::directory_iterator(input, ec))
            {
                if (entry.is_regular_file(ec))
                {
                    files.push_back(entry.path());
                }
            }
        }
        else if (std::filesystem::is_regular_file(input, ec))
        {
            files.emplace_back(input);
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<Bytes> corpus;
    for (const auto& file : files)
    {
        Bytes bytes = ReadFile(file);
        bytes.resize(std::min(bytes.size(), maxLength));
        corpus.push_back(std::move(bytes));
    }
    return corpus;
}

class Mutator
{
  public:
    Mutator(uint32_t seed, const std::vector<Bytes>& corpus, std::size_t maxLength)
        : m_rng(seed),
          m_corpus(corpus),
          m_maxLength(maxLength)
    {
    }

    Bytes Next()
    {
        Bytes data = m_corpus.empty() ? Bytes{} : m_corpus[Below(m_corpus.size())];
        uint32_t count = 1 + Below(4);
        for (uint32_t k = 0; k < count; ++k)
        {
            MutateOnce(data);
        }
        if (data.size() > m_maxLength)
        {
            data.resize(m_maxLength);
        }
        return data;
    }

  private:
    /// A number in [0, n); n > 0.
    uint32_t Below(std::size_t n)
    {
        return static_cast<uint32_t>(m_rng() % n);
    }

    uint8_t RandomByte()
    {
        return static_cast<uint8_t>(m_rng());
    }

    /// Values that sit on the edges length fields and counters check.
    uint32_t Interesting()
    {
        static const uint32_t values[] = {0,
                                          1,
                                          2,
                                          3,
                                          4,
                                          7,
                                          8,
                                          16,
                                          0x1c,
                                          0x7f,
                                          0x80,
                                          0xff,
                                          0x100,
                                          0x7fff,
                                          0x8000,
                                          0xffff,
                                          0x7fffffff,
                                          0xffffffff};
        return values[Below(std::size(values))];
    }

    void MutateOnce(Bytes& data)
    {
        switch (data.empty() ? 4 : Below(8))
        {
        case 0: // flip one bit
            data[Below(data.size())] ^= static_cast<uint8_t>(1U << Below(8));
            break;
        case 1: // replace one byte
            data[Below(data.size())] = RandomByte();
            break;
        case 2: // truncate
            data.resize(Below(data.size()));
            break;
        case 3: { // remove a run of bytes
            std::size_t at = Below(data.size());
            std::size_t length = 1 + Below(std::min<std::size_t>(data.size() - at, 16));
            data.erase(data.begin() + at, data.begin() + at + length);
            break;
        }
        case 4: { // insert random bytes
            std::size_t at = Below(data.size() + 1);
            Bytes extra(1 + Below(16));
            for (auto& b : extra)
            {
                b = RandomByte();
            }
            data.insert(data.begin() + at, extra.begin(), extra.end());
            break;
        }
        case 5: { // write an edge value as a big-endian 8, 16 or 32-bit field
            uint32_t width = 1U << Below(3);
            if (data.size() < width)
            {
                break;
            }
            std::size_t at = Below(data.size() - width + 1);
            uint32_t value = Interesting();
            for (uint32_t b = 0; b < width; ++b)
            {
                data[at + b] = static_cast<uint8_t>(value >> (8 * (width - 1 - b)));
            }
            break;
        }
        case 6: { // splice: our head with another corpus entry's tail
            if (m_corpus.empty())
            {
                break;
            }
            const Bytes& other = m_corpus[Below(m_corpus.size())];
            std::size_t cut = Below(data.size() + 1);
            std::size_t from = Below(other.size() + 1);
            data.resize(cut);
            data.insert(data.end(), other.begin() + from, other.end());
            break;
        }
        default: { // copy a run of our own bytes elsewhere
            std::size_t from = Below(data.size());
            std::size_t length = 1 + Below(std::min<std::size_t>(data.size() - from, 32));
            Bytes run(data.begin() + from, data.begin() + from + length);
            data.insert(data.begin() + Below(data.size() + 1), run.begin(), run.end());
            break;
        }
        }
    }

    std::mt19937 m_rng;
    const std::vector<Bytes>& m_corpus;
    std::size_t m_maxLength;
};

void
RunOne(const Bytes& data)
{
    // A copy in a buffer of its own size, so a read past the end is a real
    // overrun for AddressSanitizer or valgrind, as it would be under libFuzzer.
    auto* copy = new uint8_t[data.size() == 0 ? 1 : data.size()];
    std::copy(data.begin(), data.end(), copy);
    LLVMFuzzerTestOneInput(copy, data.size());
    delete[] copy;
}

} // namespace

int
main(int argc, char** argv)
{
    if (LLVMFuzzerInitialize != nullptr)
    {
        LLVMFuzzerInitialize(&argc, &argv);
    }
    Options options = ParseOptions(argc, argv);
    std::vector<Bytes> corpus = LoadCorpus(options.inputs, options.maxLength);
    for (const auto& input : corpus)
    {
        RunOne(input);
    }
    Mutator mutator(options.seed, corpus, options.maxLength);
    for (uint64_t run = 0; run < options.runs; ++run)
    {
        RunOne(mutator.Next());
    }
    std::printf("standalone fuzz driver: %zu corpus inputs, %llu mutated runs, seed %u: done\n",
                corpus.size(),
                static_cast<unsigned long long>(options.runs),
                options.seed);
    return 0;
}
