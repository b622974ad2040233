//! Real OData servers that run on Node.js (SAP CAP, SAP's Fiori elements mock server),
//! each an npm project under `tests/` started by the tests.
//!
//! The first test that needs one installs its npm packages (`npm ci`, from the committed
//! lockfile) when they are missing, and starts one server per test binary on a free
//! loopback port. The server exits when the test process does (its stdin closes). Without
//! Node.js the tests say so loudly and skip, except under `CI=true`, where they fail.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

/// A running server.
pub struct NodeServer {
    pub port: u16,
    // Kept so the server's stdin stays open for as long as the tests run.
    _child: Mutex<Child>,
}

/// The npm project `tests/<name>`.
pub fn project_dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// Whether `node` runs; outside CI a loud message when it does not (the caller skips).
pub fn node_available(what: &str) -> bool {
    let ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("Node.js is required for the {what} tests (CI=true): install node and npm");
        }
        eprintln!("\n!!!!! Node.js not found: the {what} tests are SKIPPED. Install Node.js to run them. !!!!!\n");
    }
    ok
}

/// `npm ci` in `dir` unless every path of `installed` (relative to it) exists.
pub fn install(dir: &Path, installed: &[&str]) {
    if installed.iter().all(|p| dir.join(p).exists()) {
        return;
    }
    eprintln!("installing npm packages (npm ci in {})", dir.display());
    let output = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run npm: {e}"));
    assert!(
        output.status.success(),
        "npm ci failed in {}:\n{}\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port")
}

/// Starts `node serve.js <port>` in `dir` and waits until it prints `server listening`;
/// its output then goes to a log file in the temporary directory, named here.
pub fn start(dir: &Path, name: &str) -> NodeServer {
    let port = free_port();
    let mut child = Command::new("node")
        .arg("serve.js")
        .arg(port.to_string())
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the {name}: {e}"));
    let stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    let (tx, rx) = mpsc::channel::<String>();
    for stream in [Box::new(stdout) as Box<dyn std::io::Read + Send>, Box::new(stderr)] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            // Keep reading after startup too: servers log every request, and a pipe
            // nobody drains would stop (or kill) them.
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let mut log = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(90)) {
            Ok(line) if line.contains("server listening") => break,
            Ok(line) => log.push(line),
            Err(e) => {
                let _ = child.kill();
                panic!("the {name} did not start ({e:?}):\n{}", log.join("\n"));
            }
        }
    }
    let file_name = format!("odata-rs-{}-{}.log", name.replace(' ', "-"), std::process::id());
    let log_path = std::env::temp_dir().join(file_name);
    eprintln!("{name} on port {port}; its log: {}", log_path.display());
    std::thread::spawn(move || {
        use std::io::Write;
        let Ok(mut file) = std::fs::File::create(&log_path) else { return };
        for line in rx {
            let _ = writeln!(file, "{line}");
        }
    });
    NodeServer { port, _child: Mutex::new(child) }
}
