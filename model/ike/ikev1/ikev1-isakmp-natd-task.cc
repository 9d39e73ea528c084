/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-isakmp-natd-task.h"

#include "ns3/ike-opaque-payload.h"
#include "ns3/ike-ports.h"
#include "ns3/ike-vendor-ids.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Ikev1IsakmpNatdTask");

Ikev1IsakmpNatdTask::Ikev1IsakmpNatdTask(Ikev1TaskManager* manager, bool initiator, bool aggressive)
    : m_manager(manager),
      m_initiator(initiator),
      m_aggressive(aggressive)
{
}

std::string
Ikev1IsakmpNatdTask::GetName() const
{
    return "isakmp-natd";
}

Bytes
Ikev1IsakmpNatdTask::ComputeHash(const Ikev1Keys& keys,
                                 const Bytes& ckyI,
                                 const Bytes& ckyR,
                                 const IkeEndpoint& endpoint)
{
    // RFC 3947 3.2: HASH(CKY-I | CKY-R | IP | Port), the IP of either family.
    Bytes data = Concat(ckyI,
                        ckyR,
                        endpoint.GetAddressBytes(),
                        Bytes{uint8_t(endpoint.port >> 8), uint8_t(endpoint.port)});
    return keys.Hash(data);
}

void
Ikev1IsakmpNatdTask::AddVendorId(IkeMessage& message)
{
    auto vid = std::make_unique<IkeVendorIdPayload>(1);
    vid->SetData(kIkeVendorIdRfc3947);
    message.AddPayload(std::move(vid));
}

void
Ikev1IsakmpNatdTask::ReadVendorId(const IkeMessage& message)
{
    for (std::size_t k = 0; message.FindPayload(IKEV1_PAYLOAD_VENDOR_ID, k); ++k)
    {
        if (message.Find<IkeVendorIdPayload>(IKEV1_PAYLOAD_VENDOR_ID, k)->GetData() ==
            kIkeVendorIdRfc3947)
        {
            m_manager->peerNattVid = true;
            m_manager->GetSa()->Set(IkeSa::COND_NATT_SUPPORTED);
        }
    }
}

void
Ikev1IsakmpNatdTask::AddNatd(IkeMessage& message)
{
    if (!m_manager->peerNattVid)
    {
        return;
    }
    Ptr<IkeSa> sa = m_manager->GetSa();
    const Ikev1Keys& keys = *m_manager->keys;
    // RFC 3947 3.2: first the peer's address as we send to it, then ours.
    IkeEndpoint remote = m_initiator ? sa->GetRemote() : m_manager->rxRemote;
    IkeEndpoint local = m_initiator ? sa->GetLocal() : m_manager->rxLocal;
    auto d1 = std::make_unique<IkeNatDPayload>();
    d1->SetData(ComputeHash(keys, m_manager->CookieI(), m_manager->CookieR(), remote));
    message.AddPayload(std::move(d1));
    auto d2 = std::make_unique<IkeNatDPayload>();
    if (sa->GetConfig().forceEncapsulation)
    {
        // Claim an address nobody has, so the peer sees a NAT (as RFC 7296 2.23 allows for IKEv2).
        d2->SetData(keys.Hash(m_manager->GetDaemon()->RandomBytes(16)));
        sa->Set(IkeSa::COND_NAT_FAKED);
    }
    else
    {
        d2->SetData(ComputeHash(keys, m_manager->CookieI(), m_manager->CookieR(), local));
    }
    message.AddPayload(std::move(d2));
}

