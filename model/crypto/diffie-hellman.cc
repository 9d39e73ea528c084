/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "diffie-hellman.h"

#include "modp-diffie-hellman.h"
#include "x25519.h"

namespace ns3
{

std::unique_ptr<DiffieHellman>
DiffieHellman::Create(uint16_t group)
{
    switch (group)
    {
    case Modp1024:
    case Modp1536:
    case Modp2048:
        return ModpDiffieHellman::Create(group);
    case Curve25519:
        return std::make_unique<X25519>();
    default:
        return nullptr;
    }
}

bool
DiffieHellman::IsSupported(uint16_t group)
{
    return group == Modp1024 || group == Modp1536 || group == Modp2048 || group == Curve25519;
}

CryptoStatus
DiffieHellman::SetPrivateValue(const Bytes& privateValue)
{
    m_lastPeerValue.clear();
    m_lastSecret.clear();
    auto publicValue = DoSetPrivateValue(privateValue);
    if (!publicValue)
    {
        m_publicValue.clear();
        return CryptoFailure{publicValue.GetReason()};
    }
    m_publicValue = std::move(publicValue).GetValue();
    return CryptoStatus();
}

bool
DiffieHellman::HasPrivateValue() const
{
    return !m_publicValue.empty();
}

const Bytes&
DiffieHellman::GetPublicValue() const
{
    return m_publicValue;
}

CryptoResult<Bytes>
DiffieHellman::ComputeSharedSecret(const Bytes& peerPublicValue) const
{
    if (!HasPrivateValue())
    {
        return CryptoFailure{"Diffie-Hellman: no private value set"};
    }
    // RFC 7296 section 3.4 and RFC 2409 section 5: the value on the wire has
    // exactly the group's length (MODP values are zero-padded to it).
    if (peerPublicValue.size() != GetPublicValueSize())
    {
        return CryptoFailure{"Diffie-Hellman group " + std::to_string(GetGroup()) +
                             ": peer public value of " + std::to_string(peerPublicValue.size()) +
                             " bytes, expected " + std::to_string(GetPublicValueSize())};
    }
    if (!m_lastPeerValue.empty() && m_lastPeerValue == peerPublicValue)
    {
        return m_lastSecret;
    }
    auto secret = DoComputeSharedSecret(peerPublicValue);
    if (secret)
    {
        m_lastPeerValue = peerPublicValue;
        m_lastSecret = secret.GetValue();
    }
    return secret;
}

} // namespace ns3
