//! `$filter` expressions: a small tree, rendered per version when the request is built.

use super::{CanFilter, Property};
use crate::edm::{Date, DateTime, DateTimeOffset, EdmValue, TimeOfDay};
use crate::Version;
use std::marker::PhantomData;

/// A value a filter can compare a property (or operand) of type `T` with: a `T`, or
/// what becomes one exactly (`&str` for a string; a smaller integer for a wider one;
/// an integer for an `Edm.Decimal`; a UTC date-time for an `Edm.DateTimeOffset`).
///
/// ```
/// use odata_runtime::edm::Decimal;
/// use odata_runtime::query::ValueOf;
///
/// let price: Decimal = "2.50".parse().unwrap();
/// assert_eq!(ValueOf::<Decimal>::into_value(price.clone()), price);
/// assert_eq!(ValueOf::<Decimal>::into_value(3), Decimal::from(3));
/// ```
#[diagnostic::on_unimplemented(
    message = "a filter on a `{T}` cannot take a `{Self}`",
    label = "not a `{T}`",
    note = "compare with a `{T}`, or with what becomes one exactly: `&str` for strings, smaller integers for wider ones, integers for decimals",
    note = "an `Edm.Decimal` with a fraction is written exactly, never as a float: `\"2.5\".parse::<odata_runtime::edm::Decimal>()?`"
)]
pub trait ValueOf<T> {
    /// The value as a `T`.
    fn into_value(self) -> T;
}

impl<T: EdmValue> ValueOf<T> for T {
    fn into_value(self) -> T {
        self
    }
}

/// Conversions that lose nothing, as `From` has them.
macro_rules! value_of {
    ($target:ty: $($source:ty),*) => {
        $(#[diagnostic::do_not_recommend]
        impl ValueOf<$target> for $source {
            fn into_value(self) -> $target {
                <$target>::from(self)
            }
        })*
    };
}