void
Ikev1IsakmpNatdTask::Detect(const IkeMessage& message)
{
    if (!m_manager->peerNattVid || !message.FindPayload(IKEV1_PAYLOAD_NAT_D))
    {
        return;
    }
    Ptr<IkeSa> sa = m_manager->GetSa();
    const Ikev1Keys& keys = *m_manager->keys;
    Bytes ckyI = m_manager->CookieI();
    Bytes ckyR = m_manager->CookieR();
    Bytes here = ComputeHash(keys, ckyI, ckyR, m_manager->rxLocal);
    Bytes there = ComputeHash(keys, ckyI, ckyR, m_manager->rxRemote);
    bool hereMatches = false;
    bool thereMatches = false;
    for (std::size_t k = 0; message.FindPayload(IKEV1_PAYLOAD_NAT_D, k); ++k)
    {
        const Bytes& d = message.Find<IkeNatDPayload>(IKEV1_PAYLOAD_NAT_D, k)->GetData();
        if (k == 0)
        {
            hereMatches = d == here;
        }
        else
        {
            thereMatches = thereMatches || d == there;
        }
    }
    sa->Set(IkeSa::COND_NAT_HERE, !hereMatches);
    sa->Set(IkeSa::COND_NAT_THERE, !thereMatches);
    NS_LOG_INFO("NAT-D: here " << !hereMatches << " there " << !thereMatches);
    if (sa->IsBehindNat())
    {
        m_manager->GetDaemon()->NotifyNatDetected(sa);
    }
}

bool
Ikev1IsakmpNatdTask::Refused() const
{
    // The initiator's policy, once the responder's NAT-D is in and before
    // phase 1 authenticates or floats to UDP 4500.
    return m_manager->GetDaemon()->RefusesResponderBehindNat(m_manager->GetSa());
}

void
Ikev1IsakmpNatdTask::Float()
{
    Ptr<IkeSa> sa = m_manager->GetSa();
    if (!sa->IsBehindNat() || sa->Has(IkeSa::COND_FLOATED))
    {
        return;
    }
    // RFC 3947 4: from here on IKE runs from and to UDP 4500 (with the non-ESP marker).
    IkeEndpoint local = sa->GetLocal();
    IkeEndpoint remote = sa->GetRemote();
    local.port = IKE_NAT_T_UDP_PORT;
    remote.port = IKE_NAT_T_UDP_PORT;
    sa->SetLocal(local);
    sa->SetRemote(remote);
    sa->Set(IkeSa::COND_FLOATED);
}

IkeTask::Status
Ikev1IsakmpNatdTask::Build(IkeMessage& message)
{
    uint32_t step = m_step++;
    if (m_aggressive)
    {
        switch (step)
        {
        case 0: // Aggressive Mode message 1: vendor ID
            AddVendorId(message);
            return NEED_MORE;
        case 1: // message 2: vendor ID and NAT-D
            if (m_manager->peerNattVid)
            {
                AddVendorId(message);
                AddNatd(message);
            }
            return NEED_MORE;
        case 2: // message 3: float, then NAT-D
            // Message 3 already leaves from UDP 4500 (RFC 3947 4), and each
            // NAT-D hashes the addresses and ports of the packet it travels
            // in (3.2): hashing port 500 would show the responder a NAT of
            // its own.
            Float();
            AddNatd(message);
            return SUCCESS;
        }
        return Failed("internal");
    }
    switch (step)
    {
    case 0: // Main Mode message 1: vendor ID
        AddVendorId(message);
        return NEED_MORE;
    case 1: // message 2: vendor ID if the initiator sent it
        if (m_manager->peerNattVid)
        {
            AddVendorId(message);
        }
        return NEED_MORE;
    case 2: // message 3: NAT-D
        AddNatd(message);
        return NEED_MORE;
    case 3: // message 4 (responder's last): NAT-D
        AddNatd(message);
        return SUCCESS;
    case 4: // message 5: float if a NAT was found
        Float();
        return SUCCESS;
    }
    return Failed("internal");
}

IkeTask::Status
Ikev1IsakmpNatdTask::Process(const IkeMessage& message)
{
    uint32_t step = m_step++;
    switch (step)
    {
    case 0: // message 1 at the responder
        ReadVendorId(message);
        return NEED_MORE;
    case 1: // message 2 at the initiator
        ReadVendorId(message);
        if (m_aggressive)
        {
            Detect(message);
            return Refused() ? Failed(IkeDaemon::SERVER_BEHIND_NAT_REFUSED) : NEED_MORE;
        }
        return NEED_MORE;
    case 2: // Main Mode message 3 / Aggressive Mode message 3 at the responder
        Detect(message);
        return m_aggressive ? SUCCESS : NEED_MORE;
    case 3: // Main Mode message 4 at the initiator
        Detect(message);
        return Refused() ? Failed(IkeDaemon::SERVER_BEHIND_NAT_REFUSED) : NEED_MORE;
    }
    return Failed("internal");
}

} // namespace ns3
