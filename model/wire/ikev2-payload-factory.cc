/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-cert-payload.h"
#include "ike-delete-payload.h"
#include "ike-id-payload.h"
#include "ike-ke-payload.h"
#include "ike-notify-payload.h"
#include "ike-opaque-payload.h"
#include "ike-payload-factory.h"
#include "ikev2-auth-payload.h"
#include "ikev2-configuration-payload.h"
#include "ikev2-encrypted-fragment-payload.h"
#include "ikev2-encrypted-payload.h"
#include "ikev2-sa-payload.h"
#include "ikev2-traffic-selector-payload.h"

namespace ns3
{

std::unique_ptr<IkePayload>
CreateIkev2Payload(uint8_t payloadType)
{
    switch (payloadType)
    {
    case IKEV2_PAYLOAD_SA:
        return std::make_unique<Ikev2SaPayload>();
    case IKEV2_PAYLOAD_KE:
        return std::make_unique<IkeKePayload>(2);
    case IKEV2_PAYLOAD_IDI:
        return std::make_unique<IkeIdPayload>(2, true);
    case IKEV2_PAYLOAD_IDR:
        return std::make_unique<IkeIdPayload>(2, false);
    case IKEV2_PAYLOAD_CERT:
        return std::make_unique<IkeCertPayload>(2);
    case IKEV2_PAYLOAD_CERTREQ:
        return std::make_unique<IkeCertRequestPayload>(2);
    case IKEV2_PAYLOAD_AUTH:
        return std::make_unique<Ikev2AuthPayload>();
    case IKEV2_PAYLOAD_NONCE:
        return std::make_unique<IkeNoncePayload>(2);
    case IKEV2_PAYLOAD_NOTIFY:
        return std::make_unique<IkeNotifyPayload>(2);
    case IKEV2_PAYLOAD_DELETE:
        return std::make_unique<IkeDeletePayload>(2);
    case IKEV2_PAYLOAD_VENDOR_ID:
        return std::make_unique<IkeVendorIdPayload>(2);
    case IKEV2_PAYLOAD_TSI:
    case IKEV2_PAYLOAD_TSR:
        return std::make_unique<Ikev2TrafficSelectorPayload>(payloadType);
    case IKEV2_PAYLOAD_SK:
        return std::make_unique<Ikev2EncryptedPayload>();
    case IKEV2_PAYLOAD_CP:
        return std::make_unique<Ikev2ConfigurationPayload>();
    case IKEV2_PAYLOAD_SKF:
        return std::make_unique<Ikev2EncryptedFragmentPayload>();
    default:
        return nullptr;
    }
}

} // namespace ns3
