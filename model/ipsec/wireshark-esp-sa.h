/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_WIRESHARK_ESP_SA_H
#define NATT_WIRESHARK_ESP_SA_H

#include "security-association.h"

#include "ns3/ptr.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup natt-ipsec
 * \brief One line of Wireshark's ESP SA table (the `esp_sa` file of a
 * profile, Wireshark 4.0 column order: protocol, source, destination, SPI,
 * encryption, key, authentication, key), for \p sa in the direction its
 * packets travel. Empty for AH SAs and for algorithms Wireshark lacks.
 */
std::string FormatWiresharkEspSa(const SecurityAssociation& sa);

/**
 * \ingroup natt-ipsec
 * \brief Write \p sas as Wireshark's `esp_sa` file, each distinct line
 * once, so that a capture of their ESP (plain or UDP-encapsulated, which
 * Wireshark matches on the outer addresses) can be decrypted: copy the file
 * into a Wireshark profile folder, or point WIRESHARK_CONFIG_DIR at its
 * folder, with `esp.enable_encryption_decode: TRUE` in `preferences`.
 * \return false when the file cannot be written
 */
bool WriteWiresharkEspSa(const std::string& path, const std::vector<Ptr<SecurityAssociation>>& sas);

} // namespace ns3

#endif /* NATT_WIRESHARK_ESP_SA_H */
