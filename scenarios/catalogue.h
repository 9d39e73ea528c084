/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_CATALOGUE_H
#define NATT_CATALOGUE_H

#include "scenario.h"

#include <functional>
#include <memory>
#include <vector>

namespace natt
{

/**
 * Where a scenario is listed. Catalogue entries are the rows of `natt list`
 * and `natt matrix`. Measurements answer "how much" rather than "does it
 * work" (bytes per packet per encapsulation, IKE setup cost per NAT): they
 * are not rows of the matrix; their sweeps feed its plots, and `natt run`
 * runs them like entries.
 */
enum class Shelf
{
    CATALOGUE,
    MEASUREMENT,
};

/// Makes one registered scenario.
using ScenarioFactory = std::function<std::unique_ptr<Scenario>()>;

/**
 * Add a scenario to \p shelf at \p rank: the shelf lists its scenarios by
 * rank, so the order is the entries' own data, whatever order the linker
 * or static initialisation put them in. Called by Registered.
 */
void RegisterScenario(Shelf shelf, unsigned rank, ScenarioFactory make);

/**
 * One of these, at namespace scope in an entry's file, registers the entry
 * \p S (an Entry<Variant>) with its data: adding an entry is adding its
 * file. Ranks follow DESIGN section 5's order in steps of 100, leaving room
 * for entries in between; two scenarios of one shelf may not share a rank.
 * The entry is made from \p data when the catalogue is first asked for,
 * after static initialisation.
 */
template <typename S>
class Registered
{
  public:
    Registered(Shelf shelf, unsigned rank, const EntryData<typename S::Variant>& data)
    {
        RegisterScenario(shelf, rank, [&data]() -> std::unique_ptr<Scenario> {
            return std::make_unique<S>(data);
        });
    }
};

/// Every catalogue entry, in the order `natt list` and `natt matrix` show them.
const std::vector<std::unique_ptr<Scenario>>& GetCatalogue();

/// The measurements (Shelf::MEASUREMENT), by rank.
const std::vector<std::unique_ptr<Scenario>>& GetMeasurements();

/// \return the entry or measurement with \p id, or nullptr
const Scenario* FindScenario(const std::string& id);

} // namespace natt

#endif /* NATT_CATALOGUE_H */
