/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_SCENARIO_H
#define NATT_SCENARIO_H

#include "ns3/nstime.h"

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace natt
{

/**
 * A scenario parameter that `--set name=value` may change (DESIGN section 4).
 * Names are lower-case words joined by hyphens (DESIGN section 5, "Scenario
 * parameters"); a numeric parameter states its unit and the range the
 * entry's topology supports, so a value outside it is refused before any
 * simulation runs instead of crashing a row (issue 10).
 */
struct ScenarioParameter
{
    /// How a value is checked before any simulation runs.
    enum Kind
    {
        UINT,   ///< a whole number >= 0
        DOUBLE, ///< a real number
        BOOL,   ///< true / false
        CHOICE, ///< one of choices
        TIME,   ///< an ns-3 time string ("30s", "500ms") or a bare number in unit
    };

    std::string name;
    std::string defaultValue;
    std::string description;
    Kind kind{UINT};
    std::vector<std::string> choices;
    /// What a bare number counts: "hosts", "bytes"; for TIME an ns-3 time unit ("s", "ms").
    std::string unit;
    /// The smallest and largest value the entry supports, in unit (UINT, DOUBLE, TIME).
    double minimum{0};
    double maximum{std::numeric_limits<double>::infinity()};
    /// Former names that --set still accepts, each with one deprecation line.
    std::vector<std::string> aliases;
    /**
     * 0 is accepted besides minimum..maximum and turns the behaviour off
     * ("rekey-at" 0: no rekey), for values whose smallest useful setting is
     * above 0 but whose absence is a setting too.
     */
    bool zeroTurnsOff{false};

    /// The fields every kind has; the others keep their defaults.
    static ScenarioParameter Make(const std::string& name,
                                  const std::string& defaultValue,
                                  Kind kind,
                                  const std::string& description);
    /// A whole number of \p unit from \p minimum to \p maximum.
    static ScenarioParameter Count(const std::string& name,
                                   const std::string& defaultValue,
                                   const std::string& unit,
                                   double minimum,
                                   double maximum,
                                   const std::string& description);
    /// A duration; a bare number counts \p unit ("s" or "ms"), as does the range.
    static ScenarioParameter Duration(const std::string& name,
                                      const std::string& defaultValue,
                                      const std::string& unit,
                                      double minimum,
                                      double maximum,
                                      const std::string& description);
    /// true or false.
    static ScenarioParameter Flag(const std::string& name,
                                  const std::string& defaultValue,
                                  const std::string& description);
    /// One of \p choices.
    static ScenarioParameter Choice(const std::string& name,
                                    const std::string& defaultValue,
                                    const std::vector<std::string>& choices,
                                    const std::string& description);
    /// This parameter, also accepted under its former name \p alias.
    ScenarioParameter Alias(const std::string& alias) const;
    /// This parameter, also accepting 0 (off) below its minimum.
    ScenarioParameter OrZeroForOff() const;

    /// \return whether the kind has a unit and a range
    bool IsNumeric() const;
    /// \return e.g. "1 to 20 hosts" or "0 (off) or 5 to 3600 s"; empty for BOOL and CHOICE
    std::string DescribeRange() const;
    /// \return whether \p number (in unit) is in the range
    bool InRange(double number) const;
    /**
     * \return an empty string when \p value is acceptable, else one clause
     * saying why: "expected a whole number", "hosts must be 1 to 20 hosts"
     */
    std::string Check(const std::string& value) const;
    /**
     * \return \p value with its unit spelled out ("30" -> "30s" for a TIME in
     * seconds), so every run reads the same value whichever way it was written
     */
    std::string Canonical(const std::string& value) const;
};

/**
 * \return \p text as ns-3 time (a number and one of ns-3's units: s, ms, us,
 * ns, ps, fs, min, h, d, y), or nothing. Checked here because ns3::Time's
 * string constructor aborts the process on text it cannot parse.
 */
std::optional<ns3::Time> ParseTime(const std::string& text);

/// One variant of a catalogue entry and what its source document says happens.
struct ScenarioVariant
{
    std::string name;
    std::string expected;        ///< "works" or "fails"
    std::string expectedSymptom; ///< symptom code when it fails, "none" when it works
    std::string description;     ///< what this variant changes, one or two sentences
};

/**
 * One result row (DESIGN section 4). outcome and symptom are what the run
 * observed in the models' counters and traces; expected comes from the
 * catalogue.
 */
struct ResultRow
{
    std::string id;
    std::string source;
    std::string variant;
    std::string expected;
    std::string expectedSymptom;
    std::string outcome;
    std::string symptom;
    uint32_t seed{1};
    /// In the order the scenario reported them.
    std::vector<std::pair<std::string, double>> metrics;

    /// outcome and symptom both equal the catalogue's expectation.
    bool Matches() const;
    void SetMetric(const std::string& name, double value);
};

/// What one run of one variant gets.
struct RunContext
{
    std::string variant;
    uint32_t seed{1};
    /// Every declared parameter, with --set values applied over the defaults.
    std::map<std::string, std::string> parameters;
    /**
     * The user's --set assignments of ns-3 attributes ("ns3::Type::Attribute"
     * -> value), which a variant's own setting of the same attribute gives
     * way to (variant-attributes.h).
     */
    std::map<std::string, std::string> attributes;
    /// Empty when no pcaps are wanted.
    std::string pcapDir;

    /// \return the parameter's value; the caller declared it, so it exists
    const std::string& Get(const std::string& name) const;
    double GetDouble(const std::string& name) const;
    uint32_t GetUint(const std::string& name) const;
    /// A TIME parameter (RunInProcess has given bare numbers their unit).
    ns3::Time GetTime(const std::string& name) const;
};

/// One run of a sweep: a variant and the parameters that differ from the defaults.
struct SweepPoint
{
    std::string variant;
    std::map<std::string, std::string> parameters;
};

/**
 * A series of runs of one scenario across its parameters, for a plot of
 * `natt matrix` (issue 6: each plot answers a question a researcher
 * asks). The matrix writes one CSV row per point to plots/NAME.csv
 * (variant, the swept parameters, outcome, symptom, metrics) and
 * doc/plots/natt-plots.py draws plots/NAME.png from it.
 */
struct Sweep
{
    std::string name;  ///< file stem, e.g. "rfc3715-k-keepalive"
    std::string title; ///< the question the plot answers
    std::vector<SweepPoint> points;
};

/// A mistake in what the user asked for: `natt` prints it in one line and exits 2.
class UsageError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/// One axis of a sweep: a parameter and the values it takes, in plot order.
struct SweepAxis
{
    std::string parameter;
    std::vector<std::string> values;
};

/**
 * What `natt list` and `natt describe` show of an entry, and what the matrix
 * runs of it: plain data, which the entry hands to Scenario once.
 */
struct ScenarioInfo
{
    std::string id;
    std::string title;
    /// The source section, e.g. "RFC 3715 2.1 f".
    std::string source;
    /// Plain sentences for `natt describe`: topology, what breaks and why.
    std::string description;
    std::vector<ScenarioVariant> variants;
    std::vector<ScenarioParameter> parameters;
    /// The sweeps `natt matrix` runs for its plots.
    std::vector<Sweep> sweeps;
};

/**
 * A catalogue entry: a topology with variants that reproduce an
 * incompatibility and apply its fixes. An entry is its data (ScenarioInfo,
 * given once) and a Run that builds and runs the simulation and fills
 * outcome, symptom and metrics from what the models counted, never from the
 * variant's name. Entries derive from Entry<Variant> (below), which names
 * each variant by one identifier.
 */
class Scenario
{
  public:
    explicit Scenario(ScenarioInfo info);
    virtual ~Scenario() = default;

    const std::string& GetId() const;
    const std::string& GetTitle() const;
    const std::string& GetSource() const;
    const std::string& GetDescription() const;
    const std::vector<ScenarioVariant>& GetVariants() const;
    const std::vector<ScenarioParameter>& GetParameters() const;
    const std::vector<Sweep>& GetSweeps() const;

    /// \return the parameter named \p name or one of its aliases, if there is one
    std::optional<ScenarioParameter> FindParameter(const std::string& name) const;
    /// \return the variant named \p name, if there is one
    std::optional<ScenarioVariant> FindVariant(const std::string& name) const;
    /**
     * \return the position of the variant named \p name in GetVariants();
     * UsageError naming the variants there are when there is none: the one
     * way an unknown variant ends, whoever asked for it (`natt` exits 2)
     */
    std::size_t RequireVariant(const std::string& name) const;

    /**
     * Run one variant in the current process. The caller has reset ns-3's
     * global state and set the seed; the entry's Run calls
     * Simulator::Destroy. An unknown variant is a UsageError (RequireVariant).
     */
    ResultRow Run(const RunContext& context) const;

    /// A row with the catalogue fields filled in, for Run to complete.
    ResultRow MakeRow(const RunContext& context) const;

  private:
    /// Run the variant at \p index of GetVariants().
    virtual ResultRow RunVariant(const RunContext& context, std::size_t index) const = 0;

    ScenarioInfo m_info;
};

/// One variant of Entry<V>: its identifier, then what `natt describe` shows.
template <typename V>
struct EntryVariant
{
    V key;
    std::string name;
    std::string expected;        ///< "works" or "fails"
    std::string expectedSymptom; ///< symptom code when it fails, "none" when it works
    std::string description;     ///< what this variant changes, one or two sentences
};

/**
 * A sweep of Entry<V>: every variant of \p variants at every combination
 * of the axes' values (the first axis the outermost loop).
 */
template <typename V>
struct EntrySweep
{
    std::string name;  ///< file stem, e.g. "rfc3715-k-keepalive"
    std::string title; ///< the question the plot answers
    std::vector<V> variants;
    std::vector<SweepAxis> axes;
};

/// The data of Entry<V>: ScenarioInfo with the variants named by \p V.
template <typename V>
struct EntryData
{
    std::string id;
    std::string title;
    std::string source;
    std::string description;
    std::vector<EntryVariant<V>> variants;
    std::vector<ScenarioParameter> parameters{};
    std::vector<EntrySweep<V>> sweeps{};
};

/// \return "first" ... "last", the whole numbers between, for a SweepAxis
std::vector<std::string> SweepRange(uint32_t first, uint32_t last);

/// \return the points of a sweep over \p variants (by name) and \p axes
std::vector<SweepPoint> SweepGrid(const std::vector<std::string>& variants,
                                  const std::vector<SweepAxis>& axes);

/**
 * A catalogue entry whose variants are the values of \p V, an enum of the
 * entry's own: the data names each variant once, and Run receives the
 * value, resolved from the name before it is called.
 */
template <typename V>
class Entry : public Scenario
{
  public:
    using Variant = V;

    explicit Entry(const EntryData<V>& data)
        : Scenario(ToInfo(data))
    {
        for (const auto& variant : data.variants)
        {
            m_keys.push_back(variant.key);
        }
    }

    using Scenario::Run;

    /// Build and run \p variant; the row comes from MakeRow.
    virtual ResultRow Run(const RunContext& context, V variant) const = 0;

  private:
    static std::string NameOf(const EntryData<V>& data, V key)
    {
        for (const auto& variant : data.variants)
        {
            if (variant.key == key)
            {
                return variant.name;
            }
        }
        throw std::logic_error(data.id + ": a sweep names a variant the entry does not have");
    }

    static ScenarioInfo ToInfo(const EntryData<V>& data)
    {
        ScenarioInfo
            info{data.id, data.title, data.source, data.description, {}, data.parameters, {}};
        for (const auto& v : data.variants)
        {
            info.variants.push_back({v.name, v.expected, v.expectedSymptom, v.description});
        }
        for (const auto& sweep : data.sweeps)
        {
            std::vector<std::string> names;
            for (V key : sweep.variants)
            {
                names.push_back(NameOf(data, key));
            }
            info.sweeps.push_back({sweep.name, sweep.title, SweepGrid(names, sweep.axes)});
        }
        return info;
    }

    ResultRow RunVariant(const RunContext& context, std::size_t index) const final
    {
        return Run(context, m_keys.at(index));
    }

    std::vector<V> m_keys;
};

} // namespace natt

#endif /* NATT_SCENARIO_H */
