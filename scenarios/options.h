/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_OPTIONS_H
#define NATT_OPTIONS_H

#include "scenario.h"

#include <boost/program_options.hpp>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace natt
{

/// Parse \p args against \p options, turning Boost's exceptions into UsageError.
boost::program_options::variables_map Parse(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional = {});

/// The options of `natt run` (and of its --config file).
boost::program_options::options_description RunOptions();

/**
 * Read an INI config file (DESIGN section 4, `--config FILE`): top-level
 * keys are the command's own options, keys in a [set] section are --set
 * assignments appended to \p sets. Values already in \p vm (from the
 * command line) win.
 */
void ApplyConfig(const std::string& path,
                 const boost::program_options::options_description& options,
                 boost::program_options::variables_map& vm,
                 std::vector<std::string>& sets);

/**
 * The --set assignments of a command: those on the command line, then
 * those of the [set] section of --config (whose other keys also fill \p vm).
 */
std::vector<std::string> CollectSets(const boost::program_options::options_description& options,
                                     boost::program_options::variables_map& vm);

/// \return the --seed value; ns-3 needs a seed from 1 up
uint32_t CheckSeed(const std::string& text);

/// mkdir -p
void MakeDirectories(const std::string& path);

/**
 * Apply --set assignments. "ns3::Type::Attribute=value" sets an ns-3
 * attribute default (Config::SetDefault), after checking that the type
 * and attribute exist and the value parses; any other key must be one of
 * \p scenario's parameters (or a former name of one, which prints one
 * deprecation line on stderr) and is checked against its kind and range.
 * \return the scenario's parameters: defaults with the assignments applied
 */
std::map<std::string, std::string> ApplySets(const std::vector<std::string>& sets,
                                             const Scenario* scenario);

/// \return the entry with \p id; UsageError naming the known ids if there is none
const Scenario& RequireScenario(const std::string& id);

/// Write \p text to \p path or throw UsageError.
void WriteFile(const std::string& path, const std::string& text);

} // namespace natt

#endif /* NATT_OPTIONS_H */
