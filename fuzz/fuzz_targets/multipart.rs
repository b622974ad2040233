//! `$batch` answers: the multipart parser and the HTTP messages inside its parts. Any
//! bytes give parts (slices of the input) or an error naming the part; parts written
//! back and parsed again are the same parts.
#![no_main]

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use odata_runtime::batch::multipart::{self, HttpMessage};

fuzz_target!(|data: &[u8]| {
    // The first line is the boundary, as a Content-Type would carry it.
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let Ok(boundary) = std::str::from_utf8(&data[..split]) else { return };
    let body = Bytes::copy_from_slice(&data[(split + 1).min(data.len())..]);
    let Ok(parts) = multipart::parse(&body, boundary) else { return };
    for (i, part) in parts.iter().enumerate() {
        if let Ok(message) = HttpMessage::parse(&part.body, i + 1) {
            let _ = message.status(i + 1);
            let _ = HttpMessage::parse(&message.to_bytes(), i + 1);
        }
    }
    if multipart::is_valid_boundary(boundary) {
        let mut written = Vec::new();
        if multipart::write(boundary, &parts, &mut written).is_ok() {
            let again = multipart::parse(&Bytes::from(written), boundary).expect("what we wrote parses");
            assert_eq!(again.len(), parts.len(), "the same number of parts");
        }
    }
});
