#!/usr/bin/env bash
# Generates the TEST-ONLY ECDSA P-256 PKI used by the `ecdsa-*-cert` strongSwan
# fixtures: a CA and two end-entity certificates whose subjectAltName carries the
# IKE identities (rfc822Name, so IKE ID type ID_RFC822_ADDR). Run once; the output
# is committed. Rerunning creates new keys, which invalidates every captured
# fixture that used the old ones (recapture them with strongswan-capture.sh).
#
# Validity is 2024-01-01 .. 2124-01-01 so that neither a CI clock that is behind
# nor time passing makes the fixtures fail (`openssl ca` is used because it is
# the only OpenSSL 3.0 command that takes an explicit start date).
#
# Usage: strongswan-make-certs.sh [OUTDIR]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../protocols/src/test/resources/fixtures/strongswan/certs}"
mkdir -p "$out"
cd "$out"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
start=20240101000000Z
end=21240101000000Z

cat > "$tmp/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
database = $tmp/index.txt
new_certs_dir = $tmp
serial = $tmp/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
[ policy_any ]
countryName = optional
organizationName = optional
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
CNF
cat > "$tmp/ca.ext" <<EXT
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
EXT

sign() { # csr ext serial out [extra ca args...]
  local csr=$1 ext=$2 serial=$3 pem=$4
  shift 4
  : > "$tmp/index.txt"
  printf '%02X\n' "$serial" > "$tmp/serial"
  openssl ca -batch -notext -config "$tmp/ca.cnf" -startdate "$start" -enddate "$end" \
    -extfile "$ext" -in "$csr" -out "$pem" "$@" 2> "$tmp/ca.err" || { cat "$tmp/ca.err" >&2; return 1; }
}

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
openssl req -new -config "$tmp/ca.cnf" -key ca.key -subj "/C=CH/O=iotgw test/CN=iotgw test CA" -out "$tmp/ca.csr"
sign "$tmp/ca.csr" "$tmp/ca.ext" 1 ca.pem -selfsign -keyfile ca.key

issue() { # name email serial
  local name=$1 email=$2 serial=$3
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key"
  openssl req -new -config "$tmp/ca.cnf" -key "$name.key" -subj "/C=CH/O=iotgw test/CN=$email" -out "$tmp/$name.csr"
  cat > "$tmp/$name.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
subjectAltName=email:$email
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
  sign "$tmp/$name.csr" "$tmp/$name.ext" "$serial" "$name.pem" -cert ca.pem -keyfile ca.key
}

issue ud ud@example.org 2
issue cd1 cd1@example.org 3

# DER copies for Java tests that want the raw CERT payload bytes.
for n in ca ud cd1; do openssl x509 -in "$n.pem" -outform DER -out "$n.der"; done
openssl verify -CAfile ca.pem ud.pem cd1.pem
