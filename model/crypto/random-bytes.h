/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_RANDOM_BYTES_H
#define NATT_RANDOM_BYTES_H

#include "crypto-types.h"

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * \ingroup natt-crypto
 * \return \p size bytes drawn from an ns-3 random stream
 *
 * The only source of randomness for keys, IVs, nonces, cookies, SPIs and DH
 * private values in natt: a run is reproduced by its seed and run number
 * (and the streams assigned to the model), which OpenSSL's generator could
 * not give. These bytes are of course not secret from anyone who knows the
 * seed; that is the point of a simulation.
 */
Bytes DrawRandomBytes(Ptr<UniformRandomVariable> stream, std::size_t size);

} // namespace ns3

#endif /* NATT_RANDOM_BYTES_H */
