//! Fuzz target: any bytes as a web page through intake (charset decoding, extraction, normalisation, wire parsing) must not panic.
#![no_main]

use enricher_message::intake::{RawInput, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for content_type in [Some("text/html"), Some("text/html; charset=windows-1252"), None] {
        let _ = read(
            &RawInput {
                body: data,
                content_type,
                ..RawInput::default()
            },
            10 << 20,
        );
    }
});
