//! `fingerprint`: SHA-256 of the normalised text and a 64-bit SimHash for near-duplicate detection.

use serde::Serialize;

use crate::pipeline::{Document, Module, ModuleError};

/// The `fingerprint` field of the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fingerprint {
    /// Hex SHA-256 of the normalised text.
    pub content_sha256: String,
    /// 64-bit SimHash as 16 lower-case hex digits.
    pub simhash: String,
}

/// SCAFFOLD: replaced by the real module.
#[derive(Debug, Default)]
pub struct FingerprintModule;

impl Module for FingerprintModule {
    fn name(&self) -> &'static str {
        "fingerprint"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), ModuleError> {
        Err(ModuleError("not built yet".into()))
    }
}
