/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_LISTING_H
#define NATT_NAT_LISTING_H

#include <string>

namespace natt
{

/// The text of `natt nats`: each NAT preset and the attribute values it sets.
std::string DescribeNatPresets(bool json);

} // namespace natt

#endif /* NATT_NAT_LISTING_H */
