/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The factories of the catalogue entries, one file each under
// scenarios/catalogue/. catalogue.cc lists them.
#ifndef NATT_ENTRIES_H
#define NATT_ENTRIES_H

#include "scenario.h"

#include <memory>

namespace natt
{

// RFC 3715 2.1: data-plane incompatibilities.

// RFC 3715 2.1-2.2: SPIs, keepalives, fragments.
std::unique_ptr<Scenario> MakeRfc3715F();
std::unique_ptr<Scenario> MakeRfc3715K();
std::unique_ptr<Scenario> MakeRfc3715L();
std::unique_ptr<Scenario> MakeRfc3715M();

// RFC 3715 2.1-2.3: IKE through NATs.

// RFC 3715 2.1 e and section 3 requirements.

// Measurements behind the matrix plots.

} // namespace natt

#endif /* NATT_ENTRIES_H */