value_of!(String: &str, &String, Box<str>, std::borrow::Cow<'_, str>);
value_of!(i16: i8, u8);
value_of!(i32: i8, i16, u8, u16);
value_of!(i64: i8, i16, i32, u8, u16, u32);
value_of!(f32: i8, i16, u8, u16);
value_of!(f64: f32, i8, i16, i32, u8, u16, u32);
value_of!(crate::edm::Decimal: i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);
value_of!(DateTimeOffset: chrono::DateTime<chrono::Utc>);
value_of!(crate::edm::Binary: Vec<u8>);

/// A value kept for rendering as a URL literal later, in the request's version.
trait Literal: Send + Sync {
    fn write(&self, version: Version, out: &mut String);
}

impl<T: EdmValue + Send + Sync> Literal for T {
    fn write(&self, version: Version, out: &mut String) {
        self.write_literal(version, out);
    }
}

#[derive(Clone)]
enum Expr {
    Path(&'static str),
    Call(&'static str, Box<Expr>),
    /// The element of a value collection inside a lambda: its variable (`d0`).
    Var,
}

impl Expr {
    /// Writes the expression; inside a lambda, property paths start with its variable.
    fn write(&self, var: Option<&str>, out: &mut String) {
        match self {
            Expr::Path(p) => {
                if let Some(var) = var {
                    out.push_str(var);
                    out.push('/');
                }
                out.push_str(p)
            }
            Expr::Call(f, inner) => {
                out.push_str(f);
                out.push('(');
                inner.write(var, out);
                out.push(')');
            }
            Expr::Var => out.push_str(var.unwrap_or("$it")),
        }
    }
}

enum Node {
    Compare(Expr, &'static str, Box<dyn Literal>),
    Null(Expr, &'static str),
    In(Expr, Vec<Box<dyn Literal>>),
    Text(TextFunction, Expr, Box<dyn Literal>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Not(Box<Node>),
    /// An unchecked fragment, always written in parentheses.
    Raw(String),
    /// `path/any(d:…)`, `path/all(d:…)` or `path/any()`: the inner condition is on the
    /// navigation target, its paths prefixed with the lambda variable.
    Lambda(&'static str, &'static str, Option<Box<Node>>),
}

#[derive(Clone, Copy)]
enum TextFunction {
    Contains,
    StartsWith,
    EndsWith,
}

/// A `$filter` condition on entity type `E`.
pub struct Filter<E> {
    node: Node,
    marker: PhantomData<fn() -> E>,
}

impl<E> Filter<E> {
    fn new(node: Node) -> Self {
        Filter { node, marker: PhantomData }
    }

    /// **Unchecked**: a `$filter` fragment the typed API cannot express yet, written
    /// as given (in parentheses) and combinable with typed filters through `and`,
    /// `or` and `not`. Nothing checks its property names, types or version; values in
    /// it must be literals the caller wrote correctly (quotes doubled). So that it
    /// cannot change the meaning of the typed conditions around it, a fragment whose
    /// parentheses or string literals do not close is refused.
    ///
    /// ```
    /// use odata_runtime::query::Filter;
    /// use odata_runtime::Version;
    ///
    /// struct Partner;
    /// let f: Filter<Partner> = Filter::unchecked("geo.distance(Location, geography'POINT(8.6 49.3)') lt 900")?;
    /// assert_eq!(f.render(Version::V4), "(geo.distance(Location, geography'POINT(8.6 49.3)') lt 900)");
    /// assert!(Filter::<Partner>::unchecked("Name eq 'a') or (true").is_err());
    /// # Ok::<(), odata_runtime::edm::LiteralError>(())
    /// ```
    pub fn unchecked(fragment: impl Into<String>) -> Result<Filter<E>, crate::edm::LiteralError> {
        let fragment = fragment.into();
        balanced(&fragment).map_err(|why| crate::edm::LiteralError::new("$filter fragment", &fragment, why))?;
        Ok(Filter::new(Node::Raw(fragment)))
    }

    /// Both conditions.
    pub fn and(self, other: Filter<E>) -> Filter<E> {
        Filter::new(Node::And(Box::new(self.node), Box::new(other.node)))
    }

    /// Either condition.
    pub fn or(self, other: Filter<E>) -> Filter<E> {
        Filter::new(Node::Or(Box::new(self.node), Box::new(other.node)))
    }

    /// The negation.
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Filter<E> {
        Filter::new(Node::Not(Box::new(self.node)))
    }

    /// The `$filter` text for `version`, before URL encoding. Every value is a literal
    /// of its Edm type, with quotes doubled, so no value can change the expression.
    pub fn render(&self, version: Version) -> String {
        let mut out = String::new();
        write_node(&self.node, version, &mut out, Scope::default());
        out
    }
}

impl<E> std::fmt::Debug for Filter<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Filter").field(&self.render(Version::V4)).finish()
    }
}

impl<E> std::ops::BitAnd for Filter<E> {
    type Output = Filter<E>;
    fn bitand(self, other: Self) -> Self {
        self.and(other)
    }
}

impl<E> std::ops::BitOr for Filter<E> {
    type Output = Filter<E>;
    fn bitor(self, other: Self) -> Self {
        self.or(other)
    }
}

impl<E> std::ops::Not for Filter<E> {
    type Output = Filter<E>;
    fn not(self) -> Self {
        Filter::not(self)
    }
}

/// The lambda variable in force (`d0` in `items/any(d0:d0/pos gt 1)`) and how deep
/// lambdas are nested, so that each nested one gets its own variable.
#[derive(Clone, Copy, Default)]
struct Scope<'a> {
    var: Option<&'a str>,
    depth: usize,
}

fn write_child(parent_is_and: bool, node: &Node, version: Version, out: &mut String, scope: Scope<'_>) {
    let wrap = matches!((parent_is_and, node), (true, Node::Or(..)) | (false, Node::And(..)));
    if wrap {
        out.push('(');
    }
    write_node(node, version, out, scope);
    if wrap {
        out.push(')');
    }
}

fn write_node(node: &Node, v: Version, out: &mut String, scope: Scope<'_>) {
    let var = scope.var;
    match node {
        Node::Compare(lhs, op, value) => {
            lhs.write(var, out);
            out.push(' ');
            out.push_str(op);
            out.push(' ');
            value.write(v, out);
        }
        Node::Null(lhs, op) => {
            lhs.write(var, out);
            out.push(' ');
            out.push_str(op);
            out.push_str(" null");
        }
        Node::In(lhs, values) if values.is_empty() => {
            // Nothing is in an empty list; `in ()` is not valid syntax.
            let _ = lhs;
            out.push_str("false");
        }
        Node::In(lhs, values) => match v {
            Version::V4 => {
                lhs.write(var, out);
                out.push_str(" in (");
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    value.write(v, out);
                }
                out.push(')');
            }
            Version::V2 => {
                // V2 has no `in`: the same condition as a disjunction.
                out.push('(');
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" or ");
                    }
                    lhs.write(var, out);
                    out.push_str(" eq ");
                    value.write(v, out);
                }
                out.push(')');
            }
        },
        Node::Text(f, lhs, value) => {
            let (name, value_first) = match (f, v) {
                (TextFunction::Contains, Version::V2) => ("substringof", true),
                (TextFunction::Contains, Version::V4) => ("contains", false),
                (TextFunction::StartsWith, _) => ("startswith", false),
                (TextFunction::EndsWith, _) => ("endswith", false),
            };
            out.push_str(name);
            out.push('(');
            if value_first {
                value.write(v, out);
                out.push(',');
                lhs.write(var, out);
            } else {
                lhs.write(var, out);
                out.push(',');
                value.write(v, out);
            }
            out.push(')');
        }
        Node::And(a, b) | Node::Or(a, b) => {
            let is_and = matches!(node, Node::And(..));
            write_child(is_and, a, v, out, scope);
            out.push_str(if is_and { " and " } else { " or " });
            write_child(is_and, b, v, out, scope);
        }
        Node::Not(inner) => {
            out.push_str("not (");
            write_node(inner, v, out, scope);
            out.push(')');
        }
        Node::Lambda(path, op, inner) => {
            if let Some(var) = var {
                out.push_str(var);
                out.push('/');
            }
            out.push_str(path);
            out.push('/');
            out.push_str(op);
            out.push('(');
            if let Some(inner) = inner {
                let name = format!("d{}", scope.depth);
                out.push_str(&name);
                out.push(':');
                write_node(inner, v, out, Scope { var: Some(&name), depth: scope.depth + 1 });
            }
            out.push(')');
        }
        Node::Raw(fragment) => {
            out.push('(');
            out.push_str(fragment);
            out.push(')');
        }
    }
}

