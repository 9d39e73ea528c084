/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-aggressive-mode-task.h"

namespace ns3
{

Ikev1AggressiveModeTask::Ikev1AggressiveModeTask(Ikev1TaskManager* manager, bool initiator)
    : Ikev1Phase1Task(manager, initiator)
{
}

std::string
Ikev1AggressiveModeTask::GetName() const
{
    return "aggressive-mode";
}

IkeTask::Status
Ikev1AggressiveModeTask::Build(IkeMessage& message)
{
    switch (m_step++)
    {
    case 0: { // message 1 (initiator): SA, KE, Ni, IDii
        auto sa = BuildSa();
        m_manager->saiB = sa->GetBodyBytes();
        message.AddPayload(std::move(sa));
        AddKeNonce(message);
        AddId(message);
        AddDpdVendorId(message);
        return NEED_MORE;
    }
    case 1: // message 2 (responder): SA, KE, Nr, IDir, [CERT], HASH_R / SIG_R
        message.AddPayload(BuildChosenSa());
        AddKeNonce(message);
        if (!DeriveKeys())
        {
            return Failed("bad-ke");
        }
        AddId(message);
        AddProof(message);
        AddDpdVendorId(message);
        return NEED_MORE;
    case 2: // message 3 (initiator): [CERT], HASH_I / SIG_I, sent in the clear (RFC 2409 5)
        AddProof(message);
        return SUCCESS;
    }
    return Failed("internal");
}

IkeTask::Status
Ikev1AggressiveModeTask::Process(const IkeMessage& message)
{
    switch (m_step++)
    {
    case 0: { // message 1 at the responder
        if (!AcceptOffer(message))
        {
            return Failed("no-proposal");
        }
        if (!ReadKeNonce(message))
        {
            return Failed("bad-ke");
        }
        std::string reason = ReadPeerId(message);
        return reason.empty() ? NEED_MORE : Failed(reason);
    }
    case 1: { // message 2 at the initiator
        if (!AcceptChoice(message))
        {
            return Failed("no-proposal");
        }
        if (!ReadKeNonce(message) || !DeriveKeys())
        {
            return Failed("bad-ke");
        }
        std::string reason = ReadPeerId(message);
        if (reason.empty())
        {
            reason = VerifyProof(message);
        }
        return reason.empty() ? NEED_MORE : Failed(reason);
    }
    case 2: { // message 3 at the responder
        std::string reason = VerifyProof(message);
        return reason.empty() ? SUCCESS : Failed(reason);
    }
    }
    return Failed("internal");
}

} // namespace ns3
