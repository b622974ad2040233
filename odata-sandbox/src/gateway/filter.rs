//! `$filter` expressions: parsed into a tree, checked against the entity type (unknown
//! and non-filterable properties are refused, as Gateway does) and evaluated per row.
//! Comparisons, `and`/`or`/`not`, arithmetic, `in`, the V2 and V4 string and date
//! functions, and the V4 lambda operators over collections of values
//! (`Tags/any(d0:d0 eq 'x')`, `Tags/all(…)`, `Tags/any()`).

use super::values::{self, Cmp};
use std::cmp::Ordering;

/// What a lambda ranges over: the values of a collection, or related entities, each
/// read through its own property and collection lookups.
pub(crate) enum Element<'a> {
    Value(Cmp),
    Row(Box<dyn Fn(&str) -> Cmp + 'a>, ElementList<'a>),
}

/// What a related row's own collection or navigation paths hold.
pub(crate) type ElementList<'a> = Box<dyn Fn(&str) -> Vec<Element<'a>> + 'a>;

/// Looks up a path of the row a filter is evaluated on.
pub(crate) type Lookup<'a> = &'a dyn Fn(&str) -> Cmp;
/// Lists what a collection or navigation path of that row holds.
pub(crate) type Elements<'a, 'b> = &'a dyn Fn(&str) -> Vec<Element<'b>>;

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    Literal(Cmp),
    /// A property path (`Name`, `Address/City`).
    Property(String),
    Not(Box<Expr>),
    Binary(Box<Expr>, String, Box<Expr>),
    In(Box<Expr>, Vec<Expr>),
    Call(String, Vec<Expr>),
    /// `path/any(var:body)`, `path/all(var:body)`, `path/any()`.
    Lambda {
        path: String,
        all: bool,
        var: String,
        body: Option<Box<Expr>>,
    },
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Open,
    Close,
    Comma,
    Word(String),
    Literal(String),
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' => i += 1,
            '(' => {
                out.push(Token::Open);
                i += 1;
            }
            ')' => {
                out.push(Token::Close);
                i += 1;
            }
            ',' => {
                out.push(Token::Comma);
                i += 1;
            }
            _ => {
                let start = i;
                // A word, a number, or a prefixed literal (`datetime'…'`), or a string.
                while i < chars.len() && !matches!(chars[i], ' ' | '\t' | '(' | ')' | ',' | '\'') {
                    i += 1;
                }
                if i < chars.len() && chars[i] == '\'' {
                    i += 1;
                    loop {
                        match chars.get(i) {
                            None => return Err(format!("unterminated string at position {start}")),
                            Some('\'') if chars.get(i + 1) == Some(&'\'') => i += 2,
                            Some('\'') => {
                                i += 1;
                                break;
                            }
                            Some(_) => i += 1,
                        }
                    }
                    out.push(Token::Literal(chars[start..i].iter().collect()));
                } else {
                    let word: String = chars[start..i].iter().collect();
                    let literal = word.starts_with(|c: char| c.is_ascii_digit() || c == '-')
                        || matches!(word.as_str(), "true" | "false" | "null");
                    out.push(if literal { Token::Literal(word) } else { Token::Word(word) });
                }
            }
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    /// How deeply the operand being read is nested (parentheses, `not`, calls, lambdas).
    depth: usize,
}

/// How deeply a `$filter` may nest: deeper is refused, not a stack overflow.
const MAX_DEPTH: usize = 100;

const COMPARISONS: [&str; 6] = ["eq", "ne", "gt", "ge", "lt", "le"];

fn is_operator(word: &str) -> bool {
    COMPARISONS.contains(&word) || ["and", "or", "add", "sub", "mul", "div", "mod", "in"].contains(&word)
}

