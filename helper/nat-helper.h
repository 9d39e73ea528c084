/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_HELPER_H
#define NATT_NAT_HELPER_H

#include "ns3/nat-engine.h"
#include "ns3/nat-routing-protocol.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief Installs a NAT on a node that already has an Internet stack.
 *
 * Attribute precedence, lowest first:
 *  1. NatEngine's built-in defaults;
 *  2. the preset chosen with SetPreset;
 *  3. defaults the user changed with Config::SetDefault (which is what
 *     `natt ... --set ns3::NatEngine::Attr=V` does): a preset never
 *     overrides an attribute whose default differs from the built-in one;
 *  4. SetAttribute calls on this helper.
 */
class NatHelper
{
  public:
    NatHelper();

    /// Use the named NatPresets bundle; aborts with the list of names when unknown.
    void SetPreset(const std::string& name);
    /// Set one NatEngine attribute (wins over the preset and over --set).
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Install on \p node: packets arriving through \p inside devices are
     * translated when they leave through \p outside, whose first IPv4
     * address is the outside address. The engine is aggregated to the node.
     */
    Ptr<NatEngine> Install(Ptr<Node> node,
                           const NetDeviceContainer& inside,
                           Ptr<NetDevice> outside) const;
    /// The same, naming IPv4 interface indices.
    Ptr<NatEngine> Install(Ptr<Node> node,
                           const std::vector<uint32_t>& insideInterfaces,
                           uint32_t outsideInterface) const;

    /// \return the engine installed on \p node, or nullptr
    static Ptr<NatEngine> GetEngine(Ptr<Node> node);

  private:
    std::string m_preset;
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_attributes;
};

} // namespace ns3

#endif /* NATT_NAT_HELPER_H */
