/// The OData protocol version a service speaks.
///
/// The version changes URLs, literal forms and payload shapes, never the generated API.
///
/// ```
/// use odata_runtime::Version;
/// assert_eq!(Version::V4.to_string(), "4.0");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Version {
    /// OData V2 (SAP Gateway; verbose JSON with `d`, `/Date(…)/`, typed literals).
    V2,
    /// OData V4 (and 4.01).
    V4,
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Version::V2 => "2.0",
            Version::V4 => "4.0",
        })
    }
}
