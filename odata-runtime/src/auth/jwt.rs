//! A JWT in compact form (`header.payload.signature`), read and checked on its face
//! before anything about it is looked up: size, shape, base64url, JSON, algorithm. The
//! RS256 signature is checked with `ring` against an RSA key from a JWKS.

use super::verify::Refusal;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The longest token read. XSUAA tokens with hundreds of scopes stay far below it; a
/// longer one is refused before it is decoded.
pub const MAX_TOKEN_LEN: usize = 16 * 1024;

/// The JOSE header fields verification looks at.
#[derive(Debug, Deserialize)]
pub(crate) struct Header {
    pub(crate) alg: String,
    pub(crate) kid: Option<String>,
    pub(crate) jku: Option<String>,
}

/// A token split, decoded and parsed, its signature not yet checked.
#[derive(Debug)]
pub(crate) struct Jws<'a> {
    pub(crate) header: Header,
    /// The claims: a JSON object.
    pub(crate) claims: Value,
    signing_input: &'a str,
    signature: Vec<u8>,
}

/// Reads `token` on its face: at most [`MAX_TOKEN_LEN`] bytes, three base64url parts,
/// a JSON header with `alg` `RS256` (never `none` or an HMAC, whose key would be public),
/// a JSON object of claims.
pub(crate) fn decode(token: &str) -> Result<Jws<'_>, Refusal> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(Refusal::Malformed("longer than any real token"));
    }
    if !token.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
        return Err(Refusal::Malformed("holds characters that base64url does not use"));
    }
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(Refusal::Malformed("not three dot-separated parts"));
    };
    let part = |text: &str, what: &'static str| URL_SAFE_NO_PAD.decode(text).map_err(|_| Refusal::Malformed(what));
    let header: Header = serde_json::from_slice(&part(h, "the header is not base64url")?)
        .map_err(|_| Refusal::Malformed("the header is not a JOSE header"))?;
    if header.alg != "RS256" {
        return Err(Refusal::Algorithm(header.alg.chars().take(16).collect()));
    }
    let claims: Map<String, Value> = serde_json::from_slice(&part(p, "the payload is not base64url")?)
        .map_err(|_| Refusal::Malformed("the payload is not a JSON object"))?;
    let claims = Value::Object(claims);
    let signature = part(s, "the signature is not base64url")?;
    if signature.is_empty() {
        return Err(Refusal::Malformed("the signature is empty"));
    }
    Ok(Jws { header, claims, signing_input: &token[..h.len() + 1 + p.len()], signature })
}

impl Jws<'_> {
    /// Whether `key` signed the token (RSASSA-PKCS1-v1_5 with SHA-256).
    pub(crate) fn signed_by(&self, key: &RsaKey) -> bool {
        let key = ring::signature::RsaPublicKeyComponents { n: &key.n, e: &key.e };
        key.verify(&ring::signature::RSA_PKCS1_2048_8192_SHA256, self.signing_input.as_bytes(), &self.signature).is_ok()
    }

    /// A string claim.
    pub(crate) fn text(&self, claim: &str) -> Option<&str> {
        self.claims.get(claim).and_then(Value::as_str)
    }

    /// A numeric date claim (`exp`, `nbf`), in seconds since the Unix epoch.
    pub(crate) fn seconds(&self, claim: &str) -> Option<Result<i64, Refusal>> {
        let value = self.claims.get(claim)?;
        // NumericDate may carry a fraction; anything else is not a date.
        Some(value.as_f64().map(|v| v as i64).ok_or(Refusal::Malformed("a date claim is not a number")))
    }

    /// A claim that is a string or an array of strings (`aud`, `scope`), as a list.
    pub(crate) fn list(&self, claim: &str) -> Vec<String> {
        match self.claims.get(claim) {
            Some(Value::String(one)) => vec![one.clone()],
            Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            _ => Vec::new(),
        }
    }
}

/// An RSA public key from a JWKS (`kty` `RSA`, `n` and `e` in base64url).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RsaKey {
    n: Vec<u8>,
    e: Vec<u8>,
}

impl RsaKey {
    /// The key of a JWK, if it is an RSA signing key for RS256 (or one that names no
    /// algorithm or use).
    pub(crate) fn from_jwk(jwk: &Value) -> Option<RsaKey> {
        let field = |name: &str| jwk.get(name).and_then(Value::as_str);
        if field("kty") != Some("RSA")
            || field("alg").is_some_and(|a| a != "RS256")
            || field("use").is_some_and(|u| u != "sig")
        {
            return None;
        }
        let decode = |name: &str| field(name).and_then(|v| URL_SAFE_NO_PAD.decode(v.trim_end_matches('=')).ok());
        let (n, e) = (decode("n")?, decode("e")?);
        (!n.is_empty() && !e.is_empty()).then_some(RsaKey { n, e })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(v: &str) -> String {
        URL_SAFE_NO_PAD.encode(v)
    }

    #[test]
    fn refuses_tokens_on_their_face() {
        let claims = enc(r#"{"sub":"u"}"#);
        let none = format!("{}.{claims}.", enc(r#"{"alg":"none"}"#));
        assert_eq!(decode(&none).unwrap_err(), Refusal::Algorithm("none".into()));
        let hs = format!("{}.{claims}.c2ln", enc(r#"{"alg":"HS256"}"#));
        assert_eq!(decode(&hs).unwrap_err(), Refusal::Algorithm("HS256".into()));
        let rs = format!("{}.{claims}.c2ln", enc(r#"{"alg":"RS256","kid":"k"}"#));
        assert_eq!(decode(&rs).unwrap().header.kid.as_deref(), Some("k"));
        for bad in ["", "a.b", "a.b.c.d", &rs[..rs.len() - 5], &format!("{rs}=="), &"a".repeat(MAX_TOKEN_LEN + 1)] {
            assert!(matches!(decode(bad), Err(Refusal::Malformed(_))), "{bad:.40}");
        }
        let array = format!("{}.{}.c2ln", enc(r#"{"alg":"RS256"}"#), enc("[1]"));
        assert!(matches!(decode(&array), Err(Refusal::Malformed(_))));
    }

    #[test]
    fn reads_only_rsa_signing_keys() {
        let rsa = serde_json::json!({"kty":"RSA","n":"AQAB","e":"AQAB","kid":"k"});
        assert!(RsaKey::from_jwk(&rsa).is_some());
        for other in [
            serde_json::json!({"kty":"EC","crv":"P-256","x":"AQAB","y":"AQAB"}),
            serde_json::json!({"kty":"RSA","n":"AQAB","e":"AQAB","use":"enc"}),
            serde_json::json!({"kty":"RSA","n":"AQAB","e":"AQAB","alg":"RS512"}),
            serde_json::json!({"kty":"RSA","n":"","e":"AQAB"}),
        ] {
            assert!(RsaKey::from_jwk(&other).is_none(), "{other}");
        }
    }
}