/// Whether `fragment` is non-empty, closes every parenthesis it opens and every
/// `'…'` literal (`''` inside one is a quote), and opens none it does not close.
fn balanced(fragment: &str) -> Result<(), &'static str> {
    if fragment.trim().is_empty() {
        return Err("the fragment is empty");
    }
    let mut depth = 0usize;
    let mut chars = fragment.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => loop {
                match chars.next() {
                    Some('\'') if chars.peek() == Some(&'\'') => {
                        chars.next();
                    }
                    Some('\'') => break,
                    Some(_) => {}
                    None => return Err("a string literal does not end"),
                }
            },
            '(' => depth += 1,
            ')' => depth = depth.checked_sub(1).ok_or("a parenthesis closes what the fragment did not open")?,
            _ => {}
        }
    }
    if depth > 0 {
        return Err("a parenthesis does not close");
    }
    Ok(())
}

impl<E, T> super::Navigation<E, T, super::Many> {
    /// Whether any related entity matches `condition` (OData V4 `any`), a filter on
    /// the target type: `Orders::ITEMS.any(OrderItems::POS.gt(1))` is
    /// `items/any(d0:d0/pos gt 1)`. V2 has no lambda operators: on a V2 service this
    /// does not compile.
    pub fn any(self, condition: Filter<T>) -> Filter<E>
    where
        E: Lambdas,
    {
        Filter::new(Node::Lambda(self.name(), "any", Some(Box::new(condition.node))))
    }

