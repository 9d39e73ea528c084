/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Fuzz target: the IKEv1 daemon (Ikev1Handler, its task manager and the
// Main, Aggressive, Quick Mode and Informational tasks) at each step of an
// exchange. Two daemons run a real exchange over the loopback transport
// until message n of it waits for its receiver; the harness drops that
// message and delivers the fuzzed ones in its place.
//
// Selector: the step (Step below). Flags:
//   bit 0  protect: each message is [ISAKMP header][plaintext body]; the
//          harness puts in the cookies (and, unless bit 1, the message ID)
//          of the message it replaces and encrypts the body with the
//          receiver's own key and IV (RFC 2409 5.3, appendix B), so the
//          mutations reach the payload processing behind the encryption;
//   bit 1  keep the fuzzed message ID;
//   bit 2  deliver on port 4500 instead of 500.
// Without bit 0 the messages are delivered as they are.
//
// Every message from the wire must end in a reply, a counted drop or a
// failed SA; nothing may crash or abort.

#include "fuzz-input.h"
#include "ike-fuzz-util.h"
#include "ikev1-test-util.h"

#include "ns3/aes-cbc.h"
#include "ns3/ikev1-task-manager.h"

using namespace ns3;
using natt_fuzz::Bytes;
using natt_fuzz::FuzzInput;

namespace
{

struct Step
{
    const char* name;
    bool aggressive;
    /// Messages delivered before the fuzzed one (the next is the replaced one).
    uint32_t delivered;

    /// After the exchange: what one side starts (NONE: nothing).
    enum Action : uint8_t
    {
        NONE,
        DPD,
        CHILD_REKEY,
        IKE_REKEY,
        DELETE,
    } action{NONE};

    bool initiatorActs{false};
};

// Who receives each message, in the order they are sent: Main Mode MM1-MM6
// then Quick Mode QM1-QM3 (RFC 2409 5, 5.5); Aggressive Mode AM1-AM3, the
// initiator's QM1 right after its AM3, then QM2 and QM3.
const char kMainOrder[] = "ririririr";
const char kAggressiveOrder[] = "rirrir";

const Step kSteps[] = {
    {"main-1", false, 0},
    {"main-2", false, 1},
    {"main-3", false, 2},
    {"main-4", false, 3},
    {"main-5", false, 4},
    {"main-6", false, 5},
    {"main-quick-1", false, 6},
    {"main-quick-2", false, 7},
    {"main-quick-3", false, 8},
    {"aggressive-1", true, 0},
    {"aggressive-2", true, 1},
    {"aggressive-3", true, 2},
    {"aggressive-quick-1", true, 3},
    {"aggressive-quick-2", true, 4},
    {"aggressive-quick-3", true, 5},
    {"dpd-i", false, 9, Step::DPD, true},
    {"dpd-r", false, 9, Step::DPD, false},
    {"child-rekey-i", false, 9, Step::CHILD_REKEY, true},
    {"child-rekey-r", false, 9, Step::CHILD_REKEY, false},
    {"ike-rekey-i", false, 9, Step::IKE_REKEY, true},
    {"ike-rekey-r", false, 9, Step::IKE_REKEY, false},
    {"delete-i", false, 9, Step::DELETE, true},
    {"delete-r", false, 9, Step::DELETE, false},
};

const std::size_t kStepCount = sizeof(kSteps) / sizeof(kSteps[0]);

using ikev1test::kInitiator;
using ikev1test::kResponder;

/// The test suites' pair (PSK, subnet selectors, deterministic streams),
/// with the cheapest group (Curve25519, so an input costs little) and the
/// IPsec databases child SAs go into.
struct Pair : ikev1test::Ikev1Pair
{
    /// Whether the target (the receiver of the replaced message) is the initiator.
    bool initiatorSide{false};

    explicit Pair(bool aggressive)
    {
        UseDatabases();
        for (IkePeerConfig* c : {&ci, &cr})
        {
            c->proposal.dhGroup = 31;
            c->ikev1Mode = aggressive ? IkePeerConfig::AGGRESSIVE_MODE : IkePeerConfig::MAIN_MODE;
        }
    }

    static Ptr<IkeSa> First(Ptr<IkeDaemon> d)
    {
        auto sas = d->GetSas();
        return sas.empty() ? nullptr : sas.front();
    }

    Ptr<IkeLoopbackTransport> Inbox() const
    {
        return initiatorSide ? ti : tr;
    }

    /// Run the exchange until the replaced message waits in the target's inbox.
    void Drive(const Step& step)
    {
        Start();
        const char* order = step.aggressive ? kAggressiveOrder : kMainOrder;
        for (uint32_t n = 0; n < step.delivered; ++n)
        {
            (order[n] == 'r' ? tr : ti)->DeliverNext();
        }
        initiatorSide = order[step.delivered] == 'i';
        if (step.action == Step::NONE)
        {
            return;
        }
        // The actor starts an exchange; its first message waits for the other side.
        Ptr<IkeDaemon> actor = step.initiatorActs ? i : r;
        Ptr<Ikev1Handler> handler = step.initiatorActs ? hi : hr;
        initiatorSide = !step.initiatorActs;
        Ptr<IkeSa> sa = First(actor);
        if (!sa || sa->GetState() != IkeSa::ESTABLISHED)
        {
            return;
        }
        switch (step.action)
        {
        case Step::DPD:
            handler->SendDpd(sa);
            break;
        case Step::CHILD_REKEY:
            if (!sa->GetChildSas().empty())
            {
                handler->RekeyChildSa(sa, sa->GetChildSas().front().inboundSpi);
            }
            break;
        case Step::IKE_REKEY:
            handler->RekeyIkeSa(sa);
            break;
        case Step::DELETE:
            handler->Delete(sa);
            break;
        default:
            break;
        }
    }

    /// The target's task manager for the SA the replaced message belongs to.
    Ptr<Ikev1TaskManager> TargetManager(uint64_t cookieI) const
    {
        Ptr<IkeDaemon> target = initiatorSide ? i : r;
        Ptr<Ikev1Handler> handler = initiatorSide ? hi : hr;
        for (const auto& sa : target->GetSas())
        {
            if (sa->GetInitiatorSpi() == cookieI)
            {
                return handler->GetTaskManager(sa);
            }
        }
        return nullptr;
    }
};

IsakmpHeader
ReadHeader(const Bytes& bytes)
{
    Buffer buffer;
    buffer.AddAtStart(IsakmpHeader::kSize);
    buffer.Begin().Write(bytes.data(), IsakmpHeader::kSize);
    IsakmpHeader header;
    header.Deserialize(buffer.Begin());
    return header;
}

Ptr<Packet>
Build(const Bytes& bytes, uint8_t flags, const Pair& pair, const IsakmpHeader* replaced)
{
    if (!(flags & 0x01) || replaced == nullptr || bytes.size() < IsakmpHeader::kSize)
    {
        return Create<Packet>(bytes.data(), bytes.size());
    }
    Ptr<Ikev1TaskManager> manager = pair.TargetManager(replaced->GetInitiatorSpi());
    if (!manager || !manager->keys || !manager->keys->IsReady())
    {
        return Create<Packet>(bytes.data(), bytes.size());
    }
    IsakmpHeader header = ReadHeader(bytes);
    header.SetMajorVersion(1);
    header.SetInitiatorSpi(replaced->GetInitiatorSpi());
    header.SetResponderSpi(replaced->GetResponderSpi());
    if (!(flags & 0x02))
    {
        header.SetMessageId(replaced->GetMessageId());
    }
    header.SetFlags(header.GetFlags() | IsakmpHeader::IKEV1_ENCRYPTION);
    Bytes plain(bytes.begin() + IsakmpHeader::kSize, bytes.end());
    // Zero padding to the block size (RFC 2409 5.3), one block at least: CBC
    // has nothing to encrypt in an empty body.
    std::size_t blocks =
        std::max<std::size_t>(1, (plain.size() + AesCbc::BlockSize - 1) / AesCbc::BlockSize);
    plain.resize(blocks * AesCbc::BlockSize);
    // A copy of the receiver's keys encrypts with the IV the receiver will
    // decrypt with (IKEv1 has one key for both directions, RFC 2409 5.3).
    Ikev1Keys keys = *manager->keys;
    IkeMessage out;
    out.GetHeader() = header;
    out.SetEncryptedBody(keys.Encrypt(header.GetMessageId(), plain));
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(out);
    return p;
}

Bytes
ToBytes(Ptr<const Packet> p)
{
    Bytes out(p->GetSize());
    p->CopyData(out.data(), out.size());
    return out;
}

/// One seed per step: the replaced message as it was sent, and decrypted into the
/// protect layout when it was encrypted.
void
WriteSeeds()
{
    for (std::size_t k = 0; k < kStepCount; ++k)
    {
        Pair pair(kSteps[k].aggressive);
        pair.Drive(kSteps[k]);
        FuzzInput raw;
        raw.selector = static_cast<uint8_t>(k);
        if (pair.Inbox()->GetPending() == 0)
        {
            continue;
        }
        Bytes wire = ToBytes(pair.Inbox()->PeekPending());
        raw.messages.push_back(wire);
        raw.Write(std::string(kSteps[k].name) + "-raw");
        IkeMessage parsed;
        Create<Packet>(wire.data(), wire.size())->RemoveHeader(parsed);
        const IsakmpHeader& h = parsed.GetHeader();
        Ptr<Ikev1TaskManager> manager = pair.TargetManager(h.GetInitiatorSpi());
        if (!h.HasFlag(IsakmpHeader::IKEV1_ENCRYPTION) || !manager || !manager->keys ||
            !manager->keys->IsReady())
        {
            continue;
        }
        Ikev1Keys keys = *manager->keys;
        Bytes plain = keys.Decrypt(h.GetMessageId(), parsed.GetEncryptedBody());
        FuzzInput protect;
        protect.selector = raw.selector;
        protect.flags = 0x01;
        Bytes message(wire.begin(), wire.begin() + IsakmpHeader::kSize);
        message.insert(message.end(), plain.begin(), plain.end());
        protect.messages.push_back(message);
        protect.Write(std::string(kSteps[k].name) + "-protect");
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
    const Step& step = kSteps[input.selector % kStepCount];
    Pair pair(step.aggressive);
    pair.Drive(step);
    Ptr<IkeLoopbackTransport> inbox = pair.Inbox();
    Ptr<IkeLoopbackTransport> outbox = pair.initiatorSide ? pair.tr : pair.ti;
    // The message the fuzzed ones replace: its header gives the protect
    // mode its cookies and message ID.
    bool haveReplaced = false;
    IsakmpHeader replaced;
    if (inbox->GetPending() > 0)
    {
        Bytes wire = ToBytes(inbox->PeekPending());
        if (wire.size() >= IsakmpHeader::kSize)
        {
            replaced = ReadHeader(wire);
            haveReplaced = true;
        }
    }
    while (inbox->DropNext())
    {
    }
    uint16_t port = (input.flags & 0x04) ? IKE_NAT_T_UDP_PORT : IKE_UDP_PORT;
    IkeEndpoint from{pair.initiatorSide ? kResponder : kInitiator, port};
    IkeEndpoint to{pair.initiatorSide ? kInitiator : kResponder, port};
    for (const Bytes& bytes : input.messages)
    {
        natt_fuzz::DeliverAndSettle(
            inbox,
            outbox,
            Build(bytes, input.flags, pair, haveReplaced ? &replaced : nullptr),
            from,
            to);
    }
    return 0;
}
