//! The proc macro, the build.rs `Builder` and `generate_source` emit the same module.

use odata_codegen::{expand_service, Builder, Options};
use quote::quote;

const SAMPLES: &[(&str, &str)] = &[
    ("../metadata-samples/API_BUSINESS_PARTNER.edmx", "business_partner"),
    ("../metadata-samples/API_SALES_ORDER_SRV.edmx", "sales_order"),
    ("../metadata-samples/TravelService.v4.edmx", "travel"),
];

/// The macro's expansion without the `include_bytes!` item that only the macro needs
/// (it makes cargo rebuild when the file changes; build.rs prints rerun-if-changed).
fn macro_output(path: &str, module: &str) -> String {
    let name = syn::Ident::new(module, proc_macro2::Span::call_site());
    let tokens = expand_service(quote! { pub mod #name = #path; });
    let mut file: syn::File = syn::parse2(tokens).expect("the expansion parses");
    let syn::Item::Mod(m) = &mut file.items[0] else { panic!("expected a module") };
    let items = &mut m.content.as_mut().unwrap().1;
    let before = items.len();
    items.retain(|item| !matches!(item, syn::Item::Const(c) if c.ident == "_"));
    assert_eq!(items.len(), before - 1, "the macro tracks the EDMX file with one include_bytes! const");
    prettyplease::unparse(&file)
}

#[test]
fn macro_and_builder_emit_the_same_code() {
    let out = std::env::temp_dir().join(format!("odata-three-doors-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    for (path, module) in SAMPLES {
        let from_macro = macro_output(path, module);
        let written = Builder::new().out_dir(&out).generate(path, module).unwrap();
        let from_builder = std::fs::read_to_string(written).unwrap();
        let first_difference = from_macro.lines().zip(from_builder.lines()).enumerate().find(|(_, (a, b))| a != b);
        assert!(from_macro == from_builder, "{path}: the macro and the builder differ: {first_difference:?}");
        let source = std::fs::read_to_string(path).unwrap();
        let options = Options { source_label: path.to_string(), ..Options::default() };
        let from_api = odata_codegen::generate_source(&source, module, &options).unwrap();
        assert!(from_api == from_builder, "{path}: generate_source and the builder differ");
        // And what build.rs wrote for this crate (compiled into `odata_tests::built`).
        let built = std::fs::read_to_string(format!("{}/{module}.rs", env!("OUT_DIR"))).unwrap();
        assert!(built == from_builder, "{path}: build.rs output differs");
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn macro_errors_are_spanned_compile_errors_never_panics() {
    let missing = expand_service(quote! { pub mod x = "no/such/file.edmx"; }).to_string();
    assert!(missing.starts_with(":: core :: compile_error !"), "{missing}");
    assert!(missing.contains("cannot read no/such/file.edmx"), "{missing}");
    let garbage = expand_service(quote! { 42 }).to_string();
    assert!(garbage.contains("compile_error"), "{garbage}");
    let empty = expand_service(quote! {}).to_string();
    assert!(empty.contains("expected `pub mod name"), "{empty}");
}

#[test]
fn generation_is_deterministic() {
    let (path, module) = SAMPLES[2];
    assert_eq!(macro_output(path, module), macro_output(path, module));
}

#[test]
fn only_generates_the_named_sets_and_the_types_they_need() {
    use odata_tests::built::business_partner_only as only;
    // The named set's type and the complex type the named function returns exist ...
    let _: only::BusinessPartner = only::BusinessPartner::default();
    let _: only::ValidationResult = only::ValidationResult::default();
    assert_eq!(only::entity_sets::A_BUSINESS_PARTNER, "A_BusinessPartner");
    assert_eq!(only::operations::VALIDATE_BUSINESS_PARTNER, "ValidateBusinessPartner");
    // ... and nothing else: navigation to types left out is not generated.
    let code = std::fs::read_to_string(format!("{}/business_partner_only.rs", env!("OUT_DIR"))).unwrap();
    for absent in
        ["pub struct BusinessPartnerAddress", "pub struct Customer", "to_business_partner_address", "A_CUSTOMER"]
    {
        assert!(!code.contains(absent), "{absent} should not be generated");
    }
    let err = Builder::new().only(["A_BusinessPartner", "Nope"]).generate_source(
        &std::fs::read_to_string(SAMPLES[0].0).unwrap(),
        "x.edmx",
        "x",
    );
    let message = err.unwrap_err().to_string();
    assert!(
        message.starts_with("`only` names 'Nope' that the service does not have; available: 'A_AddressEmailAddress'"),
        "{message}"
    );
}

#[test]
fn builder_errors_name_the_file() {
    let err = Builder::new().out_dir(std::env::temp_dir()).generate("../tests/ui/edmx/bad_key.edmx", "x").unwrap_err();
    assert_eq!(
        err.to_string(),
        "../tests/ui/edmx/bad_key.edmx:5:14: the Key of EntityType 'broken.Order' names 'OrderID', which is not a property of it"
    );
    let err = Builder::new().generate("../nope.edmx", "x").unwrap_err().to_string();
    assert!(err.starts_with("cannot read ../nope.edmx:"), "{err}");
    assert!(Builder::new().runtime_path("not a path").is_err());
}

/// Cargo rebuilds a crate when a file in rustc's dep-info for it changes. The macro's
/// `include_bytes!` must put every EDMX file there; build.rs must print
/// `rerun-if-changed` for each file it reads.
#[test]
fn edits_to_the_edmx_files_trigger_rebuilds() {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    // The newest dep-info of this crate's library (older ones may be left from earlier builds).
    let newest = std::fs::read_dir(&deps)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("odata_tests-") && name.ends_with(".d")
        })
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).unwrap())
        .unwrap_or_else(|| panic!("no dep-info for odata_tests in {}", deps.display()));
    let dep_info = std::fs::read_to_string(&newest).unwrap();
    for (path, _) in SAMPLES {
        let file = std::path::Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
        assert!(dep_info.contains(&file), "{file} is not in {}", newest.display());
    }
    let build_output = std::path::Path::new(env!("OUT_DIR")).parent().unwrap().join("output");
    let printed = std::fs::read_to_string(&build_output).unwrap();
    for (path, _) in SAMPLES {
        assert!(printed.contains(&format!("cargo:rerun-if-changed={path}")), "build.rs does not watch {path}");
    }
}

/// The build.rs door run as cargo runs a build script (`CARGO` and `OUT_DIR` set, stdout
/// read by cargo): this test binary runs itself as the child.
#[test]
fn builder_warnings_reach_cargo_as_cargo_warning_lines() {
    const SLOPPY: &str = "../tests/fixtures/sloppy_service.v4.edmx";
    if let Some(out_dir) = std::env::var_os("ODATA_TEST_AS_BUILD_SCRIPT") {
        std::env::set_var("OUT_DIR", &out_dir);
        Builder::new().generate(SLOPPY, "erp").unwrap();
        return;
    }
    let out_dir = std::env::temp_dir().join(format!("odata-build-script-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "builder_warnings_reach_cargo_as_cargo_warning_lines", "--nocapture", "--test-threads=1"])
        .env("ODATA_TEST_AS_BUILD_SCRIPT", &out_dir)
        .env("CARGO", env!("CARGO"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(child.stdout).unwrap();
    assert!(child.status.success(), "{stdout}{}", String::from_utf8_lossy(&child.stderr));
    // The test harness prints its own words before the first line.
    let warnings: Vec<&str> = stdout.lines().filter_map(|l| l.find("cargo:warning=").map(|at| &l[at..])).collect();
    assert_eq!(warnings.len(), 7, "{stdout}");
    assert!(warnings[0].starts_with(&format!("cargo:warning={SLOPPY}:13:9: Property 'Weight'")), "{stdout}");
    assert!(stdout.contains(&format!("cargo:rerun-if-changed={SLOPPY}")), "{stdout}");
    let code = std::fs::read_to_string(out_dir.join("erp.rs")).unwrap();
    assert!(code.contains("pub struct Item {"));
    let _ = std::fs::remove_dir_all(&out_dir);
}