    /// Whether every related entity matches `condition` (OData V4 `all`; true when
    /// there are none).
    pub fn all(self, condition: Filter<T>) -> Filter<E>
    where
        E: Lambdas,
    {
        Filter::new(Node::Lambda(self.name(), "all", Some(Box::new(condition.node))))
    }

    /// Whether there is any related entity at all (`items/any()`).
    pub fn exists(self) -> Filter<E>
    where
        E: Lambdas,
    {
        Filter::new(Node::Lambda(self.name(), "any", None))
    }
}

/// An element of a collection of `T` values inside a lambda operator: a filter on it is
/// a `Filter<Each<T>>`, built from the [`Operand`] the lambda hands over.
pub struct Each<T>(PhantomData<fn() -> T>);

impl<E, T: EdmValue + Send + Sync + 'static, F> super::Collection<E, T, F> {
    fn lambda(self, op: &'static str, condition: impl FnOnce(Operand<Each<T>, T>) -> Filter<Each<T>>) -> Filter<E> {
        let element = Operand { expr: Expr::Var, marker: PhantomData };
        Filter::new(Node::Lambda(self.name(), op, Some(Box::new(condition(element).node))))
    }

    /// Whether any element matches `condition`, a filter on the element given to it
    /// (OData V4 `any`): `Travel::TAGS.any(|tag| tag.eq("urgent"))` is
    /// `Tags/any(d0:d0 eq 'urgent')`. Not on V2 services, nor on properties the
    /// metadata marks not filterable.
    pub fn any(self, condition: impl FnOnce(Operand<Each<T>, T>) -> Filter<Each<T>>) -> Filter<E>
    where
        E: Lambdas,
        F: super::CanFilter,
    {
        self.lambda("any", condition)
    }

    /// Whether every element matches `condition` (OData V4 `all`; true when empty).
    pub fn all(self, condition: impl FnOnce(Operand<Each<T>, T>) -> Filter<Each<T>>) -> Filter<E>
    where
        E: Lambdas,
        F: super::CanFilter,
    {
        self.lambda("all", condition)
    }

    /// Whether the collection has any element (`Tags/any()`).
    pub fn exists(self) -> Filter<E>
    where
        E: Lambdas,
        F: super::CanFilter,
    {
        Filter::new(Node::Lambda(self.name(), "any", None))
    }
}

impl<E, C, F> super::ComplexCollection<E, C, F> {
    /// Whether any element matches `condition`, a filter on the complex type
    /// (OData V4 `any`): `Notes::CHECKLIST.any(Step::DONE.eq(false))` is
    /// `checklist/any(d0:d0/done eq false)`. Not on properties the metadata marks not
    /// filterable.
    pub fn any(self, condition: Filter<C>) -> Filter<E>
    where
        E: Lambdas,
        F: super::CanFilter,
    {
        Filter::new(Node::Lambda(self.name(), "any", Some(Box::new(condition.node))))
    }

    /// Whether every element matches `condition` (OData V4 `all`; true when empty).
    pub fn all(self, condition: Filter<C>) -> Filter<E>
    where
        E: Lambdas,
        F: super::CanFilter,
    {
        Filter::new(Node::Lambda(self.name(), "all", Some(Box::new(condition.node))))
    }

    /// Whether the collection has any element (`checklist/any()`).
    pub fn exists(self) -> Filter<E>
    where
        E: Lambdas,
        F: super::CanFilter,
    {
        Filter::new(Node::Lambda(self.name(), "any", None))
    }
}

/// Entity types of OData V4 services, whose filters may use the lambda operators
/// `any` and `all` (implemented by generated code).
#[diagnostic::on_unimplemented(
    message = "`any`/`all` need OData V4, and `{Self}` belongs to an OData V2 service",
    label = "a V2 entity type",
    note = "V2 has no lambda operators; filter the related entity set itself, or use an unchecked fragment"
)]
pub trait Lambdas {}

