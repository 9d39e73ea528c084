/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-opaque-payload.h"
#include "ike-payload-factory.h"

namespace ns3
{

std::unique_ptr<IkePayload>
CreateIkev2Payload(uint8_t payloadType)
{
    switch (payloadType)
    {
    case IKEV2_PAYLOAD_NONCE:
        return std::make_unique<IkeNoncePayload>(2);
    case IKEV2_PAYLOAD_VENDOR_ID:
        return std::make_unique<IkeVendorIdPayload>(2);
    default:
        return nullptr;
    }
}

} // namespace ns3
