/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipsec-cipher-suite.h"

#include <openssl/crypto.h>

namespace ns3
{

std::shared_ptr<IpsecCipherSuite>
IpsecCipherSuite::Create(const IpsecTransform& transform, std::string* error)
{
    std::shared_ptr<IpsecCipherSuite> suite(new IpsecCipherSuite());
    suite->m_encryption = transform.encryption;
    switch (transform.encryption)
    {
    case IpsecTransform::ENCR_AES_CBC: {
        auto cbc = AesCbc::Create(transform.encryptionKey);
        if (!cbc)
        {
            *error = "AES-CBC key: " + cbc.GetReason();
            return nullptr;
        }
        suite->m_cbc.emplace(std::move(cbc).GetValue());
        break;
    }
    case IpsecTransform::ENCR_AES_GCM_16: {
        auto gcm = AesGcm::Create(transform.encryptionKey, 16);
        if (!gcm)
        {
            *error = "AES-GCM key: " + gcm.GetReason();
            return nullptr;
        }
        suite->m_gcm.emplace(std::move(gcm).GetValue());
        // RFC 4106 8.4: GCM authenticates by itself; no separate integrity.
        return suite;
    }
    case IpsecTransform::ENCR_NULL:
        break;
    }
    if (transform.integrity == IpsecTransform::INTEG_NONE)
    {
        // RFC 4303 3.2: without a combined-mode cipher ESP needs integrity here.
        *error = "integrity algorithm required";
        return nullptr;
    }
    IntegrityAlgorithm algorithm = transform.integrity == IpsecTransform::INTEG_HMAC_SHA1_96
                                       ? IntegrityAlgorithm::HmacSha1_96
                                       : IntegrityAlgorithm::HmacSha256_128;
    auto integrity = Integrity::Create(algorithm, transform.integrityKey);
    if (!integrity)
    {
        *error = "integrity key: " + integrity.GetReason();
        return nullptr;
    }
    suite->m_integrity.emplace(std::move(integrity).GetValue());
    return suite;
}

uint32_t
IpsecCipherSuite::GetIvSize() const
{
    switch (m_encryption)
    {
    case IpsecTransform::ENCR_AES_CBC:
        return AesCbc::BlockSize;
    case IpsecTransform::ENCR_AES_GCM_16:
        return AesGcm::IvSize;
    default:
        return 0;
    }
}

uint32_t
IpsecCipherSuite::GetIcvSize() const
{
    if (m_gcm)
    {
        return static_cast<uint32_t>(m_gcm->GetIcvSize());
    }
    return m_integrity ? static_cast<uint32_t>(Integrity::GetIcvSize(m_integrity->GetAlgorithm()))
                       : 0;
}

uint32_t
IpsecCipherSuite::GetBlockSize() const
{
    return m_encryption == IpsecTransform::ENCR_AES_CBC ? AesCbc::BlockSize : 4;
}

bool
IpsecCipherSuite::Seal(const uint8_t* header, const Bytes& iv, const Bytes& plaintext, Bytes& out)
{
    // The packet's final size, reserved once: header, IV, ciphertext (as
    // long as the padded plaintext, RFC 4303 2.4) and ICV; four growing
    // inserts reallocated it per packet.
    out.reserve(8 + iv.size() + plaintext.size() + GetIcvSize());
    out.assign(header, header + 8);
    out.insert(out.end(), iv.begin(), iv.end());
    if (m_gcm)
    {
        Bytes aad(header, header + 8);
        auto sealed = m_gcm->Encrypt(iv, aad, plaintext);
        if (!sealed)
        {
            return false;
        }
        out.insert(out.end(), sealed->begin(), sealed->end());
        return true;
    }
    if (m_cbc)
    {
        auto ciphertext = m_cbc->Encrypt(iv, plaintext);
        if (!ciphertext)
        {
            return false;
        }
        out.insert(out.end(), ciphertext->begin(), ciphertext->end());
    }
    else
    {
        out.insert(out.end(), plaintext.begin(), plaintext.end());
    }
    Bytes icv = m_integrity->ComputeIcv(out.data(), out.size());
    out.insert(out.end(), icv.begin(), icv.end());
    return true;
}

IpsecCipherSuite::OpenStatus
IpsecCipherSuite::Open(const uint8_t* esp, std::size_t size, Bytes& plaintext)
{
    std::size_t ivSize = GetIvSize();
    std::size_t icvSize = GetIcvSize();
    // The trailer's two fixed bytes must be there at least.
    if (size < 8 + ivSize + icvSize + 2)
    {
        return OPEN_TRUNCATED;
    }
    Bytes iv(esp + 8, esp + 8 + ivSize);
    const uint8_t* body = esp + 8 + ivSize;
    std::size_t bodySize = size - 8 - ivSize - icvSize;
    if (m_gcm)
    {
        Bytes aad(esp, esp + 8);
        Bytes sealed(body, body + bodySize + icvSize);
        auto opened = m_gcm->Decrypt(iv, aad, sealed);
        if (!opened)
        {
            return OPEN_ICV_FAILURE;
        }
        plaintext = std::move(opened).GetValue();
        return OPEN_OK;
    }
    // Verify before decrypting (RFC 4303 3.4.4): forged packets cost one HMAC only.
    Bytes icv = m_integrity->ComputeIcv(esp, size - icvSize);
    if (CRYPTO_memcmp(icv.data(), esp + size - icvSize, icvSize) != 0)
    {
        return OPEN_ICV_FAILURE;
    }
    if (m_cbc)
    {
        if (bodySize % AesCbc::BlockSize != 0)
        {
            return OPEN_TRUNCATED;
        }
        auto opened = m_cbc->Decrypt(iv, Bytes(body, body + bodySize));
        if (!opened)
        {
            return OPEN_CRYPTO_ERROR;
        }
        plaintext = std::move(opened).GetValue();
        return OPEN_OK;
    }
    plaintext.assign(body, body + bodySize);
    return OPEN_OK;
}

Bytes
IpsecCipherSuite::ComputeIcv(const Bytes& data)
{
    return m_integrity ? m_integrity->ComputeIcv(data) : Bytes();
}

} // namespace ns3
