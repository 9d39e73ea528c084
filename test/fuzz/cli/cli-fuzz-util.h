/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What the two option-parser fuzz targets share: the catalogue entry an
// input's first byte picks (or none, for the commands that take no entry),
// and a reset of ns-3's attribute defaults after each input, since a valid
// "ns3::Type::Attribute=value" assignment changes them for the process.

#ifndef NATT_CLI_FUZZ_UTIL_H
#define NATT_CLI_FUZZ_UTIL_H

#include "catalogue.h"
#include "options.h"

#include "ns3/config.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

namespace natt_fuzz
{

/// Undo what an "ns3::Type::Attribute=value" in the input may have set
/// (Config::Reset walks every attribute of every type: only when needed).
inline void
ResetDefaults(const uint8_t* data, std::size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    if (text.find("::") != std::string::npos)
    {
        ns3::Config::Reset();
    }
}

/// The catalogue entry \p selector names; the last value means none.
inline const natt::Scenario*
PickScenario(uint8_t selector)
{
    const auto& catalogue = natt::GetCatalogue();
    std::size_t k = selector % (catalogue.size() + 1);
    return k < catalogue.size() ? catalogue[k].get() : nullptr;
}

/// A seed for each entry: every parameter set to its default, one a line,
/// in the form \p format gives ("KEY=VALUE" lines or an INI [set] section).
template <typename Write>
void
WriteParameterSeeds(const std::string& prefix, Write write)
{
    const auto& catalogue = natt::GetCatalogue();
    for (std::size_t k = 0; k < catalogue.size(); ++k)
    {
        std::string text;
        for (const auto& parameter : catalogue[k]->GetParameters())
        {
            text += parameter.name + "=" + parameter.defaultValue + "\n";
        }
        write(prefix + catalogue[k]->GetId(), static_cast<uint8_t>(k), text);
    }
}

/// Write \p text behind \p selector as seed \p name into $NATT_FUZZ_WRITE_SEEDS, if set.
inline void
WriteSeed(const std::string& name, uint8_t selector, const std::string& text)
{
    const char* dir = std::getenv("NATT_FUZZ_WRITE_SEEDS");
    if (dir == nullptr)
    {
        return;
    }
    std::ofstream out(std::string(dir) + "/" + name, std::ios::binary | std::ios::trunc);
    out.put(static_cast<char>(selector));
    out << text;
}

} // namespace natt_fuzz

#endif /* NATT_CLI_FUZZ_UTIL_H */
