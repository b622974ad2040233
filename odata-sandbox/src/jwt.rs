//! RS256 JWTs: signed by the sandbox's XSUAA and IAS stand-ins, verified by its other
//! stand-ins (signature, expiry, audience), as XSUAA and the connectivity proxy do.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{self, KeyPair, RsaKeyPair};
use serde_json::{json, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// The XSUAA stand-in's signing key (see `keys/README.md`: a sandbox key, protecting nothing).
const KEY: &[u8] = include_bytes!("../keys/sandbox-xsuaa-signing-key.der");
/// The IAS stand-in's signing key (as [`KEY`], protecting nothing).
const IAS_KEY: &[u8] = include_bytes!("../keys/sandbox-ias-signing-key.der");

/// The key id in the XSUAA stand-in's JWT headers and `/token_keys`.
pub const KEY_ID: &str = "sandbox-key-1";
/// The key id of the IAS stand-in's key.
pub const IAS_KEY_ID: &str = "sandbox-ias-key-1";

/// Signs and verifies the sandbox's JWTs.
pub struct Signer {
    key: RsaKeyPair,
    kid: &'static str,
    rng: SystemRandom,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(RS256)")
    }
}

/// Why a token was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub String);

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl Signer {
    /// The XSUAA stand-in's signer.
    pub fn sandbox() -> Self {
        Self::of(KEY, KEY_ID)
    }

    /// The IAS stand-in's signer (another key).
    pub fn ias() -> Self {
        Self::of(IAS_KEY, IAS_KEY_ID)
    }

    fn of(der: &[u8], kid: &'static str) -> Self {
        let key = RsaKeyPair::from_der(der).expect("the sandbox keys are valid PKCS#1 RSA keys");
        Signer { key, kid, rng: SystemRandom::new() }
    }

    /// A signed JWT with these claims, its key at `jku`.
    pub fn sign(&self, claims: &Value, jku: &str) -> String {
        self.sign_with_header(&json!({"alg": "RS256", "typ": "JWT", "kid": self.kid, "jku": jku}), claims)
    }

    /// A JWT with this header and these claims, signed RS256 whatever the header says
    /// (tests forge tokens with it).
    pub fn sign_with_header(&self, header: &Value, claims: &Value) -> String {
        let input =
            format!("{}.{}", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(claims.to_string()));
        let mut sig = vec![0; self.key.public().modulus_len()];
        self.key.sign(&signature::RSA_PKCS1_SHA256, &self.rng, input.as_bytes(), &mut sig).expect("RSA signing");
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig))
    }

    /// The JWKS (`/token_keys`) entry of the key.
    pub fn jwk(&self) -> Value {
        let public = ring::rsa::PublicKeyComponents::<Vec<u8>>::from(self.key.public());
        json!({
            "kty": "RSA", "alg": "RS256", "use": "sig", "kid": self.kid,
            "n": URL_SAFE_NO_PAD.encode(&public.n),
            "e": URL_SAFE_NO_PAD.encode(&public.e),
        })
    }

    /// The public key (PKCS#1 `RSAPublicKey`, DER).
    pub fn public_key_der(&self) -> &[u8] {
        self.key.public_key().as_ref()
    }

    /// The claims of `token` if its signature is the sandbox's, it has not expired and
    /// (when given) `audience` is among its `aud`.
    pub fn verify(&self, token: &str, audience: Option<&str>) -> Result<Value, Refused> {
        let refuse = |why: &str| Refused(why.to_owned());
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(refuse("not a JWT"));
        };
        let sig = URL_SAFE_NO_PAD.decode(s).map_err(|_| refuse("bad signature encoding"))?;
        let public =
            signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, self.key.public_key().as_ref());
        public.verify(format!("{h}.{p}").as_bytes(), &sig).map_err(|_| refuse("bad signature"))?;
        let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).map_err(|_| refuse("bad payload"))?)
            .map_err(|_| refuse("bad payload"))?;
        if claims["exp"].as_u64().is_none_or(|exp| exp <= now()) {
            return Err(refuse("expired"));
        }
        if let Some(aud) = audience {
            let ok = claims["aud"].as_array().is_some_and(|a| a.iter().any(|v| v.as_str() == Some(aud)));
            if !ok {
                return Err(refuse("wrong audience"));
            }
        }
        Ok(claims)
    }
}
