#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Generate natt's test PKI with the openssl command and write it to
# test/data/pki/ (or the folder given as $1). The files are committed as test
# data: RSA key generation draws from the system's random generator, so a
# simulation must never do it; scenarios and tests load these files instead.
#
#   root-ca          self-signed trust anchor
#   intermediate-ca  issued by root-ca (pathlen 0)
#   gateway          gateway.natt.test, issued by intermediate-ca
#   client           client.natt.test, issued by intermediate-ca
#   big              4096-bit key and many subjectAltNames, issued by
#                    intermediate-ca: a CERT payload large enough to need IKE
#                    fragmentation (RFC 7383) or IP fragmentation
#   rogue-ca         a second, untrusted root
#   rogue            claims gateway.natt.test but is issued by rogue-ca
#   chain-ca-1..4    a chain of CAs under root-ca, each issued by the one before
#   chain-client-K,  chain-client.natt.test and gateway.natt.test issued by
#   chain-gateway-K  chain-ca-K (K = 0: by root-ca), so that validating them
#                    against root-ca takes the K CA certificates above them:
#                    certificate chains of growing size for rfc3715-m (RFC
#                    3715 2.2 m)
#
# Each entity has NAME.cert.pem and NAME.key.pem (unencrypted PKCS#8).
# Validity is fixed, 2020-01-01 to 2060-01-01, whenever the script runs: tests
# do not expire, and no machine's clock can find them not yet valid.
# Running the script again replaces every file with new keys.
set -euo pipefail

out=${1:-"$(cd "$(dirname "$0")/.." && pwd)/test/data/pki"}
not_before=20200101000000Z
not_after=20600101000000Z
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# "openssl ca" is the command that takes explicit validity dates; it wants
# a database and a serial file, which live in the scratch folder.
cat >"$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
unique_subject = no
email_in_dn = no
[any]
organizationName = optional
organizationalUnitName = optional
commonName = supplied
CNF

key() { # name bits
    openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$2" -out "$out/$1.key.pem" 2>/dev/null
}

# Extensions for a CA: basicConstraints and keyUsage as RFC 5280 4.2.1.9 / 4.2.1.3 ask.
ca_ext() { # pathlen (empty for none)
    cat <<CNF
basicConstraints = critical, CA:TRUE${1:+, pathlen:$1}
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
}

# Extensions for an IKE end entity: digitalSignature, and id-kp-ipsecIKE
# (RFC 4945 5.1.3.12) beside serverAuth/clientAuth.
ee_ext() { # subjectAltName value
    cat <<CNF
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth, 1.3.6.1.5.5.7.3.17
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $1
CNF
}

sign() { # name subject serial extfile [issuer]
    openssl req -new -key "$out/$1.key.pem" -subj "$2" -out "$work/$1.csr"
    # One certificate per database: two issuers reuse serial numbers.
    : >"$work/index.txt"
    printf '%02X\n' "$3" >"$work/serial"
    if [ -n "${5:-}" ]; then
        issuer=(-cert "$out/$5.cert.pem" -keyfile "$out/$5.key.pem")
    else
        issuer=(-selfsign -keyfile "$out/$1.key.pem")
    fi
    openssl ca -batch -config "$work/ca.cnf" -notext -preserveDN -in "$work/$1.csr" \
        "${issuer[@]}" -extfile "$4" -startdate "$not_before" -enddate "$not_after" \
        -out "$out/$1.cert.pem" 2>/dev/null
}

key root-ca 2048
ca_ext "" >"$work/root-ca.ext"
sign root-ca "/O=natt/CN=natt Test Root CA" 1 "$work/root-ca.ext"

key intermediate-ca 2048
ca_ext 0 >"$work/intermediate-ca.ext"
sign intermediate-ca "/O=natt/CN=natt Test Intermediate CA" 2 "$work/intermediate-ca.ext" root-ca

key gateway 2048
ee_ext "DNS:gateway.natt.test, email:gateway@natt.test, IP:192.0.2.1" >"$work/gateway.ext"
sign gateway "/O=natt/CN=gateway.natt.test" 3 "$work/gateway.ext" intermediate-ca

key client 2048
ee_ext "DNS:client.natt.test, email:client@natt.test" >"$work/client.ext"
sign client "/O=natt/CN=client.natt.test" 4 "$work/client.ext" intermediate-ca

key big 4096
sans="DNS:big.natt.test, email:big@natt.test"
for n in $(seq -w 1 120); do
    sans="$sans, DNS:host-$n.telecommuters.big.natt.test"
done
ee_ext "$sans" >"$work/big.ext"
sign big "/O=natt/OU=fragmentation studies/CN=big.natt.test" 5 "$work/big.ext" intermediate-ca

key rogue-ca 2048
ca_ext "" >"$work/rogue-ca.ext"
sign rogue-ca "/O=natt/CN=natt Test Root CA" 1 "$work/rogue-ca.ext"

key rogue 2048
ee_ext "DNS:gateway.natt.test" >"$work/rogue.ext"
sign rogue "/O=natt/CN=gateway.natt.test" 3 "$work/rogue.ext" rogue-ca

# A deeper hierarchy for chains of 0 to 4 CA certificates.
parent=root-ca
for k in 1 2 3 4; do
    key "chain-ca-$k" 2048
    ca_ext "" >"$work/chain-ca-$k.ext"
    sign "chain-ca-$k" "/O=natt/CN=natt Test Chain CA $k" $((10 + k)) "$work/chain-ca-$k.ext" "$parent"
    parent="chain-ca-$k"
done
for k in 0 1 2 3 4; do
    # sign() uses "issuer" for itself.
    signer=root-ca
    [ "$k" -gt 0 ] && signer="chain-ca-$k"
    key "chain-client-$k" 2048
    ee_ext "DNS:chain-client.natt.test, email:chain-client@natt.test" >"$work/chain-client-$k.ext"
    sign "chain-client-$k" "/O=natt/CN=chain-client.natt.test" $((20 + k)) \
        "$work/chain-client-$k.ext" "$signer"
    key "chain-gateway-$k" 2048
    ee_ext "DNS:gateway.natt.test, email:gateway@natt.test" >"$work/chain-gateway-$k.ext"
    sign "chain-gateway-$k" "/O=natt/CN=gateway.natt.test" $((30 + k)) \
        "$work/chain-gateway-$k.ext" "$signer"
done
untrusted=$(mktemp -p "$work")
cat "$out/intermediate-ca.cert.pem" "$out"/chain-ca-?.cert.pem >"$untrusted"

for name in root-ca intermediate-ca gateway client big rogue-ca rogue chain-ca-1 chain-ca-2 \
    chain-ca-3 chain-ca-4 chain-client-0 chain-client-1 chain-client-2 chain-client-3 \
    chain-client-4 chain-gateway-0 chain-gateway-1 chain-gateway-2 chain-gateway-3 \
    chain-gateway-4; do
    openssl verify -CAfile "$out/root-ca.cert.pem" \
        -untrusted "$untrusted" "$out/$name.cert.pem" >/dev/null 2>&1 &&
        trusted=yes || trusted=no
    size=$(openssl x509 -in "$out/$name.cert.pem" -outform DER | wc -c)
    printf '%-16s %5d bytes DER  chains to root-ca: %s\n' "$name" "$size" "$trusted"
done
