//! Telling a stand-in to misbehave: a status, a delay, a body that is not what the
//! client expects. Tests set a fault, run, and clear it.

use std::sync::Mutex;
use std::time::Duration;

/// How the next answers of a stand-in go wrong.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fault {
    /// Answer with this status (and a short error body).
    pub status: Option<u16>,
    /// Wait this long before answering.
    pub delay: Option<Duration>,
    /// Answer with this body instead (with status 200 unless `status` is set).
    pub body: Option<String>,
}

impl Fault {
    /// Answer with `status`.
    pub fn status(status: u16) -> Self {
        Fault { status: Some(status), ..Fault::default() }
    }

    /// Answer after `delay`.
    pub fn delay(delay: Duration) -> Self {
        Fault { delay: Some(delay), ..Fault::default() }
    }

    /// Answer 200 with `body`.
    pub fn body(body: impl Into<String>) -> Self {
        Fault { body: Some(body.into()), ..Fault::default() }
    }
}

/// The fault a stand-in currently has, if any.
#[derive(Debug, Default)]
pub struct FaultSlot(Mutex<Option<Fault>>);

impl FaultSlot {
    /// Sets (or with `None` clears) the fault.
    pub fn set(&self, fault: Option<Fault>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = fault;
    }

    /// The current fault.
    pub fn get(&self) -> Option<Fault> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Acts out the current fault: waits its delay, then the answer it dictates (its
    /// body as `content_type`, or `error(status)`), or `None` to answer normally.
    pub(crate) async fn act(
        &self,
        content_type: &str,
        error: impl FnOnce(u16) -> crate::http::Response,
    ) -> Option<crate::http::Response> {
        let fault = self.get()?;
        if let Some(delay) = fault.delay {
            tokio::time::sleep(delay).await;
        }
        match (fault.status, fault.body) {
            (status, Some(body)) => Some(crate::http::raw(status.unwrap_or(200), content_type, body)),
            (Some(status), None) => Some(error(status)),
            (None, None) => None,
        }
    }
}
