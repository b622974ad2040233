//! SAP Gateway behaviour that SAP CAP does not have, against a scripted HTTP server on
//! loopback: CSRF tokens bound to session cookies, a forgotten token, HEAD refused, an
//! HTML login page answered with 200, credentials in headers only.

use odata_runtime::request::{Method, RequestPlan};
use odata_runtime::{Client, Error, Version};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// One request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

type Script = dyn Fn(&Seen, usize) -> String + Send + Sync;

/// Serves every connection on a thread; `script` answers each request (given its index)
/// with a full HTTP response. Stops with the test process.
fn server(script: Arc<Script>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let root = format!("http://{}/sap/opu/odata/sap/API_TEST_SRV/", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (script, log) = (script.clone(), log.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut stream = stream;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let mut parts = line.split_whitespace();
                    let (method, path) = (parts.next().unwrap_or("").to_owned(), parts.next().unwrap_or("").to_owned());
                    let mut headers = Vec::new();
                    loop {
                        let mut h = String::new();
                        reader.read_line(&mut h).unwrap();
                        let h = h.trim_end();
                        if h.is_empty() {
                            break;
                        }
                        let (n, v) = h.split_once(':').unwrap();
                        headers.push((n.trim().to_owned(), v.trim().to_owned()));
                    }
                    let len: usize = headers
                        .iter()
                        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                        .map_or(0, |(_, v)| v.parse().unwrap());
                    let mut body = vec![0; len];
                    reader.read_exact(&mut body).unwrap();
                    let seen = Seen { method, path, headers, body: String::from_utf8_lossy(&body).into_owned() };
                    let index = {
                        let mut log = log.lock().unwrap();
                        log.push(seen.clone());
                        log.len() - 1
                    };
                    let response = script(&seen, index);
                    if stream.write_all(response.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    (root, seen)
}

fn reply(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len());
    for (n, v) in headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    out
}

fn post(path: &str, body: &str) -> RequestPlan {
    RequestPlan::new(Method::Post, path, Version::V2)
        .with_header("Content-Type", "application/json")
        .with_body(body.as_bytes().to_vec())
}

const CREATED: &str = r#"{"d":{"ID":"1"}}"#;

/// A Gateway that issues token `T<n>` on the n-th fetch, bound to session `S<n>`, and
/// accepts writes only with the newest token and session.
fn gateway(forget_first_token: bool, refuse_head: bool) -> Arc<Script> {
    let fetches = Arc::new(Mutex::new(0));
    Arc::new(move |seen: &Seen, _| {
        if seen.header("x-csrf-token") == Some("Fetch") {
            if refuse_head && seen.method == "HEAD" {
                return reply("405 Method Not Allowed", &[], "");
            }
            let mut n = fetches.lock().unwrap();
            *n += 1;
            let token = format!("T{n}");
            let cookie = format!("SAP_SESSIONID_X=S{n}; path=/; HttpOnly");
            let xsrf = format!("sap-XSRF_X_100=X{n}; path=/sap/opu/odata/");
            let body = if seen.method == "HEAD" { "" } else { "{\"d\":{\"EntitySets\":[]}}" };
            return reply("200 OK", &[("x-csrf-token", &token), ("set-cookie", &cookie), ("set-cookie", &xsrf)], body);
        }
        let n = *fetches.lock().unwrap();
        let forgotten = forget_first_token && n == 1;
        let valid = seen.header("x-csrf-token") == Some(&format!("T{n}"))
            && seen.header("cookie") == Some(&format!("SAP_SESSIONID_X=S{n}; sap-XSRF_X_100=X{n}"));
        if forgotten || !valid {
            return reply("403 Forbidden", &[("x-csrf-token", "Required")], "CSRF token validation failed");
        }
        reply("201 Created", &[("content-type", "application/json")], CREATED)
    })
}

#[tokio::test]
async fn writes_carry_the_token_and_its_session_cookies() {
    let (root, seen) = server(gateway(false, false));
    let client = Client::builder(&root).basic_auth("ALICE", "s3cr3t-pw").build().unwrap();
    for _ in 0..3 {
        let response = client.execute(&post("A_Items", "{}")).await.unwrap();
        assert_eq!(response.status(), 201);
    }
    let seen = seen.lock().unwrap();
    let fetches: Vec<&Seen> = seen.iter().filter(|s| s.header("x-csrf-token") == Some("Fetch")).collect();
    assert_eq!(fetches.len(), 1, "fetched once, then reused: {seen:#?}");
    assert_eq!(fetches[0].method, "HEAD");
    assert_eq!(fetches[0].path, "/sap/opu/odata/sap/API_TEST_SRV/");
    for s in seen.iter() {
        assert_eq!(s.header("authorization"), Some("Basic QUxJQ0U6czNjcjN0LXB3"), "credentials in the header only");
        assert!(!s.path.contains("s3cr3t"));
    }
}

#[tokio::test]
async fn a_forgotten_token_is_fetched_again_once() {
    let (root, seen) = server(gateway(true, false));
    let client = Client::builder(&root).build().unwrap();
    let response = client.execute(&post("A_Items", "{\"a\":1}")).await.unwrap();
    assert_eq!(response.status(), 201);
    let seen = seen.lock().unwrap();
    let methods: Vec<(&str, Option<&str>)> =
        seen.iter().map(|s| (s.method.as_str(), s.header("x-csrf-token"))).collect();
    assert_eq!(methods, [("HEAD", Some("Fetch")), ("POST", Some("T1")), ("HEAD", Some("Fetch")), ("POST", Some("T2"))]);
    assert_eq!(seen[3].body, "{\"a\":1}", "the retry sends the same body");
}

#[tokio::test]
async fn a_token_refused_twice_is_an_error_not_a_loop() {
    let script: Arc<Script> = Arc::new(|seen: &Seen, _| {
        if seen.header("x-csrf-token") == Some("Fetch") {
            reply("200 OK", &[("x-csrf-token", "T")], "")
        } else {
            reply("403 Forbidden", &[("x-csrf-token", "Required")], "")
        }
    });
    let (root, seen) = server(script);
    let client = Client::builder(&root).build().unwrap();
    let e = client.execute(&post("A_Items", "{}")).await.unwrap_err();
    assert_eq!(e.status(), Some(403));
    assert_eq!(seen.lock().unwrap().len(), 4, "fetch, write, fetch, write: one retry");
}

#[tokio::test]
async fn head_refused_falls_back_to_get() {
    let (root, seen) = server(gateway(false, true));
    let client = Client::builder(&root).build().unwrap();
    client.execute(&post("A_Items", "{}")).await.unwrap();
    let seen = seen.lock().unwrap();
    let methods: Vec<&str> = seen.iter().map(|s| s.method.as_str()).collect();
    assert_eq!(methods, ["HEAD", "GET", "POST"]);
}

#[tokio::test]
async fn an_html_login_page_with_200_is_an_error() {
    let script: Arc<Script> = Arc::new(|_: &Seen, _| {
        reply("200 OK", &[("content-type", "text/html; charset=utf-8")], "<html><body>Logon</body></html>")
    });
    let (root, _) = server(script);
    let client = Client::builder(&root).build().unwrap();
    let plan = RequestPlan::new(Method::Get, "A_Items", Version::V2);
    let response = client.execute(&plan).await.unwrap();
    let e = response.expect_json().unwrap_err();
    assert!(matches!(e, Error::UnexpectedContent { status: 200, .. }), "{e:?}");
    assert!(e.to_string().ends_with(
        "A_Items: the server answered with an HTML page (status 200): the session or credentials are probably invalid"
    ));
}

#[tokio::test]
async fn odata_errors_are_decoded() {
    let script: Arc<Script> = Arc::new(|_: &Seen, _| {
        reply(
            "400 Bad Request",
            &[("content-type", "application/json")],
            r#"{"error":{"code":"SY/530","message":{"lang":"en","value":"Business partner 42 is locked"}}}"#,
        )
    });
    let (root, _) = server(script);
    let client = Client::builder(&root).bearer_token("eyJ-token").build().unwrap();
    let plan = RequestPlan::new(Method::Get, "A_Items('42')", Version::V2);
    let e = client.execute(&plan).await.unwrap_err();
    let Error::Http(http) = &e else { panic!("{e:?}") };
    assert_eq!(
        (http.status, http.code.as_deref(), http.message.as_str()),
        (400, Some("SY/530"), "Business partner 42 is locked")
    );
    assert!(!format!("{e:?}{e}").contains("eyJ-token"));
}

/// Authenticates as whichever user the test sets, like an app serving several users
/// through one client.
struct Switchable(Arc<Mutex<&'static str>>);

impl odata_runtime::AuthProvider for Switchable {
    fn authorization(&self) -> odata_runtime::AuthFuture<'_> {
        let user = *self.0.lock().unwrap();
        Box::pin(async move { Ok(Some(odata_runtime::Secret::new(format!("Bearer token-of-{user}")))) })
    }
}

#[tokio::test]
async fn csrf_tokens_and_sessions_are_kept_per_user() {
    // Each fetch issues a token and a session bound to the user who asked; a write is
    // accepted only with the caller's own token and session.
    let script: Arc<Script> = Arc::new(|seen: &Seen, index| {
        let user = seen.header("authorization").unwrap_or("").trim_start_matches("Bearer token-of-").to_owned();
        if seen.header("x-csrf-token") == Some("Fetch") {
            let token = format!("T-{user}-{index}");
            let cookie = format!("SAP_SESSIONID={user}-{index}; path=/");
            return reply("200 OK", &[("x-csrf-token", &token), ("set-cookie", &cookie)], "");
        }
        let token_user = seen.header("x-csrf-token").unwrap_or("").split('-').nth(1).unwrap_or("").to_owned();
        let cookie_user = seen.header("cookie").unwrap_or("").trim_start_matches("SAP_SESSIONID=").split('-').next();
        if token_user == user && cookie_user == Some(user.as_str()) {
            reply("201 Created", &[("Content-Type", "application/json")], CREATED)
        } else {
            reply("403 Forbidden", &[("x-csrf-token", "Required")], "")
        }
    });
    let (root, seen) = server(script);
    let user = Arc::new(Mutex::new("alice"));
    let client = Client::builder(root).auth_provider(Arc::new(Switchable(user.clone()))).build().unwrap();
    for who in ["alice", "bob", "alice", "bob"] {
        *user.lock().unwrap() = who;
        client.execute(&post("Partners", "{}")).await.unwrap();
    }
    let seen = seen.lock().unwrap();
    let fetches: Vec<&str> = seen
        .iter()
        .filter(|s| s.header("x-csrf-token") == Some("Fetch"))
        .map(|s| s.header("authorization").unwrap())
        .collect();
    assert_eq!(fetches, ["Bearer token-of-alice", "Bearer token-of-bob"], "one fetch per user, then reused");
    assert_eq!(seen.len(), 6, "two fetches and four writes, none refused");
}

#[tokio::test]
async fn headers_apply_to_one_call_only() {
    odata_derive::service! {
        mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    }
    let script: Arc<Script> = Arc::new(|_: &Seen, _| reply("200 OK", &[("Content-Type", "text/plain")], "3"));
    let (root, seen) = server(script);
    let svc = bp::Service::new(&Client::builder(root).build().unwrap());
    let with = svc.business_partner().count().header("sap-language", "DE").header("x-correlation-id", "c-1");
    assert_eq!(with.send().await.unwrap(), 3);
    assert_eq!(svc.business_partner().count().send().await.unwrap(), 3);
    let seen = seen.lock().unwrap();
    assert_eq!((seen[0].header("sap-language"), seen[0].header("x-correlation-id")), (Some("DE"), Some("c-1")));
    assert_eq!((seen[1].header("sap-language"), seen[1].header("x-correlation-id")), (None, None));
}
