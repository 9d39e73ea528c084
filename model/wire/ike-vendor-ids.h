/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_VENDOR_IDS_H
#define NATT_IKE_VENDOR_IDS_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-wire
 * Vendor ID payload contents (RFC 2408 3.16) that announce NAT-traversal
 * support in IKEv1 Main Mode. They are MD5 hashes of a name, written out
 * here so that nothing hashes at run time; test/ikev1-payloads-test.cc
 * recomputes them with OpenSSL.
 */

/// The name draft-stenberg 3.1.1 gives as its vendor ID.
inline const char* const kStenbergDraftName = "draft-stenberg-ipsec-nat-traversal-00";

/**
 * MD5("draft-stenberg-ipsec-nat-traversal-00").
 *
 * The draft (3.1.1) names the vendor ID by that string but not how it is
 * encoded. natt sends its MD5 hash: RFC 2408 3.16 describes a vendor ID
 * as a hash of the vendor string, and every later NAT-T announcement was
 * sent that way (the -01 and -02 revisions of this draft, the
 * draft-ietf-ipsec-nat-t-ike series and RFC 3947 itself), which is also
 * the form Wireshark and strongSwan recognise.
 */
inline const std::vector<uint8_t> kIkeVendorIdStenberg00 = {0xcb,
                                                            0x5d,
                                                            0x8f,
                                                            0xc4,
                                                            0x9a,
                                                            0x63,
                                                            0x1e,
                                                            0x2d,
                                                            0x71,
                                                            0xd0,
                                                            0xae,
                                                            0x62,
                                                            0x08,
                                                            0xd7,
                                                            0xb9,
                                                            0x08};

/// MD5("RFC 3947"): support for NAT-T as RFC 3947 3.1 defines it.
inline const std::vector<uint8_t> kIkeVendorIdRfc3947 = {0x4a,
                                                         0x13,
                                                         0x1c,
                                                         0x81,
                                                         0x07,
                                                         0x03,
                                                         0x58,
                                                         0x45,
                                                         0x5c,
                                                         0x57,
                                                         0x28,
                                                         0xf2,
                                                         0x0e,
                                                         0x95,
                                                         0x45,
                                                         0x2f};

} // namespace ns3

#endif /* NATT_IKE_VENDOR_IDS_H */
