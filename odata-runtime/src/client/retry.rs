//! When a failed call is sent again: reads (and calls the caller marked
//! [`idempotent`](crate::request::ListRequest::idempotent)) after a broken connection, a
//! cut body or a `429`/`502`/`503`/`504`; writes only when the request never left this
//! machine (the connection could not be opened). Waits honour `Retry-After`, within a
//! budget.

use crate::Error;
use std::time::{Duration, SystemTime};

/// How often and how long a client retries a failed call.
///
/// The default: up to 3 attempts, waiting what `Retry-After` asks (at most 10 s; a
/// longer wait is not waited for, and the call fails with the server's answer), or
/// 200 ms and then 400 ms when the server names no wait.
///
/// ```
/// use odata_runtime::{Client, Retry};
/// use std::time::Duration;
///
/// let client = Client::builder("https://s4.example/sap/opu/odata/sap/API_BUSINESS_PARTNER")
///     .retry(Retry::default().attempts(5).max_wait(Duration::from_secs(30)))
///     .build()
///     .unwrap();
/// # let _ = client;
/// let never = Retry::none();
/// # let _ = never;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retry {
    attempts: u32,
    max_wait: Duration,
    backoff: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry { attempts: 3, max_wait: Duration::from_secs(10), backoff: Duration::from_millis(200) }
    }
}

impl Retry {
    /// Every call is sent once.
    pub fn none() -> Self {
        Retry { attempts: 1, ..Retry::default() }
    }

    /// At most `attempts` sends of one call, the first included (at least 1).
    pub fn attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts.max(1);
        self
    }

    /// The longest wait before one retry. A server asking for longer (`Retry-After`)
    /// gets no retry: the call fails at once with its answer.
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }

    /// The first wait when the server names none; doubled for each further retry.
    pub fn backoff(mut self, backoff: Duration) -> Self {
        self.backoff = backoff;
        self
    }

    /// How long to wait before sending again after `failure` on attempt `attempt`
    /// (from 1), or `None` to give up. `repeatable`: the call may be sent twice
    /// (a read, or a call the caller marked idempotent).
    pub(crate) fn wait(&self, failure: &Failure, attempt: u32, repeatable: bool) -> Option<Duration> {
        if attempt >= self.attempts {
            return None;
        }
        let backoff = self.backoff.saturating_mul(1 << (attempt - 1).min(16)).min(self.max_wait);
        if failure.unsent {
            // The connection was never opened: nothing reached the server.
            return Some(backoff);
        }
        if !repeatable {
            return None;
        }
        match &failure.error {
            Error::Transport { timeout: false, .. } => Some(backoff),
            Error::Http(e) if matches!(e.status, 429 | 502 | 503 | 504) => match e.retry_after {
                Some(asked) if asked > self.max_wait => None,
                Some(asked) => Some(asked),
                None => Some(backoff),
            },
            _ => None,
        }
    }
}

/// A failed attempt: the error, and whether the request is known not to have left
/// this machine.
pub(crate) struct Failure {
    pub(crate) error: Error,
    pub(crate) unsent: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure { error, unsent: false }
    }
}

/// A `Retry-After` value: delay seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(at.timestamp()).ok()?);
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HttpError;

    fn http(status: u16, retry_after: Option<u64>) -> Failure {
        Failure::from(Error::Http(HttpError {
            status,
            url: "u".into(),
            code: None,
            message: "m".into(),
            retry_after: retry_after.map(Duration::from_secs),
        }))
    }

    #[test]
    fn reads_wait_as_asked_within_the_budget_and_writes_only_when_nothing_was_sent() {
        let retry = Retry::default();
        assert_eq!(retry.wait(&http(503, Some(2)), 1, true), Some(Duration::from_secs(2)));
        assert_eq!(retry.wait(&http(429, Some(60)), 1, true), None, "longer than max_wait: not waited for");
        assert_eq!(retry.wait(&http(429, None), 2, true), Some(Duration::from_millis(400)), "backoff doubles");
        assert_eq!(retry.wait(&http(503, Some(1)), 3, true), None, "three attempts in all");
        assert_eq!(retry.wait(&http(500, None), 1, true), None, "a server error is an answer");
        assert_eq!(retry.wait(&http(503, Some(1)), 1, false), None, "a write that reached the server");
        let reset =
            Failure::from(Error::Transport { url: "u".into(), timeout: false, message: "reset".into(), source: None });
        assert!(retry.wait(&reset, 1, true).is_some());
        assert_eq!(retry.wait(&reset, 1, false), None);
        let refused = Failure { unsent: true, ..reset };
        assert_eq!(retry.wait(&refused, 1, false), Some(Duration::from_millis(200)), "never sent: safe to send");
        assert_eq!(Retry::none().wait(&refused, 1, true), None);
        let timeout =
            Failure::from(Error::Transport { url: "u".into(), timeout: true, message: "t".into(), source: None });
        assert_eq!(retry.wait(&timeout, 1, true), None, "a timeout already waited its whole budget");
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO), "a past date: now");
        assert_eq!(parse_retry_after("soon"), None);
    }
}
