/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "integrity.h"

namespace ns3
{

CryptoResult<Integrity>
Integrity::Create(IntegrityAlgorithm algorithm, const Bytes& key)
{
    if (key.size() != GetKeySize(algorithm))
    {
        return CryptoFailure{std::string(GetName(algorithm)) + " needs a " +
                             std::to_string(GetKeySize(algorithm)) + "-byte key, not " +
                             std::to_string(key.size())};
    }
    return Integrity(algorithm, key);
}

Integrity::Integrity(IntegrityAlgorithm algorithm, const Bytes& key)
    : m_algorithm(algorithm),
      m_hmac(GetHashAlgorithm(algorithm), key)
{
}

Bytes
Integrity::ComputeIcv(const uint8_t* data, std::size_t size)
{
    m_hmac.Update(data, size);
    return Hmac::Truncate(m_hmac.Final(), GetIcvSize(m_algorithm));
}

Bytes
Integrity::ComputeIcv(const Bytes& data)
{
    return ComputeIcv(data.data(), data.size());
}

bool
Integrity::VerifyIcv(const Bytes& data, const Bytes& icv)
{
    return ConstantTimeEquals(ComputeIcv(data), icv);
}

IntegrityAlgorithm
Integrity::GetAlgorithm() const
{
    return m_algorithm;
}

std::size_t
Integrity::GetKeySize(IntegrityAlgorithm algorithm)
{
    return MessageDigest::GetSize(GetHashAlgorithm(algorithm));
}

std::size_t
Integrity::GetIcvSize(IntegrityAlgorithm algorithm)
{
    switch (algorithm)
    {
    case IntegrityAlgorithm::HmacSha1_96:
        return 12;
    case IntegrityAlgorithm::HmacSha256_128:
        return 16;
    }
    return 0;
}

HashAlgorithm
Integrity::GetHashAlgorithm(IntegrityAlgorithm algorithm)
{
    switch (algorithm)
    {
    case IntegrityAlgorithm::HmacSha1_96:
        return HashAlgorithm::Sha1;
    case IntegrityAlgorithm::HmacSha256_128:
        return HashAlgorithm::Sha256;
    }
    return HashAlgorithm::Sha256;
}

const char*
Integrity::GetName(IntegrityAlgorithm algorithm)
{
    switch (algorithm)
    {
    case IntegrityAlgorithm::HmacSha1_96:
        return "HMAC-SHA1-96";
    case IntegrityAlgorithm::HmacSha256_128:
        return "HMAC-SHA-256-128";
    }
    return "?";
}

} // namespace ns3
