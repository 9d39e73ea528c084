/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-opaque-payload.h"
#include "ike-payload-factory.h"

namespace ns3
{

std::unique_ptr<IkePayload>
CreateIkev1Payload(uint8_t payloadType)
{
    switch (payloadType)
    {
    case IKEV1_PAYLOAD_HASH:
        return std::make_unique<IkeHashPayload>();
    case IKEV1_PAYLOAD_SIG:
        return std::make_unique<IkeSignaturePayload>();
    case IKEV1_PAYLOAD_NONCE:
        return std::make_unique<IkeNoncePayload>(1);
    case IKEV1_PAYLOAD_VENDOR_ID:
        return std::make_unique<IkeVendorIdPayload>(1);
    case IKEV1_PAYLOAD_NAT_D:
        return std::make_unique<IkeNatDPayload>();
    default:
        return nullptr;
    }
}

} // namespace ns3