/// A value computed from a property in a filter (`tolower(Name)`, `year(Date)`), of
/// type `T`, on entity type `E`.
pub struct Operand<E, T> {
    expr: Expr,
    marker: PhantomData<fn() -> (E, T)>,
}

impl<E, T> Clone for Operand<E, T> {
    fn clone(&self) -> Self {
        Operand { expr: self.expr.clone(), marker: PhantomData }
    }
}

impl<E, T> Operand<E, T> {
    fn call<U>(self, function: &'static str) -> Operand<E, U> {
        Operand { expr: Expr::Call(function, Box::new(self.expr)), marker: PhantomData }
    }
}

impl<E, T: EdmValue + Send + Sync + 'static> Operand<E, T> {
    fn compare(self, op: &'static str, value: T) -> Filter<E> {
        Filter::new(Node::Compare(self.expr, op, Box::new(value)))
    }

    /// `= value`.
    pub fn eq(self, value: impl ValueOf<T>) -> Filter<E> {
        self.compare("eq", value.into_value())
    }
    /// `≠ value`.
    pub fn ne(self, value: impl ValueOf<T>) -> Filter<E> {
        self.compare("ne", value.into_value())
    }
    /// `< value`.
    pub fn lt(self, value: impl ValueOf<T>) -> Filter<E> {
        self.compare("lt", value.into_value())
    }
    /// `≤ value`.
    pub fn le(self, value: impl ValueOf<T>) -> Filter<E> {
        self.compare("le", value.into_value())
    }
    /// `> value`.
    pub fn gt(self, value: impl ValueOf<T>) -> Filter<E> {
        self.compare("gt", value.into_value())
    }
    /// `≥ value`.
    pub fn ge(self, value: impl ValueOf<T>) -> Filter<E> {
        self.compare("ge", value.into_value())
    }
    /// `eq null`.
    pub fn is_null(self) -> Filter<E> {
        Filter::new(Node::Null(self.expr, "eq"))
    }
    /// `ne null`.
    pub fn is_not_null(self) -> Filter<E> {
        Filter::new(Node::Null(self.expr, "ne"))
    }
    /// One of `values`: `in (…)` in V4, a disjunction of `eq` in V2.
    pub fn is_in<V: ValueOf<T>>(self, values: impl IntoIterator<Item = V>) -> Filter<E> {
        let values = values.into_iter().map(|v| Box::new(v.into_value()) as Box<dyn Literal>).collect();
        Filter::new(Node::In(self.expr, values))
    }
}

impl<E> Operand<E, String> {
    fn text(self, f: TextFunction, value: String) -> Filter<E> {
        Filter::new(Node::Text(f, self.expr, Box::new(value)))
    }
    /// Contains `value` (`substringof` in V2, `contains` in V4).
    pub fn contains(self, value: impl Into<String>) -> Filter<E> {
        self.text(TextFunction::Contains, value.into())
    }
    /// Starts with `value`.
    pub fn starts_with(self, value: impl Into<String>) -> Filter<E> {
        self.text(TextFunction::StartsWith, value.into())
    }
    /// Ends with `value`.
    pub fn ends_with(self, value: impl Into<String>) -> Filter<E> {
        self.text(TextFunction::EndsWith, value.into())
    }
    /// `tolower(…)`.
    pub fn to_lower(self) -> Operand<E, String> {
        self.call("tolower")
    }
    /// `toupper(…)`.
    pub fn to_upper(self) -> Operand<E, String> {
        self.call("toupper")
    }
    /// `length(…)`.
    pub fn length(self) -> Operand<E, i32> {
        self.call("length")
    }
}

macro_rules! date_parts {
    ($($t:ty),*) => {$(
        impl<E> Operand<E, $t> {
            /// `year(…)`.
            pub fn year(self) -> Operand<E, i32> { self.call("year") }
            /// `month(…)`.
            pub fn month(self) -> Operand<E, i32> { self.call("month") }
            /// `day(…)`.
            pub fn day(self) -> Operand<E, i32> { self.call("day") }
        }
    )*};
}

