//! Property test against SAP CAP: any printable Unicode string, used as a key or as a
//! `$filter` literal, reaches the server unchanged and matches exactly its own row, in
//! V4 and in V2. No value can change a request's meaning.

mod support;

use proptest::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

odata_derive::service! {
    pub mod shop4 = "../metadata-samples/cap_shop.v4.edmx";
    pub mod shop2 = "../metadata-samples/cap_shop.v2.edmx";
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// Characters that rewrite a query when a client forgets to escape them, mixed with
/// arbitrary printable Unicode.
fn hostile() -> impl Strategy<Value = String> {
    hostile_from("\\PC{1,3}")
}

/// The same with printable ASCII only. CAP 9.9.3 crashes (an uncaught exception ends
/// the server) when a *created* entity's key has non-ASCII characters: it writes the
/// raw key into the `Location` header. Unicode keys are read from seeded rows instead.
fn hostile_ascii() -> impl Strategy<Value = String> {
    hostile_from("[ -~]{1,3}").prop_filter("ASCII", |s| s.is_ascii())
}

fn hostile_from(random: &'static str) -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "'", "''", "&", "#", "%", "%27", "+", "/", "?", "=", "(", ")", ",", "$", " ", "\"", "\\", ";", "*", "😀", "ß",
        "é",
    ]);
    prop::collection::vec(prop_oneof![special.prop_map(str::to_owned), random], 1..6).prop_map(|parts| parts.concat())
}

static NEXT: AtomicU32 = AtomicU32::new(0);

macro_rules! literal_property {
    ($name:ident, $module:ident, $root:ident, $v2_adapter:expr) => {
        #[test]
        fn $name() {
            use $module::{NewProducts, Products, ProductsKey, Service};
            let Some(cap) = support::cap::cap() else { return };
            let rt = runtime();
            let svc = Service::new(&odata_runtime::Client::builder(cap.$root()).build().unwrap());
            // A fixed seed keeps CI deterministic; set ODATA_PROPTEST_SEED to explore.
            let seed = std::env::var("ODATA_PROPTEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x0da7a);
            let config = ProptestConfig {
                cases: 48,
                failure_persistence: None,
                rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
                ..ProptestConfig::default()
            };
            proptest!(config, |(name in hostile(), key_part in hostile_ascii())| {
                rt.block_on(async {
                    // Keys are at most 10 characters (String(10)) and ASCII (see above).
                    let n = NEXT.fetch_add(1, Ordering::Relaxed);
                    let id: String = format!("{}{}", stringify!($name).chars().nth(5).unwrap(), n % 100)
                        .chars()
                        .chain(key_part.chars())
                        .take(10)
                        .collect();
                    // CAP's V2 adapter (1.15.10) rewrites key segments on `,` and `=`
                    // without regard to quotes, after decoding them: `('a==')` and
                    // `('a,=b')` come back 404 "Invalid resource path ('a)", and its proxy
                    // log shows `('d2%2F%2C%2C')` forwarded as `('d2%2F%2C')`, however the
                    // client encodes them. Such keys are left to the V4 run (CAP's own
                    // parser), which takes every key this test makes.
                    prop_assume!(!($v2_adapter && id.contains(['=', ','])));
                    let product = NewProducts { name: Some(name.clone()), stock: Some(1), ..NewProducts::new(id.clone()) };
                    svc.products().create(product).send().await.unwrap();
                    // The key reaches the server unchanged.
                    let read = svc.products().get(ProductsKey { id: id.clone() }).send().await.unwrap();
                    prop_assert_eq!(&read.id, &id);
                    prop_assert_eq!(read.name.as_deref(), Some(name.as_str()));
                    // The filter literal matches exactly this row.
                    let page = svc.products().list().filter(Products::NAME.eq(name.clone()).and(Products::ID.eq(id.clone()))).send().await.unwrap();
                    prop_assert_eq!(page.items.len(), 1);
                    let by_name = svc.products().list().filter(Products::NAME.eq(name.clone())).send().await.unwrap();
                    prop_assert!(by_name.items.iter().all(|p| p.name.as_deref() == Some(name.as_str())));
                    prop_assert!(by_name.items.iter().any(|p| p.id == id));
                    svc.products().delete(ProductsKey { id }).send().await.unwrap();
                    Ok(())
                })?;
            });
        }
    };
}

literal_property!(unicode_literals_v4, shop4, v4_root, false);
literal_property!(unicode_literals_v2, shop2, v2_root, true);

macro_rules! unicode_keys {
    ($name:ident, $module:ident, $root:ident) => {
        /// Seeded rows (tests/cap/db/data) with keys no client should mangle.
        #[tokio::test]
        async fn $name() {
            use $module::{Products, ProductsKey, Service};
            let Some(cap) = support::cap::cap() else { return };
            let svc = Service::new(&odata_runtime::Client::builder(cap.$root()).build().unwrap());
            for id in ["Zoë's", "日本/東京", "a&b=c?d#e", "100%", "(x,y)+z"] {
                let p = svc.products().get(ProductsKey { id: id.into() }).send().await.unwrap();
                assert_eq!(p.id, id);
                let page = svc.products().list().filter(Products::ID.eq(id)).send().await.unwrap();
                assert_eq!(page.items.len(), 1, "{id}");
            }
        }
    };
}

unicode_keys!(unicode_keys_v4, shop4, v4_root);
unicode_keys!(unicode_keys_v2, shop2, v2_root);
