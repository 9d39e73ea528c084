/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-cert-payload.h"
#include "ike-delete-payload.h"
#include "ike-id-payload.h"
#include "ike-ke-payload.h"
#include "ike-nat-oa-payload.h"
#include "ike-notify-payload.h"
#include "ike-opaque-payload.h"
#include "ike-payload-factory.h"
#include "ikev1-sa-payload.h"
#include "stenberg-probe-payload.h"

namespace ns3
{

std::unique_ptr<IkePayload>
CreateIkev1Payload(uint8_t payloadType)
{
    switch (payloadType)
    {
    case IKEV1_PAYLOAD_SA:
        return std::make_unique<Ikev1SaPayload>();
    case IKEV1_PAYLOAD_KE:
        return std::make_unique<IkeKePayload>(1);
    case IKEV1_PAYLOAD_ID:
        return std::make_unique<IkeIdPayload>(1);
    case IKEV1_PAYLOAD_CERT:
        return std::make_unique<IkeCertPayload>(1);
    case IKEV1_PAYLOAD_CERTREQ:
        return std::make_unique<IkeCertRequestPayload>(1);
    case IKEV1_PAYLOAD_HASH:
        return std::make_unique<IkeHashPayload>();
    case IKEV1_PAYLOAD_SIG:
        return std::make_unique<IkeSignaturePayload>();
    case IKEV1_PAYLOAD_NONCE:
        return std::make_unique<IkeNoncePayload>(1);
    case IKEV1_PAYLOAD_NOTIFY:
        return std::make_unique<IkeNotifyPayload>(1);
    case IKEV1_PAYLOAD_DELETE:
        return std::make_unique<IkeDeletePayload>(1);
    case IKEV1_PAYLOAD_VENDOR_ID:
        return std::make_unique<IkeVendorIdPayload>(1);
    case IKEV1_PAYLOAD_NAT_D:
        return std::make_unique<IkeNatDPayload>();
    case IKEV1_PAYLOAD_NAT_OA:
        return std::make_unique<IkeNatOaPayload>();
    case IKEV1_PAYLOAD_STENBERG:
        return std::make_unique<StenbergProbePayload>();
    default:
        return nullptr;
    }
}

} // namespace ns3
