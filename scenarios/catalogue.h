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

/// \return the entry with \p id, or nullptr
const Scenario* FindScenario(const std::string& id);

} // namespace natt

#endif /* NATT_CATALOGUE_H */
