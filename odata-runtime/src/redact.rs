//! What may be said about a request in errors and traces: server texts with anything
//! that looks like a credential masked, the credentials the client itself sent masked
//! wherever a server echoes them, and URLs without user info or the values of query
//! options that may carry secrets.
//!
//! Every text a server sends (error bodies, token and destination answers, values a
//! decoder quotes) passes through [`text`] before it reaches an [`Error`](crate::Error).

use std::borrow::Cow;

/// What stands where a secret was.
pub(crate) const MASK: &str = "***";

/// Names whose `name=value`, `name: value` or `"name":"value"` values are masked in
/// server texts.
const SECRET_NAMES: [&str; 9] = [
    "assertion",
    "client_secret",
    "password",
    "access_token",
    "refresh_token",
    "id_token",
    "clientsecret",
    "apikey",
    "api_key",
];

/// `text` with credentials masked: `Bearer …` and `Basic …` values, JWTs (`eyJ…`), and
/// the values of [`SECRET_NAMES`] in form, header and JSON notation.
pub(crate) fn text(text: &str) -> String {
    let mut out = mask_schemes(text);
    out = mask_jwts(&out);
    for name in SECRET_NAMES {
        out = mask_named(&out, name);
    }
    out
}

/// `text` with each of `secrets` (values the client sent: tokens, a secret, header
/// values) masked wherever it stands, and then [`text`]'s rules.
pub(crate) fn echoed<'a>(text: &str, secrets: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = Cow::Borrowed(text);
    for secret in secrets {
        // Short values ("100", "EN") are not secrets and would mask half a message.
        if secret.len() >= 6 && out.contains(secret) {
            out = Cow::Owned(out.replace(secret, MASK));
        }
    }
    self::text(&out)
}

/// A decoder's message about a server's value (`invalid type: string "…", expected
/// u64`): the quoted value is left out (it may be anything the server echoed), the rest
/// goes through [`text`].
pub(crate) fn decoder_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..open]);
        // serde_json writes the value with its quotes escaped: find the unescaped end.
        let after = &rest[open + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        out.push_str("\"…\"");
        match end {
            Some(i) => rest = &after[i + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    text(&out)
}

/// Masks what follows `Bearer ` and `Basic ` (any case) up to the next white space,
/// quote or comma.
fn mask_schemes(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let next = ["bearer ", "basic "].iter().filter_map(|s| lower[at..].find(s).map(|i| (at + i, s.len()))).min();
        let Some((start, len)) = next else { break };
        // `Bearer   x`: the value starts after any further spaces.
        let value_start = start + len + text[start + len..].bytes().take_while(|b| *b == b' ').count();
        let value_end = end_of_value(text, value_start);
        out.push_str(&text[at..value_start]);
        if value_end > value_start {
            out.push_str(MASK);
        }
        at = value_end;
    }
    out.push_str(&text[at..]);
    out
}

/// Masks every run that starts with `eyJ` (a base64url JSON object: a JWT's header).
fn mask_jwts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(i) = text[at..].find("eyJ") {
        let start = at + i;
        let end = start
            + text[start..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'=' | b'+' | b'/'))
                .count();
        out.push_str(&text[at..start]);
        out.push_str(MASK);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Masks the value after `name` followed by `=`, `:` or `":` (any case).
fn mask_named(text: &str, name: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(i) = lower[at..].find(name) {
        let after_name = at + i + name.len();
        let bytes = text.as_bytes();
        let mut j = after_name;
        // `name"` of JSON, then white space, then `=` or `:`, then white space and a quote.
        if bytes.get(j) == Some(&b'"') {
            j += 1;
        }
        while bytes.get(j).is_some_and(|b| *b == b' ') {
            j += 1;
        }
        if !matches!(bytes.get(j), Some(b'=' | b':')) {
            out.push_str(&text[at..after_name]);
            at = after_name;
            continue;
        }
        j += 1;
        while bytes.get(j).is_some_and(|b| *b == b' ') {
            j += 1;
        }
        if bytes.get(j) == Some(&b'"') {
            j += 1;
        }
        let end = end_of_value(text, j);
        out.push_str(&text[at..j]);
        if end > j {
            out.push_str(MASK);
        }
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Where a credential value starting at `start` ends: at white space, a quote, `&`,
/// `,`, `;`, `}` or the end.
fn end_of_value(text: &str, start: usize) -> usize {
    start
        + text[start..]
            .bytes()
            .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'"' | b'\'' | b'&' | b',' | b';' | b'}' | b'<'))
            .count()
}

/// Query options whose values are shown in messages: system options (`$…`) and SAP's
/// `sap-client`, `sap-language` and `search`. Every other value (custom options, an
/// API key passed as `?apikey=…`, function parameters) is masked.
fn shown_option(name: &str) -> bool {
    name.starts_with('$')
        || name.starts_with("%24")
        || ["sap-client", "sap-language", "search"].iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// A URL as it may appear in messages: without user info, and with the values of
/// query options other than [`shown_option`]s masked.
pub(crate) fn url(url: &reqwest::Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    if let Some(query) = url.query() {
        let masked: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) if !shown_option(name) => format!("{name}={MASK}"),
                _ => pair.to_owned(),
            })
            .collect();
        url.set_query(Some(&masked.join("&")));
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_server_texts_are_masked() {
        for (given, expected) in [
            ("Authorization: Bearer abc.def-ghi was refused", "Authorization: Bearer *** was refused"),
            ("got basic c2ItYXBwOnNlY3JldA==, wrong", "got basic ***, wrong"),
            ("Bearer    spaced-token here", "Bearer    *** here"),
            ("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln expired", "token *** expired"),
            ("grant_type=x&assertion=AAA.BBB.CCC&client_id=a", "grant_type=x&assertion=***&client_id=a"),
            (r#"{"client_secret": "s3cr3t", "x": 1}"#, r#"{"client_secret": "***", "x": 1}"#),
            ("password=hunter22;", "password=***;"),
            ("plain text about passwords", "plain text about passwords"),
        ] {
            assert_eq!(text(given), expected, "{given}");
        }
    }

    #[test]
    fn decoders_quote_no_server_value() {
        assert_eq!(
            decoder_message(r#"invalid type: string "k3y \"x\" y", expected u64"#),
            r#"invalid type: string "…", expected u64"#
        );
        assert_eq!(decoder_message("missing field `ID`"), "missing field `ID`");
    }

    #[test]
    fn echoed_values_are_masked_wherever_they_stand() {
        let masked = echoed("your key XYZ-123-KEY is not valid for 100", ["XYZ-123-KEY", "100"]);
        assert_eq!(masked, "your key *** is not valid for 100");
    }

    #[test]
    fn urls_keep_system_options_and_mask_the_rest() {
        let u =
            reqwest::Url::parse("https://u:p@h/s/A?$filter=Name%20eq%20'x'&$top=5&apikey=K3Y&sap-client=100&Param='v'")
                .unwrap();
        assert_eq!(url(&u), "https://h/s/A?$filter=Name%20eq%20%27x%27&$top=5&apikey=***&sap-client=100&Param=***");
    }
}
