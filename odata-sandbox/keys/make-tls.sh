#!/usr/bin/env bash
# Writes the sandbox's TLS material (see README.md): a CA, the certificate of the XSUAA
# stand-in's mTLS token endpoint (localhost, 127.0.0.1) and three client certificates:
# two issued by the CA (one registered for the sandbox's X.509 client, one for nobody)
# and one self-signed. Sandbox keys: they protect nothing.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/ca.key" -out sandbox-ca.pem -days $days \
  -subj "/O=odata-sandbox/CN=odata-sandbox CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

issue() { # name subject extensions
  openssl req -newkey rsa:2048 -nodes -keyout "$tmp/$1.key" -out "$tmp/$1.csr" -subj "$2" 2>/dev/null
  printf '%s\n' "$3" > "$tmp/$1.ext"
  openssl x509 -req -in "$tmp/$1.csr" -CA sandbox-ca.pem -CAkey "$tmp/ca.key" -CAcreateserial -CAserial "$tmp/ca.srl" \
    -days $days -sha256 -extfile "$tmp/$1.ext" -out "$1.pem" 2>/dev/null
  openssl rsa -in "$tmp/$1.key" -traditional -out "$1.key" 2>/dev/null
}

issue sandbox-xsuaa-cert-endpoint "/O=odata-sandbox/CN=localhost" \
  "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1"
for client in sandbox-x509-client sandbox-other-client; do
  issue "$client" "/O=odata-sandbox/OU=Clients/CN=$client" \
    "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
done
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/self.key" -out sandbox-self-signed-client.pem -days $days \
  -subj "/O=elsewhere/CN=self-signed" -addext "extendedKeyUsage=clientAuth" 2>/dev/null
openssl rsa -in "$tmp/self.key" -traditional -out sandbox-self-signed-client.key 2>/dev/null
