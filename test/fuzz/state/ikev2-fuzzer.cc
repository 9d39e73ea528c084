/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the IKEv2 daemon (Ikev2Handler and its task managers) at
// each state of an exchange. Two daemons run a real exchange over the
// loopback transport up to the state the selector byte names, then the
// side it names (responder or initiator) is handed the fuzzed messages.
//
// Selector: bit 0 the side (0 responder, 1 initiator), the rest the state
// (State below). Flags:
//   bit 0  protect: each message is [ISAKMP header][inner payload chain];
//          the harness puts the SA's SPIs in, the message ID the target
//          expects (unless bit 1), and wraps the chain in an SK payload
//          encrypted and integrity-protected with the peer's keys, so the
//          mutations reach the tasks behind the ICV (RFC 7296 3.14);
//   bit 1  keep the fuzzed message ID;
//   bit 2  wrap in SKF (RFC 7383 2.5), fragment number and total taken
//          from the two bytes after the ISAKMP header;
//   bit 3  deliver on port 4500 instead of 500.
// Without bit 0 the messages are delivered as they are.
//
// Every message from the wire must end in a response, a counted drop or a
// failed SA; nothing may crash or abort.

#include "fuzz-input.h"
#include "ike-fuzz-util.h"
#include "ikev2-test-util.h"

#include "ns3/aes-cbc.h"
#include "ns3/ikev2-encrypted-fragment-payload.h"
#include "ns3/ikev2-encrypted-payload.h"
#include "ns3/ikev2-message-protection.h"
#include "ns3/ikev2-task-manager.h"
#include "ns3/integrity.h"

using namespace ns3;
using natt_fuzz::Bytes;
using natt_fuzz::FuzzInput;

namespace
{

enum State : uint8_t
{
    FRESH,          ///< responder: nothing yet; initiator: IKE_SA_INIT request sent
    AFTER_INIT,     ///< IKE_SA_INIT done; IKE_AUTH next
    AUTH_FRAGMENTS, ///< IKE_AUTH in small fragments (RFC 7383), the first delivered
    ESTABLISHED,    ///< IKE_AUTH done: requests and responses of later exchanges
    CHILD_REKEY,    ///< the target's CREATE_CHILD_SA (child rekey) outstanding
    IKE_REKEY,      ///< the target's CREATE_CHILD_SA (IKE SA rekey) outstanding
    LIVENESS,       ///< the target's empty INFORMATIONAL outstanding
    DELETE_CHILD,   ///< the target's INFORMATIONAL with a Delete outstanding
    STATE_COUNT,
};

const char* const kStateNames[] = {"fresh",
                                   "after-init",
                                   "auth-fragments",
                                   "established",
                                   "child-rekey",
                                   "ike-rekey",
                                   "liveness",
                                   "delete-child"};

using ikev2test::Ikev2Pair;

/// The test suites' configurations, with the cheapest group (Curve25519, so
/// an input costs little), an address pool, and \p smallFragments: IKE_AUTH
/// in fragments of 160 bytes (RFC 7383).
std::pair<IkePeerConfig, IkePeerConfig>
Configs(bool smallFragments)
{
    IkePeerConfig i = ikev2test::InitiatorConfig();
    IkePeerConfig r = ikev2test::ResponderConfig();
    for (IkePeerConfig* c : {&i, &r})
    {
        c->proposal.dhGroup = 31;
        c->fragmentSize = smallFragments ? 160 : 1280;
    }
    r.addressPool = Ipv4Address("10.9.0.1");
    r.addressPoolSize = 4;
    return {i, r};
}

struct Pair : Ikev2Pair
{
    explicit Pair(bool smallFragments)
        : Ikev2Pair(Configs(smallFragments).first, Configs(smallFragments).second)
    {
    }

    static Ptr<IkeSa> First(Ptr<IkeDaemon> d)
    {
        auto sas = d->GetSas();
        return sas.empty() ? nullptr : sas.front();
    }

