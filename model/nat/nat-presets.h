/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_PRESETS_H
#define NATT_NAT_PRESETS_H

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Named bundles of NatEngine attribute values: the NAT variants that
 * broke IPsec (RFC 3715 2.1-2.3) and the RFC 4787 classes.
 *
 * Every preset states the behaviours that define a NAPT (mapping,
 * filtering, port allocation, other protocols, ISAKMP, fragments) so that
 * its listing reads on its own; attributes it does not name keep their
 * defaults. NatHelper applies them (see NatHelper::SetPreset for how they
 * combine with --set and explicit attributes).
 */
class NatPresets
{
  public:
    struct Preset
    {
        std::string name;
        std::string description;
        /// NatEngine attribute names (without the "ns3::NatEngine::" prefix) and values.
        std::vector<std::pair<std::string, std::string>> attributes;
    };

    /// Every preset, in listing order.
    static const std::vector<Preset>& GetAll();
    /// \return the preset called \p name, or nullptr
    static const Preset* Find(const std::string& name);
    /// \return the preset names, comma separated (for error messages)
    static std::string GetNames();
};

} // namespace ns3

#endif /* NATT_NAT_PRESETS_H */
