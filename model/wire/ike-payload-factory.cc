/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-payload-factory.h"

namespace ns3
{

std::unique_ptr<IkePayload>
CreateIkePayload(uint8_t majorVersion, uint8_t payloadType)
{
    switch (majorVersion)
    {
    case 1:
        return CreateIkev1Payload(payloadType);
    case 2:
        return CreateIkev2Payload(payloadType);
    default:
        return nullptr;
    }
}

} // namespace ns3
