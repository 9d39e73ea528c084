/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_CATALOGUE_H
#define NATT_CATALOGUE_H

#include "scenario.h"

#include <memory>
#include <vector>

namespace natt
{

/// Every catalogue entry, in the order `natt list` and `natt matrix` show them.
const std::vector<std::unique_ptr<Scenario>>& GetCatalogue();

/**
 * Measurements: scenarios that answer "how much" rather than "does it
 * work" (bytes per packet per encapsulation, IKE setup cost per NAT). They
 * are not rows of the matrix; their sweeps feed its plots, and `natt run`
 * runs them like entries.
 */
const std::vector<std::unique_ptr<Scenario>>& GetMeasurements();

/// \return the entry or measurement with \p id, or nullptr
const Scenario* FindScenario(const std::string& id);

} // namespace natt

#endif /* NATT_CATALOGUE_H */
