/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_PORTS_H
#define NATT_IKE_PORTS_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup natt
 * UDP port of IKE (IANA "isakmp"): RFC 2408 2.5.1 for IKEv1, RFC 7296 2
 * for IKEv2. RFC 3715 2.3 o is about NATs that treat this port specially.
 */
constexpr uint16_t IKE_UDP_PORT = 500;

/**
 * \ingroup natt
 * UDP port of NAT traversal (IANA "ipsec-nat-t"): ESP in UDP (RFC 3948
 * 2.1) and IKE after the port float (RFC 3947 4, RFC 7296 2.23), told
 * apart by the non-ESP marker.
 */
constexpr uint16_t IKE_NAT_T_UDP_PORT = 4500;

} // namespace ns3

#endif /* NATT_IKE_PORTS_H */