    /// Run the exchange up to \p state, for the target \p initiatorSide.
    void Drive(State state, bool initiatorSide)
    {
        i->Initiate("gateway");
        if (state == FRESH)
        {
            if (!initiatorSide)
            {
                tr->DropNext(); // the responder starts with nothing
            }
            return;
        }
        ToResponder(); // IKE_SA_INIT request
        if (state == AFTER_INIT && !initiatorSide)
        {
            return;
        }
        ToInitiator(); // IKE_SA_INIT response; the initiator sends IKE_AUTH
        if (state == AFTER_INIT)
        {
            return;
        }
        if (state == AUTH_FRAGMENTS)
        {
            // The first fragment reaches the target; the rest wait.
            if (!initiatorSide)
            {
                ToResponder();
                return;
            }
            while (ToResponder())
            {
            }
            ToInitiator();
            return;
        }
        ToResponder(); // IKE_AUTH request
        ToInitiator(); // IKE_AUTH response
        Ptr<IkeDaemon> target = initiatorSide ? i : r;
        Ptr<Ikev2Handler> handler = initiatorSide ? hi : hr;
        Ptr<IkeSa> sa = First(target);
        if (!sa || sa->GetState() != IkeSa::ESTABLISHED || sa->GetChildSas().empty())
        {
            return;
        }
        uint32_t spi = sa->GetChildSas().front().inboundSpi;
        switch (state)
        {
        case CHILD_REKEY:
            handler->RekeyChildSa(sa, spi);
            break;
        case IKE_REKEY:
            handler->RekeyIkeSa(sa);
            break;
        case LIVENESS:
            handler->CheckLiveness(sa);
            break;
        case DELETE_CHILD:
            handler->DeleteChildSa(sa, spi);
            break;
        default:
            break;
        }
    }
};

/**
 * \p inner wrapped in SK (or SKF) under \p sender's keys, as Ikev2MessageProtection
 * writes it (RFC 7296 3.14), but from raw bytes so malformed chains get in too.
 */
Ptr<Packet>
Protect(const IsakmpHeader& header,
        IkePayloadType firstInner,
        const Bytes& inner,
        const Ikev2Keys& keys,
        bool senderIsInitiator,
        bool fragment,
        uint16_t number,
        uint16_t total)
{
    std::size_t block = AesCbc::BlockSize;
    std::size_t padLength = (block - (inner.size() + 1) % block) % block;
    Bytes plaintext = inner;
    plaintext.insert(plaintext.end(), padLength, 0);
    plaintext.push_back(static_cast<uint8_t>(padLength));
    Bytes iv(block, 0x5a);
    auto cipher = AesCbc::Create(senderIsInitiator ? keys.GetSkEi() : keys.GetSkEr());
    Bytes ciphertext = cipher->Encrypt(iv, plaintext).GetValue();
    std::size_t icvSize = keys.GetIcvSize();
    IkeMessage m;
    m.GetHeader() = header;
    std::unique_ptr<Ikev2EncryptedPayload> sk;
    if (fragment)
    {
        auto skf = std::make_unique<Ikev2EncryptedFragmentPayload>();
        skf->SetFragmentNumber(number);
        skf->SetTotalFragments(total);
        sk = std::move(skf);
    }
    else
    {
        sk = std::make_unique<Ikev2EncryptedPayload>();
    }
    sk->SetNextPayload(firstInner);
    sk->SetData(iv, ciphertext, Bytes(icvSize, 0));
    m.AddPayload(std::move(sk));
    Bytes wire = Ikev2MessageProtection::ToBytes(Ikev2MessageProtection::ToPacket(m));
    auto integrity = Integrity::Create(keys.GetIntegrityAlgorithm(),
                                       senderIsInitiator ? keys.GetSkAi() : keys.GetSkAr());
    Bytes icv = integrity->ComputeIcv(wire.data(), wire.size() - icvSize);
    static_cast<Ikev2EncryptedPayload*>(m.GetPayload(0))->SetIcv(icv);
    return Ikev2MessageProtection::ToPacket(m);
}

/// The message the harness delivers for fuzzed \p bytes, or nullptr when there is none.
Ptr<Packet>
Build(const Bytes& bytes, uint8_t flags, Pair& pair, bool initiatorSide)
{
    if (!(flags & 0x01))
    {
        return Create<Packet>(bytes.data(), bytes.size());
    }
    Ptr<IkeDaemon> peer = initiatorSide ? pair.r : pair.i;
    Ptr<Ikev2Handler> peerHandler = initiatorSide ? pair.hr : pair.hi;
    Ptr<IkeDaemon> target = initiatorSide ? pair.i : pair.r;
    Ptr<Ikev2Handler> targetHandler = initiatorSide ? pair.hi : pair.hr;
    Ptr<IkeSa> peerSa = Pair::First(peer);
    Ptr<IkeSa> targetSa = Pair::First(target);
    if (!peerSa || !targetSa || bytes.size() < IsakmpHeader::kSize)
    {
        return nullptr;
    }
    Ptr<Ikev2TaskManager> peerManager = peerHandler->GetTaskManager(peerSa);
    Ptr<Ikev2TaskManager> targetManager = targetHandler->GetTaskManager(targetSa);
    if (!peerManager || !targetManager || !peerManager->GetContext().haveKeys)
    {
        return nullptr;
    }
    Buffer buffer;
    buffer.AddAtStart(IsakmpHeader::kSize);
    buffer.Begin().Write(bytes.data(), IsakmpHeader::kSize);
    IsakmpHeader header;
    header.Deserialize(buffer.Begin());
    header.SetInitiatorSpi(targetSa->GetInitiatorSpi());
    header.SetResponderSpi(targetSa->GetResponderSpi());
    if (!(flags & 0x02))
    {
        header.SetMessageId(header.HasFlag(IsakmpHeader::IKEV2_RESPONSE)
                                ? targetManager->GetNextRequestId()
                                : targetManager->GetExpectedRequestId());
    }
    std::size_t at = IsakmpHeader::kSize;
    uint16_t number = 1;
    uint16_t total = 1;
    bool fragment = flags & 0x04;
    if (fragment && bytes.size() >= at + 2)
    {
        number = bytes[at];
        total = bytes[at + 1];
        at += 2;
    }
    Bytes inner(bytes.begin() + at, bytes.end());
    auto first = static_cast<IkePayloadType>(header.GetNextPayload());
    header.SetNextPayload(fragment ? IKEV2_PAYLOAD_SKF : IKEV2_PAYLOAD_SK);
    header.SetLength(0); // Serialize writes the real length
    return Protect(header,
                   first,
                   inner,
                   peerManager->GetContext().keys,
                   peerSa->IsInitiator(),
                   fragment,
                   number,
                   total);
}

/// Write one seed per state and side: the message the peer really sends next, as it
/// is, and decrypted into the protect layout when it is protected.
void
WriteSeeds()
{
    for (uint8_t state = 0; state < STATE_COUNT; ++state)
    {
        for (bool initiatorSide : {false, true})
        {
            Pair pair(state == AUTH_FRAGMENTS);
            pair.Drive(static_cast<State>(state), initiatorSide);
            Ptr<IkeLoopbackTransport> inbox = initiatorSide ? pair.ti : pair.tr;
            std::string name = std::string(kStateNames[state]) + (initiatorSide ? "-i" : "-r");
            FuzzInput raw;
            raw.selector = static_cast<uint8_t>(state << 1 | initiatorSide);
            if (state == FRESH && !initiatorSide)
            {
                pair.i->Initiate("gateway");
            }
            else if (state == ESTABLISHED)
            {
                // A liveness check from the peer (RFC 7296 1.4).
                Ptr<Ikev2Handler> peerHandler = initiatorSide ? pair.hr : pair.hi;
                Ptr<IkeSa> peerSa = Pair::First(initiatorSide ? pair.r : pair.i);
                if (peerSa)
                {
                    peerHandler->CheckLiveness(peerSa);
                }
            }
            else if (inbox->GetPending() == 0)
            {
                // The target's own request is outstanding: the peer's answer is next.
                (initiatorSide ? pair.tr : pair.ti)->DeliverNext();
            }
            while (inbox->GetPending() > 0 && raw.messages.size() < FuzzInput::kMaxMessages)
            {
                raw.messages.push_back(Ikev2MessageProtection::ToBytes(inbox->PeekPending()));
                inbox->DropNext();
            }
            raw.Write(name + "-raw");
            if (raw.messages.empty())
            {
                continue;
            }
            // The protect layout: decrypt with the target's own SA.
            Ptr<IkeDaemon> target = initiatorSide ? pair.i : pair.r;
            Ptr<Ikev2Handler> handler = initiatorSide ? pair.hi : pair.hr;
            Ptr<IkeSa> sa = Pair::First(target);
            Ptr<Ikev2TaskManager> manager = sa ? handler->GetTaskManager(sa) : nullptr;
            if (!manager || !manager->GetContext().haveKeys)
            {
                continue;
            }
            Ptr<Packet> p = Create<Packet>(raw.messages[0].data(), raw.messages[0].size());
            IkeMessage wire;
            p->RemoveHeader(wire);
            Ikev2MessageProtection protection(sa, [](uint32_t n) { return Bytes(n, 0); });
            IkeMessage plain;
            bool complete = false;
            std::string reason;
            if (!protection.Unprotect(wire, &manager->GetContext().keys, plain, complete, reason) ||
                !complete)
            {
                continue;
            }
            Bytes inner = IkeMessage::SerializePayloads(plain.GetPayloads());
            IsakmpHeader h = plain.GetHeader();
            h.SetNextPayload(plain.GetPayloads().empty()
                                 ? IKE_PAYLOAD_NONE
                                 : plain.GetPayloads()[0]->GetPayloadType());
            Ptr<Packet> hp = Create<Packet>();
            hp->AddHeader(h);
            FuzzInput protect;
            protect.selector = raw.selector;
            protect.flags = 0x01;
            Bytes message = Ikev2MessageProtection::ToBytes(hp);
            message.resize(IsakmpHeader::kSize);
            message.insert(message.end(), inner.begin(), inner.end());
            protect.messages.push_back(message);
            protect.Write(name + "-protect");
        }
    }
}

} // namespace