impl Parser {
    fn peek_word(&self) -> Option<&str> {
        match self.tokens.get(self.at) {
            Some(Token::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn expect(&mut self, token: Token) -> Result<(), String> {
        if self.tokens.get(self.at) == Some(&token) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("expected {token:?} at token {}", self.at + 1))
        }
    }

    fn binary(&mut self, level: usize) -> Result<Expr, String> {
        const LEVELS: [&[&str]; 4] = [&["or"], &["and"], &["add", "sub"], &["mul", "div", "mod"]];
        if level == 2 {
            let left = self.binary(3)?;
            return self.comparison(left);
        }
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        while let Some(op) = self.peek_word().filter(|w| LEVELS[level].contains(w)).map(str::to_owned) {
            self.at += 1;
            let right = self.binary(level + 1)?;
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    /// `a eq b`, `a in (…)`, with arithmetic on both sides.
    fn comparison(&mut self, left: Expr) -> Result<Expr, String> {
        let left = self.arithmetic(left)?;
        match self.peek_word().map(str::to_owned) {
            Some(op) if COMPARISONS.contains(&op.as_str()) => {
                self.at += 1;
                let right = self.binary(3)?;
                let right = self.arithmetic(right)?;
                Ok(Expr::Binary(Box::new(left), op, Box::new(right)))
            }
            Some(op) if op == "in" => {
                self.at += 1;
                self.expect(Token::Open)?;
                let mut items = vec![self.binary(0)?];
                while self.tokens.get(self.at) == Some(&Token::Comma) {
                    self.at += 1;
                    items.push(self.binary(0)?);
                }
                self.expect(Token::Close)?;
                Ok(Expr::In(Box::new(left), items))
            }
            _ => Ok(left),
        }
    }

    fn arithmetic(&mut self, mut left: Expr) -> Result<Expr, String> {
        while let Some(op) = self.peek_word().filter(|w| ["add", "sub"].contains(w)).map(str::to_owned) {
            self.at += 1;
            let right = self.binary(3)?;
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.depth == MAX_DEPTH {
            return Err(format!("the expression nests deeper than {MAX_DEPTH} levels"));
        }
        self.depth += 1;
        let operand = self.operand();
        self.depth -= 1;
        operand
    }

    fn operand(&mut self) -> Result<Expr, String> {
        match self.tokens.get(self.at).cloned() {
            Some(Token::Word(w)) if w == "not" => {
                self.at += 1;
                Ok(Expr::Not(Box::new(self.binary(2)?)))
            }
            Some(Token::Open) => {
                self.at += 1;
                let inner = self.binary(0)?;
                self.expect(Token::Close)?;
                Ok(inner)
            }
            Some(Token::Literal(text)) => {
                self.at += 1;
                Ok(Expr::Literal(values::literal(&text)?))
            }
            Some(Token::Word(w)) if is_operator(&w) => {
                Err(format!("unexpected operator `{w}` at token {}", self.at + 1))
            }
            Some(Token::Word(w))
                if (w.ends_with("/any") || w.ends_with("/all"))
                    && self.tokens.get(self.at + 1) == Some(&Token::Open) =>
            {
                self.lambda(&w)
            }
            Some(Token::Word(w)) => {
                self.at += 1;
                if self.tokens.get(self.at) == Some(&Token::Open) {
                    self.at += 1;
                    let mut args = Vec::new();
                    if self.tokens.get(self.at) != Some(&Token::Close) {
                        args.push(self.binary(0)?);
                        while self.tokens.get(self.at) == Some(&Token::Comma) {
                            self.at += 1;
                            args.push(self.binary(0)?);
                        }
                    }
                    self.expect(Token::Close)?;
                    Ok(Expr::Call(w, args))
                } else {
                    Ok(Expr::Property(w))
                }
            }
            Some(other) => Err(format!("unexpected {other:?} at token {}", self.at + 1)),
            None => Err("the expression ends too early".into()),
        }
    }
}

impl Parser {
    /// `path/any(var:body)` and the like, the parser at `path/any`.
    fn lambda(&mut self, word: &str) -> Result<Expr, String> {
        let (path, op) = word.rsplit_once('/').unwrap_or((word, ""));
        let all = op == "all";
        self.at += 2;
        if self.tokens.get(self.at) == Some(&Token::Close) {
            self.at += 1;
            if all {
                return Err("`all` needs a condition".into());
            }
            return Ok(Expr::Lambda { path: path.to_owned(), all, var: String::new(), body: None });
        }
        let Some(Token::Word(head)) = self.tokens.get(self.at).cloned() else {
            return Err(format!("expected `variable:condition` in {word}(…)"));
        };
        let Some((var, rest)) = head.split_once(':') else {
            return Err(format!("expected `variable:condition` in {word}(…)"));
        };
        if var.is_empty() || !var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("`{var}` is not a lambda variable"));
        }
        // The condition starts right after the colon, in the same word (`d0:d0/pos`).
        if rest.is_empty() {
            self.at += 1;
        } else {
            self.tokens[self.at] = Token::Word(rest.to_owned());
        }
        let body = self.binary(0)?;
        self.expect(Token::Close)?;
        Ok(Expr::Lambda { path: path.to_owned(), all, var: var.to_owned(), body: Some(Box::new(body)) })
    }
}

/// Parses a `$filter` (already percent-decoded).
pub(crate) fn parse(text: &str) -> Result<Expr, String> {
    let mut parser = Parser { tokens: tokens(text)?, at: 0, depth: 0 };
    let expr = parser.binary(0)?;
    if parser.at != parser.tokens.len() {
        return Err(format!("unexpected {:?} at token {}", parser.tokens[parser.at], parser.at + 1));
    }
    Ok(expr)
}

impl Expr {
    /// Every property path the expression reads.
    pub(crate) fn properties(&self, out: &mut Vec<String>) {
        match self {
            Expr::Property(p) => out.push(p.clone()),
            Expr::Literal(_) => {}
            Expr::Not(e) => e.properties(out),
            Expr::Binary(a, _, b) => {
                a.properties(out);
                b.properties(out);
            }
            Expr::In(a, items) => {
                a.properties(out);
                items.iter().for_each(|i| i.properties(out));
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.properties(out)),
            Expr::Lambda { path, .. } => out.push(path.clone()),
        }
    }

    /// The collections the expression's lambdas range over.
    pub(crate) fn lambda_paths(&self, out: &mut Vec<String>) {
        match self {
            Expr::Lambda { path, .. } => out.push(path.clone()),
            Expr::Not(e) => e.lambda_paths(out),
            Expr::Binary(a, _, b) => {
                a.lambda_paths(out);
                b.lambda_paths(out);
            }
            _ => {}
        }
    }

    /// Evaluates against a row; `property` reads a path as a comparable value,
    /// `elements` what a collection or navigation path holds.
    pub(crate) fn eval(&self, property: Lookup<'_>, elements: Elements<'_, '_>) -> Result<Cmp, String> {
        Ok(match self {
            Expr::Literal(c) => c.clone(),
            Expr::Property(p) => property(p),
            Expr::Lambda { path, all, var, body } => {
                let items = elements(path);
                let Some(body) = body else { return Ok(Cmp::Bool(!items.is_empty())) };
                let prefix = format!("{var}/");
                let mut result = *all;
                for item in items {
                    // The variable and paths below it are the element's; others the row's.
                    let inner = |p: &str| match (&item, p.strip_prefix(&prefix)) {
                        (Element::Value(v), _) if p == var => v.clone(),
                        (Element::Row(lookup, _), Some(rest)) => lookup(rest),
                        _ => property(p),
                    };
                    let inner_elements = |p: &str| match (&item, p.strip_prefix(&prefix)) {
                        (Element::Row(_, list), Some(rest)) => list(rest),
                        _ => elements(p),
                    };
                    let holds = matches(body, &inner, &inner_elements)?;
                    if holds != *all {
                        result = holds;
                        break;
                    }
                }
                Cmp::Bool(result)
            }
            Expr::Not(e) => match e.eval(property, elements)? {
                Cmp::Bool(b) => Cmp::Bool(!b),
                Cmp::Null => Cmp::Null,
                other => return Err(format!("`not` needs a boolean, got {other:?}")),
            },
            Expr::In(a, items) => {
                let a = a.eval(property, elements)?;
                let mut found = false;
                for item in items {
                    found |= a.compare(&item.eval(property, elements)?) == Some(Ordering::Equal);
                }
                Cmp::Bool(found)
            }
            Expr::Binary(a, op, b) => binary(a.eval(property, elements)?, op, b.eval(property, elements)?)?,
            Expr::Call(name, args) => {
                let args = args.iter().map(|a| a.eval(property, elements)).collect::<Result<Vec<_>, _>>()?;
                call(name, &args)?
            }
        })
    }
}

fn binary(a: Cmp, op: &str, b: Cmp) -> Result<Cmp, String> {
    Ok(match op {
        "and" | "or" => match (a, b) {
            (Cmp::Bool(a), Cmp::Bool(b)) => Cmp::Bool(if op == "and" { a && b } else { a || b }),
            (Cmp::Null, _) | (_, Cmp::Null) => Cmp::Bool(false),
            (a, b) => return Err(format!("`{op}` needs booleans, got {a:?} and {b:?}")),
        },
        "eq" => Cmp::Bool(a.compare(&b) == Some(Ordering::Equal)),
        "ne" => Cmp::Bool(a.compare(&b) != Some(Ordering::Equal)),
        "gt" | "ge" | "lt" | "le" => {
            if matches!(a, Cmp::Null) || matches!(b, Cmp::Null) {
                return Ok(Cmp::Bool(false));
            }
            let ordering = a.compare(&b).ok_or_else(|| format!("cannot compare {a:?} with {b:?}"))?;
            Cmp::Bool(match op {
                "gt" => ordering == Ordering::Greater,
                "ge" => ordering != Ordering::Less,
                "lt" => ordering == Ordering::Less,
                _ => ordering != Ordering::Greater,
            })
        }
        _ => match (a, b) {
            (Cmp::Num(a), Cmp::Num(b)) => Cmp::Num(match op {
                "add" => a + b,
                "sub" => a - b,
                "mul" => a * b,
                "div" => a / b,
                _ => a % b,
            }),
            (Cmp::Null, _) | (_, Cmp::Null) => Cmp::Null,
            (a, b) => return Err(format!("`{op}` needs numbers, got {a:?} and {b:?}")),
        },
    })
}

fn call(name: &str, args: &[Cmp]) -> Result<Cmp, String> {
    let text = |i: usize| match args.get(i) {
        Some(Cmp::Text(t)) => Ok(Some(t.as_str())),
        Some(Cmp::Null) => Ok(None),
        other => Err(format!("{name}: argument {} must be a string, got {other:?}", i + 1)),
    };
    let num = |i: usize| match args.get(i) {
        Some(Cmp::Num(n)) => Ok(*n),
        other => Err(format!("{name}: argument {} must be a number, got {other:?}", i + 1)),
    };
    let arity = |n: usize| {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!("{name} takes {n} argument(s), got {}", args.len()))
        }
    };
    let both = |f: fn(&str, &str) -> bool| -> Result<Cmp, String> {
        arity(2)?;
        Ok(Cmp::Bool(match (text(0)?, text(1)?) {
            (Some(a), Some(b)) => f(a, b),
            _ => false,
        }))
    };
    let date_part = |part: usize| -> Result<Cmp, String> {
        arity(1)?;
        let iso = match &args[0] {
            Cmp::Num(ms) => values::iso(*ms as i64),
            Cmp::Text(t) => t.clone(),
            Cmp::Null => return Ok(Cmp::Null),
            other => return Err(format!("{name} needs a date, got {other:?}")),
        };
        let fields: Vec<f64> = iso.split(['-', 'T', ':', 'Z', '.']).filter_map(|f| f.parse().ok()).collect();
        fields.get(part).map(|v| Cmp::Num(*v)).ok_or_else(|| format!("{name}: no such part in `{iso}`"))
    };
    let map_text = |f: fn(&str) -> Cmp| -> Result<Cmp, String> {
        arity(1)?;
        Ok(text(0)?.map_or(Cmp::Null, f))
    };
    match name {
        "substringof" => both(|needle, haystack| haystack.contains(needle)),
        "contains" => both(|haystack, needle| haystack.contains(needle)),
        "startswith" => both(|a, b| a.starts_with(b)),
        "endswith" => both(|a, b| a.ends_with(b)),
        "tolower" => map_text(|t| Cmp::Text(t.to_lowercase())),
        "toupper" => map_text(|t| Cmp::Text(t.to_uppercase())),
        "trim" => map_text(|t| Cmp::Text(t.trim().to_owned())),
        "length" => map_text(|t| Cmp::Num(t.chars().count() as f64)),
        "indexof" => {
            arity(2)?;
            Ok(match (text(0)?, text(1)?) {
                (Some(a), Some(b)) => Cmp::Num(a.find(b).map_or(-1.0, |i| a[..i].chars().count() as f64)),
                _ => Cmp::Null,
            })
        }
        "concat" => {
            arity(2)?;
            Ok(Cmp::Text(format!("{}{}", text(0)?.unwrap_or(""), text(1)?.unwrap_or(""))))
        }
        "substring" => {
            let Some(t) = text(0)? else { return Ok(Cmp::Null) };
            let start = num(1)? as usize;
            let chars = t.chars().skip(start);
            Ok(Cmp::Text(match args.len() {
                2 => chars.collect(),
                3 => chars.take(num(2)? as usize).collect(),
                n => return Err(format!("substring takes 2 or 3 arguments, got {n}")),
            }))
        }
        "year" => date_part(0),
        "month" => date_part(1),
        "day" => date_part(2),
        "hour" => date_part(3),
        "minute" => date_part(4),
        "second" => date_part(5),
        "round" | "floor" | "ceiling" => {
            arity(1)?;
            let n = num(0)?;
            Ok(Cmp::Num(match name {
                "round" => n.round(),
                "floor" => n.floor(),
                _ => n.ceil(),
            }))
        }
        _ => Err(format!("the function `{name}` is not supported")),
    }
}

