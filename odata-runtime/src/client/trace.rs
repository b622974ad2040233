//! W3C Trace Context (feature `opentelemetry`): each request carries a `traceparent`
//! (and a `tracestate` when there is one) naming the current tracing span as
//! `tracing-opentelemetry` maps it to an OpenTelemetry span, so the SAP system's traces
//! (SAP Cloud ALM, a Gateway's trace) join the application's.
//!
//! The header is written here, not by a global OpenTelemetry propagator, so it is sent
//! whatever propagator the application installed; without a valid span context (no
//! OpenTelemetry layer, or outside every span) nothing is sent.

use opentelemetry::trace::TraceContextExt;
use tracing_opentelemetry::OpenTelemetrySpanExt;

/// `traceparent` and `tracestate` values for the current span, if it has a valid
/// OpenTelemetry context.
pub(super) fn headers() -> Option<(String, Option<String>)> {
    let context = tracing::Span::current().context();
    let span = context.span();
    let span = span.span_context();
    if !span.is_valid() {
        return None;
    }
    let parent = format!("00-{:032x}-{:016x}-{:02x}", span.trace_id(), span.span_id(), span.trace_flags().to_u8());
    let state = span.trace_state().header();
    Some((parent, (!state.is_empty()).then_some(state)))
}