extern "C" int
LLVMFuzzerInitialize(int* argc, char*** argv)
{
    WriteSeeds();
    return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzInput input;
    if (!input.Read(data, size))
    {
        return 0;
    }
    bool initiatorSide = input.selector & 1;
    auto state = static_cast<State>((input.selector >> 1) % STATE_COUNT);
    Pair pair(state == AUTH_FRAGMENTS);
    pair.Drive(state, initiatorSide);
    Ptr<IkeLoopbackTransport> inbox = initiatorSide ? pair.ti : pair.tr;
    Ptr<IkeLoopbackTransport> outbox = initiatorSide ? pair.tr : pair.ti;
    // What the exchange left waiting for the target is not delivered: the
    // fuzzed messages come in its place.
    while (inbox->DropNext())
    {
    }
    uint16_t port = (input.flags & 0x08) ? IKE_NAT_T_UDP_PORT : IKE_UDP_PORT;
    IkeEndpoint from{initiatorSide ? ikev2test::kResponderAddress : ikev2test::kInitiatorAddress,
                     port};
    IkeEndpoint to{initiatorSide ? ikev2test::kInitiatorAddress : ikev2test::kResponderAddress,
                   port};
    for (const Bytes& bytes : input.messages)
    {
        natt_fuzz::DeliverAndSettle(inbox,
                                    outbox,
                                    Build(bytes, input.flags, pair, initiatorSide),
                                    from,
                                    to);
    }
    return 0;
}
