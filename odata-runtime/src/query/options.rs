//! `$select`, `$expand`, `$orderby`, `$top`, `$skip`, counts and custom options.

use super::{CanSort, Filter, Navigation, NavigationPath, Property, Selection};
use crate::edm::percent_encode_literal;
use crate::Version;
use std::marker::PhantomData;

/// What `$expand` accepts on entity type `E`: its navigation properties and paths
/// through them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be expanded from `{E}`: only navigation properties of `{E}` can",
    label = "not a navigation property of `{E}`"
)]
pub trait Expansion<E> {
    /// The expand item: a path, or (V4) a path with nested options.
    fn path(&self) -> String;

    /// Whether the item has nested options, which only OData V4 understands.
    fn has_nested_options(&self) -> bool {
        false
    }
}

/// A navigation property of `E` to `T` expanded with nested options (OData V4):
/// `Bookings($filter=…;$orderby=…;$top=…)`.
pub struct ExpandWith<E, T> {
    name: &'static str,
    options: QueryOptions<T>,
    marker: PhantomData<fn() -> E>,
}

/// The options of an expanded navigation property (OData V4), typed by its target.
///
/// There is no nested `$select`: expanded entities decode into their full type, and a
/// property the server left out would have to be invented. Select on the target's own
/// set, or read the expanded entities whole.
pub struct NestedQuery<T> {
    options: QueryOptions<T>,
}

impl<T> NestedQuery<T> {
    /// Only expanded entities matching `filter`.
    pub fn filter(mut self, filter: Filter<T>) -> Self {
        self.options.filter(filter);
        self
    }

    /// Sorted expanded entities.
    pub fn order_by(mut self, order: impl Into<OrderBy<T>>) -> Self {
        self.options.order_by(order.into());
        self
    }

    /// At most `n` expanded entities.
    pub fn top(mut self, n: u64) -> Self {
        self.options.top(n);
        self
    }

    /// Skips `n` expanded entities.
    pub fn skip(mut self, n: u64) -> Self {
        self.options.skip(n);
        self
    }

    /// Expands further from the target.
    pub fn expand(mut self, expansion: impl Expansion<T>) -> Self {
        self.options.expand(&expansion);
        self
    }
}

impl<E, T, C> Navigation<E, T, C> {
    /// Expands this navigation property with nested options (OData V4 only):
    /// `Travel::BOOKINGS.with(|q| q.filter(Booking::SEAT_COUNT.gt(1)).top(5))`.
    pub fn with(self, nested: impl FnOnce(NestedQuery<T>) -> NestedQuery<T>) -> ExpandWith<E, T> {
        let options = nested(NestedQuery { options: QueryOptions::default() }).options;
        ExpandWith { name: self.name(), options, marker: PhantomData }
    }
}

impl<E, T> Expansion<E> for ExpandWith<E, T> {
    fn path(&self) -> String {
        let inner: Vec<String> = self.options.pairs(Version::V4).into_iter().map(|(n, v)| format!("{n}={v}")).collect();
        format!("{}({})", self.name, inner.join(";"))
    }

    fn has_nested_options(&self) -> bool {
        true
    }
}

impl<E, T, C> Expansion<E> for Navigation<E, T, C> {
    fn path(&self) -> String {
        self.name().to_owned()
    }
}

impl<E, T, C> Expansion<E> for NavigationPath<E, T, C> {
    fn path(&self) -> String {
        NavigationPath::path(self).to_owned()
    }
}

/// One `$orderby` item on entity type `E`.
pub struct OrderBy<E> {
    text: String,
    marker: PhantomData<fn() -> E>,
}

impl<E, T, F, S, N> Property<E, T, F, S, N> {
    /// Ascending order by this property.
    pub fn asc(self) -> OrderBy<E>
    where
        S: CanSort,
    {
        OrderBy { text: format!("{} asc", self.name()), marker: PhantomData }
    }

    /// Descending order by this property.
    pub fn desc(self) -> OrderBy<E>
    where
        S: CanSort,
    {
        OrderBy { text: format!("{} desc", self.name()), marker: PhantomData }
    }
}

impl<E, T, F, S: CanSort, N> From<Property<E, T, F, S, N>> for OrderBy<E> {
    fn from(p: Property<E, T, F, S, N>) -> Self {
        p.asc()
    }
}

/// The query options of a request on entity type `E`.
#[doc(hidden)]
pub struct QueryOptions<E> {
    filter: Option<Filter<E>>,
    select: Vec<&'static str>,
    expand: Vec<String>,
    nested_expand: bool,
    order_by: Vec<String>,
    top: Option<u64>,
    skip: Option<u64>,
    count: bool,
    search: Option<String>,
    custom: Vec<(String, String)>,
}

impl<E> Default for QueryOptions<E> {
    fn default() -> Self {
        QueryOptions {
            filter: None,
            select: Vec::new(),
            expand: Vec::new(),
            nested_expand: false,
            order_by: Vec::new(),
            top: None,
            skip: None,
            count: false,
            search: None,
            custom: Vec::new(),
        }
    }
}

