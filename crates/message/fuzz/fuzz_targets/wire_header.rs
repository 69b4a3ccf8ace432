//! Fuzz target: any text through the wire-header parser and normalisation must not panic, and normalising twice changes
//! nothing (except where a decoded `&amp;` spells a new entity, which a second decoding would rightly read).
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let reference = NaiveDate::from_ymd_opt(2024, 10, 30).unwrap_or_default();
    let copy = enricher_message::wire::parse(text, reference);
    let normalised = enricher_message::normalise::normalise(&copy.text);
    if !normalised.contains('&') {
        assert_eq!(enricher_message::normalise::normalise(&normalised), normalised);
    }
});
