/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "crypto-types.h"

#include <openssl/crypto.h>

namespace ns3
{

bool
ConstantTimeEquals(const Bytes& a, const Bytes& b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace ns3
