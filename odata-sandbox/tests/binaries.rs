//! The README's first command (`cargo run --example quickstart`) and the `sandbox`
//! binary, run as a user runs them, their output checked.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `target/<profile>/examples/quickstart`, which `cargo test` builds beside this test.
fn quickstart() -> Command {
    let exe = std::env::current_exe().expect("the test's path");
    let examples: PathBuf = exe.parent().and_then(|deps| deps.parent()).expect("target/<profile>").join("examples");
    let built = examples.join(format!("quickstart{}", std::env::consts::EXE_SUFFIX));
    if built.exists() {
        Command::new(built)
    } else {
        let mut cargo = Command::new(env!("CARGO"));
        cargo.args(["run", "--quiet", "-p", "odata-sandbox", "--example", "quickstart"]);
        cargo
    }
}

#[test]
fn the_quickstart_runs_every_step_and_exits_0() {
    let started = Instant::now();
    let output = quickstart().output().expect("the quickstart runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "exit {:?}\n{stdout}\n{}", output.status, String::from_utf8_lossy(&output.stderr));
    for expected in [
        " 1. started the sandbox",
        " 3. logged in as alice",
        " 4. found destination S4_BP (Internet,",
        " 5. listed unblocked organisations: 3",
        "    1000005 Sakura Präzisionsteile KK",
        " 6. created business partner 1000100 (ETag W/",
        " 7. updated it with its ETag: new ETag W/",
        " 8. a second update with the old ETag is refused:",
        "the server answered 412",
        " 9. function import CountPartnersInCity(Hamburg) = 2",
        "10. read 1000100 through Cloud Connector as alice: search term FERRIS",
        "location sandbox-scc, grant urn:ietf:params:oauth:grant-type:jwt-bearer",
        "11. the same call without a user fails before anything is sent",
        "done in ",
    ] {
        assert!(stdout.contains(expected), "missing `{expected}` in:\n{stdout}");
    }
    assert!(!stdout.contains("eyJ"), "no token is printed:\n{stdout}");
    assert!(started.elapsed() < Duration::from_secs(60), "under a minute after the build");
}

#[test]
fn the_sandbox_binary_prints_its_urls_and_vcap_services_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .args(["--user", "bob", "--for", "20"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the sandbox binary starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut printed = Vec::new();
    for line in lines.by_ref() {
        let line = line.expect("a line");
        let last = line.starts_with("export VCAP_SERVICES=");
        printed.push(line);
        if last {
            break;
        }
    }
    let field = |prefix: &str| {
        printed
            .iter()
            .find_map(|l| l.strip_prefix(prefix))
            .map(|v| v.split_whitespace().next().unwrap_or("").to_owned())
    };
    let gateway = field("Gateway (OData V2)").expect("the Gateway URL");
    let token_at = printed.iter().position(|l| l.starts_with("bob's token")).expect("bob's token");
    let token = printed[token_at + 1].clone();
    let vcap = printed
        .last()
        .and_then(|l| l.strip_prefix("export VCAP_SERVICES='")?.strip_suffix('\''))
        .expect("VCAP_SERVICES");
    let vcap: serde_json::Value = serde_json::from_str(vcap).expect("VCAP_SERVICES is JSON");
    for service in ["xsuaa", "connectivity", "destination"] {
        assert!(vcap[service][0]["credentials"]["clientid"].is_string(), "{service} binding in {vcap}");
    }

    // What curl would do with the printed URL and token.
    let (host, path) = gateway.trim_start_matches("http://").split_once('/').expect("host/path");
    let mut stream = std::net::TcpStream::connect(host).expect("the Gateway listens");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let request = format!(
        "GET /{path}A_BusinessPartner?$top=2&$format=json HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).expect("request sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    let _ = child.kill();
    let _ = child.wait();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"BusinessPartner\":\"1000001\""), "{answer}");
}
