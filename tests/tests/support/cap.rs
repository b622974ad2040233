//! SAP CAP (`@sap/cds`) as a real OData server: `tests/cap` serves the test shop as
//! OData V4 at `/shop/` and, through `@cap-js-community/odata-v2-adapter`, as OData V2
//! at `/odata/v2/shop/`.
//!
//! The first test that needs it installs the npm packages (`npm ci`, from the
//! committed lockfile) when `tests/cap/node_modules` is missing, and starts one server
//! per test binary on a free loopback port. The server exits when the test process
//! does (its stdin closes). Without Node.js the tests say so loudly and skip, except
//! under `CI=true`, where they fail.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// A running CAP server.
pub struct Cap {
    port: u16,
    // Kept so the server's stdin stays open for as long as the tests run.
    _child: Mutex<Child>,
}

impl Cap {
    /// The OData V4 service root.
    pub fn v4_root(&self) -> String {
        format!("http://127.0.0.1:{}/shop/", self.port)
    }

    /// The OData V2 service root (through the adapter).
    pub fn v2_root(&self) -> String {
        format!("http://127.0.0.1:{}/odata/v2/shop/", self.port)
    }
}

fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cap")
}

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn install() {
    let dir = project_dir();
    if dir.join("node_modules/@sap/cds/package.json").exists() && dir.join("node_modules/better-sqlite3/build").exists()
    {
        return;
    }
    eprintln!("installing the CAP test server's npm packages (npm ci in {})", dir.display());
    let output = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
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

fn start() -> Cap {
    install();
    let port = free_port();
    let mut child = Command::new("node")
        .arg("serve.js")
        .arg(port.to_string())
        .current_dir(project_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the CAP server: {e}"));
    let stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    let (tx, rx) = mpsc::channel::<String>();
    for stream in [Box::new(stdout) as Box<dyn std::io::Read + Send>, Box::new(stderr)] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            // Keep reading after startup too: the server logs every request, and a
            // pipe nobody drains would stop (or kill) it.
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
                panic!("the CAP server did not start ({e:?}):\n{}", log.join("\n"));
            }
        }
    }
    // From now on the server's output goes to a log file, named in panics and here.
    let log_path = std::env::temp_dir().join(format!("odata-rs-cap-{}.log", std::process::id()));
    eprintln!("CAP server on port {port}; its log: {}", log_path.display());
    std::thread::spawn(move || {
        use std::io::Write;
        let Ok(mut file) = std::fs::File::create(&log_path) else { return };
        for line in rx {
            let _ = writeln!(file, "{line}");
        }
    });
    Cap { port, _child: Mutex::new(child) }
}

/// The CAP server of this test binary, started on first use; `None` (after a loud
/// message) when Node.js is missing outside CI.
pub fn cap() -> Option<&'static Cap> {
    static CAP: OnceLock<Option<Cap>> = OnceLock::new();
    CAP.get_or_init(|| {
        if !node_available() {
            if std::env::var_os("CI").is_some() {
                panic!("Node.js is required for the SAP CAP tests (CI=true): install node and npm");
            }
            eprintln!("\n!!!!! Node.js not found: the SAP CAP end-to-end tests are SKIPPED. Install Node.js to run them. !!!!!\n");
            return None;
        }
        Some(start())
    })
    .as_ref()
}