/// Whether a row passes the filter (a non-boolean result is an error).
pub(crate) fn matches(expr: &Expr, property: Lookup<'_>, elements: Elements<'_, '_>) -> Result<bool, String> {
    match expr.eval(property, elements)? {
        Cmp::Bool(b) => Ok(b),
        Cmp::Null => Ok(false),
        other => Err(format!("the filter is not a condition (it gives {other:?})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(p: &str) -> Cmp {
        match p {
            "Name" => Cmp::Text("O'Neil Ltd".into()),
            "City" => Cmp::Text("Berlin".into()),
            "Qty" => Cmp::Num(7.0),
            "Created" => Cmp::Num(values::date_millis("2024-03-05T10:00:00Z").unwrap() as f64),
            _ => Cmp::Null,
        }
    }

    fn elements(p: &str) -> Vec<Element<'static>> {
        match p {
            "Tags" => vec![Element::Value(Cmp::Text("beach".into())), Element::Value(Cmp::Text("city".into()))],
            "Items" => [1.0, 3.0]
                .into_iter()
                .map(|pos| {
                    let lookup = move |p: &str| if p == "Pos" { Cmp::Num(pos) } else { Cmp::Null };
                    let list = |p: &str| if p == "Tags" { elements("Tags") } else { Vec::new() };
                    Element::Row(Box::new(lookup), Box::new(list))
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    fn check(filter: &str) -> bool {
        matches(&parse(filter).unwrap(), &row, &elements).unwrap()
    }

    #[test]
    fn comparisons_logic_and_functions() {
        assert!(check("Name eq 'O''Neil Ltd'"));
        assert!(check("Qty gt 5 and (City eq 'Berlin' or City eq 'Paris')"));
        assert!(!check("not (Qty ge 7)"));
        assert!(check("Qty add 3 eq 10"));
        assert!(check("substringof('Neil',Name) and contains(Name,'Ltd') and startswith(City,'Ber')"));
        assert!(check("tolower(City) eq 'berlin' and length(City) eq 6"));
        assert!(check("year(Created) eq 2024 and month(Created) eq 3 and day(Created) eq 5"));
        assert!(check("Created gt datetime'2024-01-01T00:00:00' and Created lt 2025-01-01T00:00:00Z"));
        assert!(check("City in ('Paris','Berlin')"));
        assert!(!check("Missing eq 'x'"));
        assert!(check("Missing eq null"));
    }

    #[test]
    fn bad_filters_are_errors_not_panics() {
        for bad in [
            "Name eq",
            "Name eq 'open",
            "(Qty gt 1",
            "Qty gt 1)",
            "frobnicate(Name)",
            "Qty",
            "eq eq eq",
            "Tags/all()",
            "Tags/any(d0 eq 'x')",
            "Tags/any(d0:d0 eq 'x'",
        ] {
            let outcome = parse(bad).and_then(|e| matches(&e, &row, &elements));
            assert!(outcome.is_err(), "{bad}: {outcome:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let nested = |depth: usize| format!("{}Qty gt 1{}", "(".repeat(depth), ")".repeat(depth));
        assert!(check(&nested(MAX_DEPTH - 1)));
        for deep in [nested(MAX_DEPTH), nested(100_000), "not ".repeat(100_000) + "Qty gt 1"] {
            let e = parse(&deep).unwrap_err();
            assert!(e.contains("nests deeper"), "{e}");
        }
    }

    #[test]
    fn lambdas_over_a_collection_of_values() {
        assert!(check("Tags/any(d0:d0 eq 'city')"));
        assert!(!check("Tags/any(d0:d0 eq 'mountain')"));
        assert!(check("Tags/all(d0:length(d0) ge 4)"));
        assert!(!check("Tags/all(d0:startswith(d0,'b'))"));
        assert!(check("Tags/any() and not (Empty/any())"));
        assert!(check("Empty/all(d0:d0 eq 'x')"), "all holds for no elements");
        assert!(check("Tags/any(t:t eq 'beach' and City eq 'Berlin')"), "outer properties stay in reach");
        // Over related entities, with a nested lambda on each.
        assert!(check("Items/any(d0:d0/Pos gt 2)"));
        assert!(!check("Items/all(d0:d0/Pos gt 2)"));
        assert!(check("Items/all(d0:d0/Tags/any(d1:d1 eq 'city') and Qty eq 7)"));
    }

    #[test]
    fn properties_are_listed() {
        let mut props = Vec::new();
        parse("substringof('x',Name) or Address/City eq 'B'").unwrap().properties(&mut props);
        assert_eq!(props, ["Name", "Address/City"]);
    }
}
