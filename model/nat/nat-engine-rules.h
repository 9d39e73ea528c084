/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The syntax checks of NatEngine's rule-list attributes, shared by the
// attribute checkers (nat-engine-attributes.cc) and the setters that parse
// the lists (nat-engine-config.cc).
#ifndef NATT_NAT_ENGINE_RULES_H
#define NATT_NAT_ENGINE_RULES_H

#include <string>

namespace ns3
{
namespace natrules
{

/// Whether \p spec is a PortForwarding value (proto/port=address[:port] words).
bool IsValidPortForwarding(const std::string& spec);
/// Whether \p spec is an AllowList value (proto[/port] words).
bool IsValidAllowList(const std::string& spec);

} // namespace natrules
} // namespace ns3

#endif /* NATT_NAT_ENGINE_RULES_H */
