/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "crypto-types.h"

#include <fstream>
#include <openssl/crypto.h>
#include <sstream>

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

CryptoResult<std::string>
ReadTextFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        return CryptoFailure{"cannot open " + path};
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
    {
        return CryptoFailure{"cannot read " + path};
    }
    return text.str();
}

} // namespace ns3
