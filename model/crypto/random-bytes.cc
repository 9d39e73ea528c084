/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "random-bytes.h"

namespace ns3
{

Bytes
DrawRandomBytes(Ptr<UniformRandomVariable> stream, std::size_t size)
{
    Bytes out(size);
    for (auto& byte : out)
    {
        byte = static_cast<uint8_t>(stream->GetInteger(0, 255));
    }
    return out;
}

} // namespace ns3
