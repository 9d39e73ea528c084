/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "catalogue.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

namespace natt
{

namespace
{

struct Registration
{
    Shelf shelf;
    unsigned rank;
    ScenarioFactory make;
};

/**
 * Filled during static initialisation, from each entry's file: a function's
 * static, so it exists before the first entry registers, whichever file's
 * initialisers run first.
 */
std::vector<Registration>&
Registrations()
{
    static std::vector<Registration> registrations;
    return registrations;
}

/// The scenarios of \p shelf by rank; a rank given twice is a programming error.
std::vector<std::unique_ptr<Scenario>>
Build(Shelf shelf)
{
    std::vector<Registration> mine;
    for (const auto& registration : Registrations())
    {
        if (registration.shelf == shelf)
        {
            mine.push_back(registration);
        }
    }
    std::sort(mine.begin(), mine.end(), [](const Registration& a, const Registration& b) {
        return a.rank < b.rank;
    });
    std::vector<std::unique_ptr<Scenario>> scenarios;
    for (std::size_t i = 0; i < mine.size(); ++i)
    {
        scenarios.push_back(mine[i].make());
        if (i > 0 && mine[i].rank == mine[i - 1].rank)
        {
            // Their order would be the linker's.
            throw std::logic_error(scenarios[i - 1]->GetId() + " and " + scenarios[i]->GetId() +
                                   " share rank " + std::to_string(mine[i].rank));
        }
    }
    return scenarios;
}

} // namespace

void
RegisterScenario(Shelf shelf, unsigned rank, ScenarioFactory make)
{
    Registrations().push_back({shelf, rank, std::move(make)});
}

const std::vector<std::unique_ptr<Scenario>>&
GetCatalogue()
{
    static const std::vector<std::unique_ptr<Scenario>> catalogue = Build(Shelf::CATALOGUE);
    return catalogue;
}

const std::vector<std::unique_ptr<Scenario>>&
GetMeasurements()
{
    static const std::vector<std::unique_ptr<Scenario>> measurements = Build(Shelf::MEASUREMENT);
    return measurements;
}

const Scenario*
FindScenario(const std::string& id)
{
    for (const auto* list : {&GetCatalogue(), &GetMeasurements()})
    {
        for (const auto& scenario : *list)
        {
            if (scenario->GetId() == id)
            {
                return scenario.get();
            }
        }
    }
    return nullptr;
}

} // namespace natt
