//! Verifying incoming user tokens (issue 19).
//!
//! - A token verified with its key cached (`Verifier::verify`: the token read on its
//!   face, issuer, lifetime, audience and tenant checked, the key looked up, the RS256
//!   signature checked, the user built) against the limit, one `ring` RS256 signature
//!   check of the same token with the key already parsed.
//! - 1,000 concurrent first requests on a fresh verifier (cold key cache) against the
//!   same 1,000 on a warm one; every iteration asserts the key set was fetched exactly
//!   once.
//!
//! Run: `cargo bench -p odata-benchmarks --bench verify`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use odata_runtime::btp::bindings::Bindings;
use odata_runtime::btp::verify::Verifier;
use odata_sandbox::xsuaa::{Xsuaa, PROVIDER_ZONE};
use std::hint::black_box;
use std::time::{Duration, Instant};

const APP: &str = "sb-bench!t1";
const CONCURRENT: usize = 1000;

fn verifier(xsuaa: &Xsuaa) -> Verifier {
    let vcap = serde_json::json!({ "xsuaa": [xsuaa.binding("uaa", APP)] }).to_string();
    Verifier::xsuaa(Bindings::from_vcap_services(&vcap).unwrap().find("xsuaa").unwrap()).unwrap().build().unwrap()
}

/// 1,000 verifications at once on `verifier`; panics unless every one succeeds.
async fn verify_all(verifier: &Verifier, tokens: &[String]) -> Duration {
    let start = Instant::now();
    let tasks: Vec<_> = tokens
        .iter()
        .map(|t| {
            let (verifier, t) = (verifier.clone(), t.clone());
            tokio::spawn(async move { verifier.verify(&t).await.map(|_| ()) })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().expect("a token was refused");
    }
    start.elapsed()
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let xsuaa = rt.block_on(async {
        let xsuaa = Xsuaa::start().await.unwrap();
        xsuaa.register_client(APP, "secret");
        xsuaa
    });
    let token = xsuaa.user_token_for("alice", PROVIDER_ZONE, APP, &["Display"]);
    let warm = verifier(&xsuaa);
    rt.block_on(warm.verify(&token)).expect("the token verifies");

    // The limit: the signature check alone, the key parsed beforehand.
    let jwk = odata_sandbox::jwt::Signer::sandbox().jwk();
    let part = |name: &str| URL_SAFE_NO_PAD.decode(jwk[name].as_str().unwrap()).unwrap();
    let (n, e) = (part("n"), part("e"));
    let (input, signature) = token.rsplit_once('.').unwrap();
    let signature = URL_SAFE_NO_PAD.decode(signature).unwrap();
    let key = ring::signature::RsaPublicKeyComponents { n: &n, e: &e };

    let mut group = c.benchmark_group("verify a user token");
    group.throughput(Throughput::Elements(1));
    group.bench_function(BenchmarkId::new("limit: ring RS256 signature only", "key parsed"), |b| {
        b.iter(|| {
            key.verify(&ring::signature::RSA_PKCS1_2048_8192_SHA256, black_box(input.as_bytes()), &signature).unwrap()
        })
    });
    group.bench_function(BenchmarkId::new("Verifier::verify", "key cached"), |b| {
        // Timed inside one block_on: the verification, not the runtime's entry.
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    black_box(warm.verify(black_box(&token)).await.unwrap());
                }
                start.elapsed()
            })
        })
    });
    group.finish();

    let tokens: Vec<String> =
        (0..CONCURRENT).map(|i| xsuaa.user_token_for(&format!("user{i}"), PROVIDER_ZONE, APP, &["Display"])).collect();
    let mut group = c.benchmark_group("1,000 concurrent first requests");
    group.sample_size(10).throughput(Throughput::Elements(CONCURRENT as u64));
    group.bench_function(BenchmarkId::new("warm key cache", "1,000 tokens"), |b| {
        b.iter_custom(|iters| (0..iters).map(|_| rt.block_on(verify_all(&warm, &tokens))).sum())
    });
    group.bench_function(BenchmarkId::new("cold key cache: one fetch", "1,000 tokens"), |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    let cold = verifier(&xsuaa);
                    let before = xsuaa.key_requests();
                    let took = rt.block_on(verify_all(&cold, &tokens));
                    assert_eq!(xsuaa.key_requests() - before, 1, "the key set was fetched more than once");
                    took
                })
                .sum()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
