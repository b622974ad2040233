//! Next-page links: a server's link, made safe to follow on this client's own origin.

use super::Client;
use crate::plan::PerCall;
use crate::redact::url as redact_url;
use crate::Error;

impl Client {
    /// A next-page link as a path relative to the service root. Servers write absolute
    /// links with the host *they* know (`localhost`, a Cloud Connector virtual host), so
    /// only the part below the service root is kept and sent to this client's own
    /// origin. A link whose path is not plainly below the service root is refused before
    /// any request: dot segments (also percent-encoded), empty segments (`//`, which
    /// would make the rest an absolute path), backslashes.
    pub(crate) fn rebase_link(&self, link: &str) -> Result<String, Error> {
        let root = &self.inner.root;
        let refuse =
            |why: &str| Error::Paging { url: redact_url(root), message: format!("the next link {why}; not followed") };
        let raw_path = {
            let without = link.split(['?', '#']).next().unwrap_or("");
            match without.split_once("://") {
                Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
                None => without,
            }
        };
        if link.starts_with("//") {
            return Err(refuse("is scheme-relative (`//host/…`)"));
        }
        if raw_path.contains('\\') {
            return Err(refuse("has a backslash in its path"));
        }
        let dot_segment = raw_path.split('/').any(|segment| {
            let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
            decoded == "." || decoded == ".."
        });
        if dot_segment {
            return Err(refuse("has a dot segment in its path"));
        }
        let url = root.join(link).map_err(|_| refuse("is not a URL"))?;
        let Some(rest) = url.path().strip_prefix(root.path()) else {
            return Err(refuse(&format!("{} is outside the service {}", redact_url(&url), redact_url(root))));
        };
        if rest.starts_with('/') || rest.contains("//") {
            return Err(refuse("has an empty path segment (`//`)"));
        }
        Ok(match url.query() {
            Some(q) => format!("{rest}?{q}"),
            None => rest.to_owned(),
        })
    }

    /// A keyed hash of a link (the streams' record of links followed).
    pub(crate) fn link_hash(&self, link: &str) -> u64 {
        use std::hash::BuildHasher;
        self.inner.identity.hash_one(link)
    }

    /// The most pages a stream of `call` follows.
    pub(crate) fn max_pages(&self, call: &PerCall) -> u64 {
        call.max_pages.unwrap_or(self.inner.max_pages)
    }
}

#[cfg(test)]
mod tests {
    use crate::Client;

    #[test]
    fn next_links_are_rebased_onto_the_service_root() {
        let client = Client::builder("http://127.0.0.1:4004/odata/v2/shop").build().unwrap();
        for (link, expected) in [
            ("http://localhost:4004/odata/v2/shop/Products?$skiptoken=20", "Products?$skiptoken=20"),
            ("https://virtual-s4:443/odata/v2/shop/Products?$skiptoken=20", "Products?$skiptoken=20"),
            ("Products?$skiptoken=40", "Products?$skiptoken=40"),
            ("/odata/v2/shop/A_X('a%20b')?$skip=1", "A_X('a%20b')?$skip=1"),
        ] {
            assert_eq!(client.rebase_link(link).unwrap(), expected, "{link}");
        }
        for outside in [
            "/odata/v2/other/Products",
            "../x",
            "/odata/v2/shop//other-service/Secrets",
            "//odata/v2/shop/Products",
            "/odata/v2/shop/./Products",
            "/odata/v2/shop/%2e%2e/admin/Users",
            "/odata/v2/shop/%2E/Products",
            "/odata/v2/shop/Products/..",
            "Products/../../admin",
            "/odata/v2/shop/a\\..\\..\\admin",
            "http://evil.example/other/Products",
        ] {
            assert!(client.rebase_link(outside).is_err(), "{outside}");
        }
    }
}
