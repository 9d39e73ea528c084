/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ikev1-main-mode-task.h"

namespace ns3
{

Ikev1MainModeTask::Ikev1MainModeTask(Ikev1TaskManager* manager, bool initiator)
    : Ikev1Phase1Task(manager, initiator)
{
}

std::string
Ikev1MainModeTask::GetName() const
{
    return "main-mode";
}

IkeTask::Status
Ikev1MainModeTask::Build(IkeMessage& message)
{
    switch (m_step++)
    {
    case 0: { // message 1 (initiator): SA
        auto sa = BuildSa();
        m_manager->saiB = sa->GetBodyBytes();
        message.AddPayload(std::move(sa));
        AddDpdVendorId(message);
        return NEED_MORE;
    }
    case 1: // message 2 (responder): the chosen SA
        message.AddPayload(BuildChosenSa());
        AddDpdVendorId(message);
        return NEED_MORE;
    case 2: // message 3 (initiator): KE, Ni
        AddKeNonce(message);
        return NEED_MORE;
    case 3: // message 4 (responder): KE, Nr; both sides can now derive the keys
        AddKeNonce(message);
        if (!DeriveKeys())
        {
            return Failed("bad-ke");
        }
        return NEED_MORE;
    case 4: // message 5 (initiator): encrypted IDii, [CERT], HASH_I / SIG_I
        message.GetHeader().SetFlag(IsakmpHeader::IKEV1_ENCRYPTION);
        AddId(message);
        AddProof(message);
        return NEED_MORE;
    case 5: // message 6 (responder): encrypted IDir, [CERT], HASH_R / SIG_R
        message.GetHeader().SetFlag(IsakmpHeader::IKEV1_ENCRYPTION);
        AddId(message);
        AddProof(message);
        return SUCCESS;
    }
    return Failed("internal");
}

IkeTask::Status
Ikev1MainModeTask::Process(const IkeMessage& message)
{
    switch (m_step++)
    {
    case 0: { // message 1 at the responder
        if (!AcceptOffer(message))
        {
            return Failed("no-proposal");
        }
        return NEED_MORE;
    }
    case 1: { // message 2 at the initiator: the responder's cookie and choice
        if (!AcceptChoice(message))
        {
            return Failed("no-proposal");
        }
        return NEED_MORE;
    }
    case 2: // message 3 at the responder
        return ReadKeNonce(message) ? NEED_MORE : Failed("bad-ke");
    case 3: // message 4 at the initiator
        if (!ReadKeNonce(message) || !DeriveKeys())
        {
            return Failed("bad-ke");
        }
        return NEED_MORE;
    case 4:   // message 5 at the responder
    case 5: { // message 6 at the initiator
        if (!message.GetHeader().HasFlag(IsakmpHeader::IKEV1_ENCRYPTION))
        {
            return Failed("auth-failed");
        }
        std::string reason = ReadPeerId(message);
        if (reason.empty())
        {
            reason = VerifyProof(message);
        }
        if (!reason.empty())
        {
            return Failed(reason);
        }
        return m_step == 6 ? SUCCESS : NEED_MORE;
    }
    }
    return Failed("internal");
}

} // namespace ns3
