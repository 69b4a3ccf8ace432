//! The `[replay]` settings: which dead-letter codes `enricher replay` moves by default, and how often one message may be replayed.

use enricher_message::intake::RejectCode;
use serde::{Deserialize, Serialize};

/// Reasons the broker gives in `x-death` when it dead-letters a message itself:
/// `delivery_limit` (a quorum queue's poison), `rejected`, `expired` and `maxlen`
/// (policies an operator may set on the input queue).
pub const BROKER_REASONS: [&str; 4] = ["delivery_limit", "rejected", "expired", "maxlen"];

/// The code of a dead letter that carries neither `x-enricher-error` nor `x-death`
/// (published to the dead-letter exchange by something else).
pub const UNKNOWN: &str = "unknown";

/// What `enricher replay` moves back when `--code` is not given, and the loop guard.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReplaySettings {
    /// Codes replayed by default: those a fix can cure (see `config/default.toml`).
    #[serde(deserialize_with = "enricher_nlp::registry::list")]
    pub codes: Vec<String>,
    /// A dead letter already replayed this many times stays in the dead-letter queue.
    pub max_replays: u32,
}

impl ReplaySettings {
    /// The problem with these settings, with the key it is under.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if let Some(code) = self.codes.iter().find(|code| !is_known(code)) {
            return Err(("replay.codes", unknown_code(code)));
        }
        if self.max_replays == 0 {
            return Err(("replay.max_replays", "must be at least 1".into()));
        }
        Ok(())
    }
}

/// Every code a dead letter can have: the worker's reject codes, the broker's
/// reasons and [`UNKNOWN`].
pub fn known_codes() -> impl Iterator<Item = &'static str> {
    RejectCode::ALL
        .iter()
        .map(|code| code.as_str())
        .chain(BROKER_REASONS)
        .chain([UNKNOWN])
}

/// Whether `code` is one a dead letter can have.
pub fn is_known(code: &str) -> bool {
    known_codes().any(|known| known == code)
}

/// The message for a code no dead letter can have, listing the ones it can.
pub fn unknown_code(code: &str) -> String {
    format!(
        "unknown dead-letter code `{code}`; known: {}",
        known_codes().collect::<Vec<_>>().join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(codes: &[&str], max_replays: u32) -> ReplaySettings {
        ReplaySettings {
            codes: codes.iter().map(|c| c.to_string()).collect(),
            max_replays,
        }
    }

    #[test]
    fn reject_codes_and_broker_reasons_are_known_and_typos_are_not() {
        assert!(is_known("invalid_json") && is_known("output_too_large"));
        assert!(is_known("delivery_limit") && is_known(UNKNOWN));
        assert!(!is_known("output_to_large"));
        assert!(unknown_code("x").contains("delivery_limit, rejected"));
    }

    #[test]
    fn a_typo_in_the_codes_or_a_zero_limit_names_the_key() {
        assert!(settings(&["delivery_limit"], 3).check().is_ok());
        assert_eq!(
            settings(&["delivery_limt"], 3).check().unwrap_err().0,
            "replay.codes"
        );
        assert_eq!(
            settings(&["delivery_limit"], 0).check().unwrap_err().0,
            "replay.max_replays"
        );
    }
}
