/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "nat-payload-inspecting-isakmp.h"

#include "nat-engine.h"

#include "ns3/isakmp-header.h"

#include <vector>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NatPayloadInspectingIsakmp);

namespace
{

/**
 * Rank of an IKEv1 payload type in the one order the payload-inspecting NAT
 * accepts; 0 for a type it does not know (e.g. Vendor ID, NAT-D, NAT-OA).
 * Proposal and Transform payloads sit inside SA and never appear in the chain.
 */
int
IkeV1PayloadRank(uint8_t type)
{
    switch (type)
    {
    case 1: // SA
        return 1;
    case 4: // KE
        return 2;
    case 10: // Nonce
        return 3;
    case 5: // ID
        return 4;
    case 6: // CERT
        return 5;
    case 7: // CR
        return 6;
    case 8: // HASH
        return 7;
    case 9: // SIG
        return 8;
    case 11: // N
        return 9;
    case 12: // D
        return 10;
    default:
        return 0;
    }
}

bool
PayloadsAccepted(Ptr<const Packet> udp)
{
    Ptr<Packet> copy = udp->Copy();
    copy->RemoveAtStart(8);
    IsakmpHeader header;
    if (copy->RemoveHeader(header) != IsakmpHeader::kSize || header.GetMajorVersion() != 1)
    {
        return false;
    }
    uint8_t next = header.GetNextPayload();
    if (header.HasFlag(IsakmpHeader::IKEV1_ENCRYPTION))
    {
        // Only the first payload's type is visible.
        return next == 0 || IkeV1PayloadRank(next) > 0;
    }
    std::vector<uint8_t> body(copy->GetSize());
    copy->CopyData(body.data(), body.size());
    std::size_t offset = 0;
    int lastRank = 0;
    while (next != 0)
    {
        int rank = IkeV1PayloadRank(next);
        if (rank == 0 || rank < lastRank)
        {
            return false;
        }
        lastRank = rank;
        if (offset + 4 > body.size())
        {
            return true; // the rest is in later fragments: nothing more to see
        }
        uint16_t length = static_cast<uint16_t>((body[offset + 2] << 8) | body[offset + 3]);
        if (length < 4)
        {
            return false;
        }
        next = body[offset];
        offset += length;
    }
    return true;
}

} // namespace

TypeId
NatPayloadInspectingIsakmp::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NatPayloadInspectingIsakmp")
                            .SetParent<NatIsakmpHandler>()
                            .SetGroupName("Natt")
                            .AddConstructor<NatPayloadInspectingIsakmp>();
    return tid;
}

bool
NatPayloadInspectingIsakmp::Handles() const
{
    return true;
}

const char*
NatPayloadInspectingIsakmp::Inspect(Ptr<const Packet> udp)
{
    return PayloadsAccepted(udp) ? nullptr : NatEngine::ISAKMP_PAYLOAD_REJECTED_DROP;
}

} // namespace ns3
