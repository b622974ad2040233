//! The EDMX parser and the generator: any text is either a model that generates Rust
//! that parses, or errors that point inside the text. Never a panic, never a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match odata_edmx::parse(text) {
        Err(errors) => {
            assert!(!errors.as_slice().is_empty(), "an error result names at least one problem");
            let lines = text.split('\n').count() as u32;
            for e in errors.as_slice() {
                assert!(e.pos.line <= lines.max(1), "{e} points past the last line ({lines})");
            }
        }
        Ok(_) => match odata_codegen::generate_source(text, "svc", &Default::default()) {
            Ok(_) => {}
            Err(odata_codegen::Error::Generate(message)) if message.contains("(a bug)") => {
                panic!("{message}")
            }
            Err(_) => {}
        },
    }
});
