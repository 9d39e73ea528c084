/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-alg.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatAlg);

TypeId
NatAlg::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NatAlg").SetParent<Object>().SetGroupName("Natt").AddConstructor<NatAlg>();
    return tid;
}

NatAlg::NatAlg() = default;

NatAlg::~NatAlg() = default;

void
NatAlg::Outbound(NatAlgContext& engine,
                 NatMappingHandle connection,
                 Ptr<Packet> segment,
                 Ipv4Header& header,
                 uint8_t* tcp,
                 bool firstFragment)
{
}

void
NatAlg::Inbound(NatMappingHandle connection, uint8_t* tcp)
{
}

void
NatAlg::Forget(const std::function<bool(NatMappingHandle)>& live)
{
}

} // namespace ns3