macro_rules! time_parts {
    ($($t:ty),*) => {$(
        impl<E> Operand<E, $t> {
            /// `hour(…)`.
            pub fn hour(self) -> Operand<E, i32> { self.call("hour") }
            /// `minute(…)`.
            pub fn minute(self) -> Operand<E, i32> { self.call("minute") }
            /// `second(…)`.
            pub fn second(self) -> Operand<E, i32> { self.call("second") }
        }
    )*};
}

date_parts!(DateTime, DateTimeOffset, Date);
time_parts!(DateTime, DateTimeOffset, TimeOfDay);

impl<E, T, F, S, N> Property<E, T, F, S, N> {
    /// This property as a filter operand (the methods below are shortcuts for it).
    pub fn operand(self) -> Operand<E, T>
    where
        F: CanFilter,
    {
        Operand { expr: Expr::Path(self.name()), marker: PhantomData }
    }
}

/// Forwards the operand methods to filterable properties, so
/// `Partner::LAST_NAME.eq("x")` reads as it should.
macro_rules! forward {
    ($(#[$doc:meta] $name:ident($($arg:ident: $ty:ty),*) -> $out:ty;)*) => {
        $(#[$doc] pub fn $name(self, $($arg: $ty),*) -> $out where F: CanFilter { self.operand().$name($($arg),*) })*
    };
}

impl<E, T: EdmValue + Send + Sync + 'static, F, S, N> Property<E, T, F, S, N> {
    forward! {
        /// `= value`.
        eq(value: impl ValueOf<T>) -> Filter<E>;
        /// `≠ value`.
        ne(value: impl ValueOf<T>) -> Filter<E>;
        /// `< value`.
        lt(value: impl ValueOf<T>) -> Filter<E>;
        /// `≤ value`.
        le(value: impl ValueOf<T>) -> Filter<E>;
        /// `> value`.
        gt(value: impl ValueOf<T>) -> Filter<E>;
        /// `≥ value`.
        ge(value: impl ValueOf<T>) -> Filter<E>;
        /// `eq null`.
        is_null() -> Filter<E>;
        /// `ne null`.
        is_not_null() -> Filter<E>;
    }

    /// One of `values`: `in (…)` in V4, a disjunction of `eq` in V2.
    pub fn is_in<V: ValueOf<T>>(self, values: impl IntoIterator<Item = V>) -> Filter<E>
    where
        F: CanFilter,
    {
        self.operand().is_in(values)
    }
}

impl<E, F, S, N> Property<E, String, F, S, N> {
    forward! {
        /// Contains `value` (`substringof` in V2, `contains` in V4).
        contains(value: impl Into<String>) -> Filter<E>;
        /// Starts with `value`.
        starts_with(value: impl Into<String>) -> Filter<E>;
        /// Ends with `value`.
        ends_with(value: impl Into<String>) -> Filter<E>;
        /// `tolower(…)`.
        to_lower() -> Operand<E, String>;
        /// `toupper(…)`.
        to_upper() -> Operand<E, String>;
        /// `length(…)`.
        length() -> Operand<E, i32>;
    }
}

macro_rules! forward_date_parts {
    ($($t:ty),*) => {$(
        impl<E, F, S, N> Property<E, $t, F, S, N> {
            forward! {
                /// `year(…)`.
                year() -> Operand<E, i32>;
                /// `month(…)`.
                month() -> Operand<E, i32>;
                /// `day(…)`.
                day() -> Operand<E, i32>;
            }
        }
    )*};
}

macro_rules! forward_time_parts {
    ($($t:ty),*) => {$(
        impl<E, F, S, N> Property<E, $t, F, S, N> {
            forward! {
                /// `hour(…)`.
                hour() -> Operand<E, i32>;
                /// `minute(…)`.
                minute() -> Operand<E, i32>;
                /// `second(…)`.
                second() -> Operand<E, i32>;
            }
        }
    )*};
}

forward_date_parts!(DateTime, DateTimeOffset, Date);
forward_time_parts!(DateTime, DateTimeOffset, TimeOfDay);
