//! Request URLs: the resource path below the service root (`Set`, `Set(key)/Nav`,
//! `Set/$count`, `Function(a=1)`, `Set(key)/NS.action`) and the query options.

use crate::http::percent_decode;

/// One path segment: a name and what stood in its parentheses (a key predicate or
/// V4 function parameters), each item `name=literal` or a bare `literal`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Segment {
    pub name: String,
    pub args: Option<Vec<(Option<String>, String)>>,
}

/// Splits the path below the service root into segments.
pub(crate) fn segments(path: &str) -> Result<Vec<Segment>, String> {
    let mut out = Vec::new();
    for raw in split_top_level(path, '/') {
        if raw.is_empty() {
            continue;
        }
        let text = percent_decode(&raw, false);
        match text.find('(') {
            None => out.push(Segment { name: text, args: None }),
            Some(open) => {
                let inner = text[open + 1..]
                    .strip_suffix(')')
                    .ok_or_else(|| format!("the segment `{text}` has no closing parenthesis"))?;
                let mut args = Vec::new();
                for item in split_top_level(inner, ',') {
                    if item.is_empty() {
                        continue;
                    }
                    args.push(match item.find('=').filter(|&i| !item[..i].contains('\'')) {
                        Some(eq) => (Some(item[..eq].trim().to_owned()), item[eq + 1..].trim().to_owned()),
                        None => (None, item.trim().to_owned()),
                    });
                }
                out.push(Segment { name: text[..open].to_owned(), args: Some(args) });
            }
        }
    }
    Ok(out)
}

/// Splits at `separator` except inside `'…'` literals and parentheses.
pub(crate) fn split_top_level(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let (mut depth, mut quoted) = (0usize, false);
    for c in text.chars() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == separator && depth == 0 && !quoted {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// The query string's options, decoded, in order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Query(pub Vec<(String, String)>);

impl Query {
    pub(crate) fn parse(target: &str) -> Query {
        let query = target.split_once('?').map_or("", |(_, q)| q);
        Query(
            query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (percent_decode(k, false), percent_decode(v, false))
                })
                .collect(),
        )
    }

    /// The options inside a V4 `$expand` item's parentheses (`$top=1;$filter=…`).
    pub(crate) fn options(text: &str) -> Query {
        let pairs = split_top_level(text, ';')
            .into_iter()
            .filter_map(|item| item.split_once('=').map(|(k, v)| (k.trim().to_owned(), v.to_owned())))
            .collect();
        Query(pairs)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A non-negative number option (`$top`, `$skip`, `$skiptoken`).
    pub(crate) fn number(&self, name: &str) -> Result<Option<usize>, String> {
        self.get(name)
            .map(|v| v.parse().map_err(|_| format!("{name} must be a non-negative integer, got `{v}`")))
            .transpose()
    }

    /// Comma-separated items outside parentheses (`$select`, `$expand`, `$orderby`).
    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        let Some(value) = self.get(name) else { return Vec::new() };
        split_top_level(value, ',').into_iter().map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()).collect()
    }

    /// The query string again, with `replace` applied (a `None` value drops the option),
    /// percent-encoding what must be.
    pub(crate) fn with(&self, replace: &[(&str, Option<String>)]) -> String {
        let mut pairs: Vec<(String, String)> =
            self.0.iter().filter(|(k, _)| !replace.iter().any(|(r, _)| r == k)).cloned().collect();
        for (name, value) in replace {
            if let Some(value) = value {
                pairs.push(((*name).to_owned(), value.clone()));
            }
        }
        pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
    }
}

fn encode(text: &str) -> String {
    crate::http::percent_encode(text, b"-._~$'(),/:!")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_with_keys_functions_and_quotes() {
        let s = segments("A_BusinessPartner('1%2F2(x)')/to_Address").unwrap();
        assert_eq!(s[0].name, "A_BusinessPartner");
        assert_eq!(s[0].args, Some(vec![(None, "'1/2(x)'".to_owned())]));
        assert_eq!(s[1], Segment { name: "to_Address".into(), args: None });
        let s = segments("Items(Order=1,Pos='a=b,c')").unwrap();
        assert_eq!(s[0].args, Some(vec![(Some("Order".into()), "1".into()), (Some("Pos".into()), "'a=b,c'".into())]));
        assert_eq!(segments("countIn()").unwrap()[0].args, Some(vec![]));
        assert!(segments("Set('a'").is_err());
    }

    #[test]
    fn query_options_round_trip() {
        let q = Query::parse("/S?$filter=Name%20eq%20'a%26b'&$top=5&$expand=A($select=B,C),D");
        assert_eq!(q.get("$filter"), Some("Name eq 'a&b'"));
        assert_eq!(q.number("$top"), Ok(Some(5)));
        assert_eq!(q.list("$expand"), ["A($select=B,C)", "D"]);
        assert_eq!(
            q.with(&[("$top", None), ("$skiptoken", Some("10".into()))]),
            "$filter=Name%20eq%20'a%26b'&$expand=A($select%3DB,C),D&$skiptoken=10"
        );
    }
}