impl<E> QueryOptions<E> {
    /// Adds a condition (several are combined with `and`).
    pub fn filter(&mut self, filter: Filter<E>) {
        self.filter = Some(match self.filter.take() {
            Some(existing) => existing.and(filter),
            None => filter,
        });
    }

    /// Adds properties to `$select`.
    pub fn select(&mut self, selection: &impl Selection<E>) {
        selection.names(&mut self.select);
    }

    /// Adds a navigation property or path to `$expand`.
    pub fn expand(&mut self, expansion: &impl Expansion<E>) {
        self.nested_expand |= expansion.has_nested_options();
        self.expand.push(expansion.path());
    }

    /// Fails for OData V2 when an `$expand` has nested options (V4 syntax), and when a
    /// navigation property is expanded but not selected next to a `$select`: the
    /// server would send its entities and the selected rows, which hold only what was
    /// selected, would drop them.
    pub fn check(&self, version: Version) -> Result<(), String> {
        if version == Version::V2 && self.nested_expand {
            return Err("nested $expand options (navigation.with(…)) need OData V4; this service speaks V2".into());
        }
        if !self.select.is_empty() {
            for path in &self.expand {
                let first = path.split(['/', '(']).next().unwrap_or_default();
                if !self.select.contains(&first) {
                    return Err(format!(
                        "`{first}` is expanded but not selected, so its entities would be fetched and dropped: \
                         select it too (its value is then the expanded entity) or leave out the select"
                    ));
                }
            }
        }
        Ok(())
    }

    /// Adds an `$orderby` item.
    pub fn order_by(&mut self, order: OrderBy<E>) {
        self.order_by.push(order.text);
    }

    /// `$top`.
    pub fn top(&mut self, n: u64) {
        self.top = Some(n);
    }

    /// `$skip`.
    pub fn skip(&mut self, n: u64) {
        self.skip = Some(n);
    }

    /// Asks for the total count with the page (`$inlinecount=allpages` in V2,
    /// `$count=true` in V4).
    pub fn count(&mut self) {
        self.count = true;
    }

    /// A free-text search for `text`: SAP's `search=text` in V2, `$search` with `text`
    /// as one quoted phrase in V4 (so that words like `OR` in it are searched for, not
    /// operators).
    pub fn search(&mut self, text: &str) {
        self.search = Some(text.to_owned());
    }

    /// A custom query option (`sap-language=EN`, `search=…`). Names starting with `$`
    /// are refused: they belong to the typed options.
    pub fn custom(&mut self, name: &str, value: &str) -> Result<(), crate::edm::LiteralError> {
        if name.starts_with('$') || name.is_empty() {
            return Err(crate::edm::LiteralError::new(
                "query option name",
                name,
                "custom options may not start with $",
            ));
        }
        self.custom.push((name.to_owned(), value.to_owned()));
        Ok(())
    }

    /// The options as `(name, value)` pairs, not yet URL-encoded, in a fixed order.
    pub fn pairs(&self, version: Version) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(filter) = &self.filter {
            out.push(("$filter".to_owned(), filter.render(version)));
        }
        if !self.select.is_empty() {
            out.push(("$select".to_owned(), self.select.join(",")));
        }
        if !self.expand.is_empty() {
            out.push(("$expand".to_owned(), self.expand.join(",")));
        }
        if !self.order_by.is_empty() {
            out.push(("$orderby".to_owned(), self.order_by.join(",")));
        }
        if let Some(top) = self.top {
            out.push(("$top".to_owned(), top.to_string()));
        }
        if let Some(skip) = self.skip {
            out.push(("$skip".to_owned(), skip.to_string()));
        }
        if self.count {
            out.push(match version {
                Version::V2 => ("$inlinecount".to_owned(), "allpages".to_owned()),
                Version::V4 => ("$count".to_owned(), "true".to_owned()),
            });
        }
        if let Some(text) = &self.search {
            out.push(match version {
                Version::V2 => ("search".to_owned(), text.clone()),
                Version::V4 => ("$search".to_owned(), search_phrase(text)),
            });
        }
        out.extend(self.custom.iter().cloned());
        out
    }

    /// The URL query string (without `?`), every name and value percent-encoded.
    pub fn query_string(&self, version: Version) -> String {
        encode_pairs(&self.pairs(version))
    }
}

/// `text` as an OData 4.01 search phrase: in double quotes, `"` and `\` escaped.
fn search_phrase(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// `name=value&…` with names and values percent-encoded (`$` kept in names).
#[doc(hidden)]
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| {
            let name = match name.strip_prefix('$') {
                Some(rest) => format!("${}", percent_encode_literal(rest)),
                None => percent_encode_literal(name),
            };
            format!("{name}={}", percent_encode_literal(value))
        })
        .collect::<Vec<_>>()
        .join("&")
}
