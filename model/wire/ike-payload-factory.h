/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_PAYLOAD_FACTORY_H
#define NATT_IKE_PAYLOAD_FACTORY_H

#include "ike-payload.h"

#include <memory>

namespace ns3
{

/**
 * \ingroup natt-wire
 * \return an empty payload object of the class that parses \p payloadType in
 *         IKE version \p majorVersion, or nullptr when the type is unknown
 *         (the caller keeps unknown payloads as IkeOpaquePayload).
 */
std::unique_ptr<IkePayload> CreateIkePayload(uint8_t majorVersion, uint8_t payloadType);

/// The IKEv1 part of CreateIkePayload (ikev1-payload-factory.cc).
std::unique_ptr<IkePayload> CreateIkev1Payload(uint8_t payloadType);
/// The IKEv2 part of CreateIkePayload (ikev2-payload-factory.cc).
std::unique_ptr<IkePayload> CreateIkev2Payload(uint8_t payloadType);

} // namespace ns3

#endif /* NATT_IKE_PAYLOAD_FACTORY_H */
