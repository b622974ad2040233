//! The CLI door: warnings of what was skipped go to stderr with `file:line:column`, the
//! module to stdout; `--strict` makes each warning an error and the exit status 1.

use std::process::Command;

const SLOPPY: &str = "../tests/fixtures/sloppy_service.v4.edmx";

fn cli(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_odata-codegen")).args(args).output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn generate_prints_warnings_to_stderr_and_the_module_to_stdout() {
    let (ok, code, warnings) = cli(&["generate", SLOPPY, "--module", "erp"]);
    assert!(ok, "{warnings}");
    assert!(code.contains("pub struct Item {") && code.contains("pub fn price("), "{code}");
    assert!(!code.contains("fn close("), "the operation with an unknown parameter type is skipped");
    let lines: Vec<&str> = warnings.lines().collect();
    assert_eq!(lines.len(), 7, "{warnings}");
    assert!(lines.iter().all(|l| l.starts_with(&format!("warning: {SLOPPY}:"))), "{warnings}");
    assert!(lines[0].contains(":13:9: Property 'Weight' of EntityType 'erp.Item' has unknown type 'Edm.Float'"));
    assert!(lines[6].contains(":29:9: FunctionImport 'GetLicense' names unknown unbound function 'erp.GetLicense'"));
}

#[test]
fn strict_makes_every_warning_an_error() {
    for args in [&["generate", SLOPPY, "--strict"][..], &["inspect", SLOPPY, "--strict"][..]] {
        let (ok, code, errors) = cli(args);
        assert!(!ok && code.is_empty(), "{args:?}");
        assert_eq!(errors.lines().count(), 7, "{errors}");
        assert!(errors.lines().all(|l| l.starts_with(&format!("{SLOPPY}:"))), "{errors}");
    }
    let (ok, listing, warnings) = cli(&["inspect", SLOPPY]);
    assert!(ok && listing.contains("entity erp.Item") && warnings.lines().count() == 7, "{listing}{warnings}");
}

/// The CLI door's example crate holds what the CLI prints today (run from the workspace
/// root, as its crate doc says).
#[test]
fn the_cli_example_crate_holds_what_the_cli_prints() {
    let out = Command::new(env!("CARGO_BIN_EXE_odata-codegen"))
        .current_dir("..")
        .args(["generate", "metadata-samples/API_SALES_ORDER_SRV.edmx", "--module", "sales_order"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let committed = std::fs::read_to_string("../examples/example-cli/src/generated.rs").unwrap();
    assert!(
        String::from_utf8(out.stdout).unwrap() == committed,
        "examples/example-cli/src/generated.rs is stale: regenerate it with the command in examples/example-cli/src/lib.rs"
    );
}
