//! W3C Trace Context (feature `opentelemetry`) over loopback: a call made inside a
//! tracing span carries a `traceparent` of the span's trace; outside the application's
//! spans, the runtime's own span starts a trace; a caller's own `traceparent` is left
//! alone; without an OpenTelemetry layer nothing is sent.

use odata_runtime::request::{Method, RequestPlan};
use odata_runtime::{Client, Version};
use opentelemetry::trace::{TraceContextExt, TracerProvider};
use std::sync::{Arc, Mutex};
use tracing::Instrument;
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::layer::SubscriberExt;

/// A backend recording each request's `traceparent` (or `None`).
async fn backend() -> (String, Arc<Mutex<Vec<Option<String>>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let address = odata_sandbox::http::serve(move |request| {
        log.lock().unwrap().push(request.header("traceparent").map(str::to_owned));
        async { odata_sandbox::http::raw(200, "text/plain", "5") }
    })
    .await
    .unwrap();
    (format!("http://{address}/"), seen)
}

fn count() -> RequestPlan {
    RequestPlan::new(Method::Get, "Things/$count", Version::V4).with_header("Accept", "text/plain")
}

#[tokio::test(flavor = "current_thread")]
async fn calls_carry_the_current_span_as_traceparent() {
    let provider = opentelemetry_sdk::trace::SdkTracerProvider::builder().build();
    let subscriber =
        tracing_subscriber::registry().with(tracing_opentelemetry::layer().with_tracer(provider.tracer("test")));
    let guard = tracing::subscriber::set_default(subscriber);
    let (url, seen) = backend().await;
    let client = Client::builder(url).build().unwrap();

    let job = tracing::info_span!("nightly sync");
    let trace_id = job.context().span().span_context().trace_id();
    client.execute(&count()).instrument(job).await.unwrap();

    client.execute(&count()).await.unwrap();

    let own = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    client.execute(&count().with_header("traceparent", own)).instrument(tracing::info_span!("other")).await.unwrap();

    drop(guard);
    let _plain = tracing::subscriber::set_default(tracing_subscriber::registry());
    client.execute(&count()).instrument(tracing::info_span!("untraced")).await.unwrap();

    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 4);
    let parent = seen[0].as_deref().expect("a traceparent inside the span");
    let parts: Vec<&str> = parent.split('-').collect();
    assert_eq!(parts.len(), 4, "{parent}");
    assert_eq!(parts[0], "00");
    assert_eq!(parts[1], format!("{trace_id:032x}"), "the span's trace");
    assert!(parts[2].len() == 16 && parts[2] != "0000000000000000", "{parent}");
    assert_eq!(parts[3], "01", "sampled, as the SDK's default sampler decides");
    let alone = seen[1].as_deref().expect("the runtime's own span");
    assert!(alone.starts_with("00-") && !alone.contains(parts[1]), "a trace of its own: {alone}");
    assert_eq!(seen[2].as_deref(), Some(own), "the caller's own header is kept");
    assert_eq!(seen[3], None, "no OpenTelemetry layer, no traceparent");
}
