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
std::unique_ptr<Scenario> MakeRfc3715A();
std::unique_ptr<Scenario> MakeRfc3715B();
std::unique_ptr<Scenario> MakeRfc3715G();
std::unique_ptr<Scenario> MakeRfc3715I();
std::unique_ptr<Scenario> MakeRfc3715J();
std::unique_ptr<Scenario> MakeRfc3715Spoof();

// RFC 3715 2.1-2.2: SPIs, keepalives, fragments.
std::unique_ptr<Scenario> MakeRfc3715F();
std::unique_ptr<Scenario> MakeRfc3715K();
std::unique_ptr<Scenario> MakeRfc3715L();
std::unique_ptr<Scenario> MakeRfc3715M();

// RFC 3715 2.1-2.3: IKE through NATs.
std::unique_ptr<Scenario> MakeRfc3715C();
std::unique_ptr<Scenario> MakeRfc3715D();
std::unique_ptr<Scenario> MakeRfc3715H();
std::unique_ptr<Scenario> MakeRfc3715N();
std::unique_ptr<Scenario> MakeRfc3715O();
std::unique_ptr<Scenario> MakeRfc3715P();

// RFC 3715 2.1 e and section 3 requirements.
std::unique_ptr<Scenario> MakeRfc3715E();
std::unique_ptr<Scenario> MakeReqTelecommuterMultiNat();
std::unique_ptr<Scenario> MakeReqGatewayBehindNat();
std::unique_ptr<Scenario> MakeReqEndToEnd();
std::unique_ptr<Scenario> MakeReqManyBehindOneNat();
std::unique_ptr<Scenario> MakeReqSamePrivateAddress();
std::unique_ptr<Scenario> MakeReqFirewall();
std::unique_ptr<Scenario> MakeReqBackwardCompat();
std::unique_ptr<Scenario> MakeReqRekeyBidirectional();

// Measurements behind the matrix plots.
std::unique_ptr<Scenario> MakeEncapsulationOverhead();
std::unique_ptr<Scenario> MakeIkeSetup();

} // namespace natt

#endif /* NATT_ENTRIES_H */
