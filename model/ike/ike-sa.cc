/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-sa.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSa");
NS_OBJECT_ENSURE_REGISTERED(IkeSa);

TypeId
IkeSa::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IkeSa")
            .SetParent<Object>()
            .SetGroupName("Natt")
            .AddConstructor<IkeSa>()
            .AddTraceSource("State",
                            "The IKE SA's state (IkeSa::State)",
                            MakeTraceSourceAccessor(&IkeSa::m_state),
                            "ns3::TracedValueCallback::Uint8")
            .AddTraceSource("Conditions",
                            "The IKE SA's condition flags (IkeSa::Condition), e.g. NAT here",
                            MakeTraceSourceAccessor(&IkeSa::m_conditions),
                            "ns3::TracedValueCallback::Uint32");
    return tid;
}

IkeSa::IkeSa() = default;

const char*
IkeSa::StateToString(State state)
{
    switch (state)
    {
    case CREATED:
        return "created";
    case CONNECTING:
        return "connecting";
    case ESTABLISHED:
        return "established";
    case REKEYING:
        return "rekeying";
    case DELETING:
        return "deleting";
    case DESTROYED:
        return "destroyed";
    case FAILED:
        return "failed";
    }
    return "unknown";
}

uint8_t
IkeSa::GetVersion() const
{
    return m_version;
}

void
IkeSa::SetVersion(uint8_t version)
{
    m_version = version;
}

bool
IkeSa::IsInitiator() const
{
    return m_initiator;
}

void
IkeSa::SetInitiator(bool initiator)
{
    m_initiator = initiator;
}

uint64_t
IkeSa::GetInitiatorSpi() const
{
    return m_initiatorSpi;
}

uint64_t
IkeSa::GetResponderSpi() const
{
    return m_responderSpi;
}

void
IkeSa::SetSpis(uint64_t initiatorSpi, uint64_t responderSpi)
{
    m_initiatorSpi = initiatorSpi;
    m_responderSpi = responderSpi;
}

IkeSa::State
IkeSa::GetState() const
{
    return static_cast<State>(m_state.Get());
}

void
IkeSa::SetState(State state)
{
    NS_LOG_FUNCTION(this << StateToString(state));
    if (state == ESTABLISHED && GetState() != ESTABLISHED)
    {
        m_established = Simulator::Now();
    }
    m_state = state;
}

const std::string&
IkeSa::GetFailureReason() const
{
    return m_failureReason;
}

void
IkeSa::Fail(const std::string& reason)
{
    NS_LOG_FUNCTION(this << reason);
    m_failureReason = reason;
    m_state = FAILED;
}

uint32_t
IkeSa::GetConditions() const
{
    return m_conditions;
}

bool
IkeSa::Has(Condition condition) const
{
    return (m_conditions & condition) != 0;
}

void
IkeSa::Set(Condition condition, bool on)
{
    uint32_t value = m_conditions;
    m_conditions = on ? (value | condition) : (value & ~condition);
}

bool
IkeSa::IsBehindNat() const
{
    return Has(COND_NAT_HERE) || Has(COND_NAT_THERE) || Has(COND_NAT_FAKED);
}

const IkeEndpoint&
IkeSa::GetLocal() const
{
    return m_local;
}

const IkeEndpoint&
IkeSa::GetRemote() const
{
    return m_remote;
}

void
IkeSa::SetLocal(const IkeEndpoint& local)
{
    m_local = local;
}

void
IkeSa::SetRemote(const IkeEndpoint& remote)
{
    m_remote = remote;
}

const IkePeerConfig&
IkeSa::GetConfig() const
{
    return m_config;
}

void
IkeSa::SetConfig(const IkePeerConfig& config)
{
    m_config = config;
}

std::vector<IkeChildSa>&
IkeSa::GetChildSas()
{
    return m_children;
}

const std::vector<IkeChildSa>&
IkeSa::GetChildSas() const
{
    return m_children;
}

const std::vector<uint8_t>&
IkeSa::GetPeerCertificate() const
{
    return m_peerCertificate;
}

void
IkeSa::SetPeerCertificate(const std::vector<uint8_t>& der)
{
    m_peerCertificate = der;
}

Time
IkeSa::GetStartTime() const
{
    return m_start;
}

void
IkeSa::SetStartTime(Time t)
{
    m_start = t;
}

Time
IkeSa::GetEstablishedTime() const
{
    return m_established;
}

} // namespace ns3
