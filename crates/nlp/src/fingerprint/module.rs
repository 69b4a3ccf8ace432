//! `fingerprint`: the module adapter of [`crate::fingerprint`].

use super::fingerprint;
use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};

/// Fingerprints `article.text` for exact (`content_sha256`) and near
/// (`simhash`) duplicate detection downstream; it never fails.
///
/// A braced struct rather than a unit one, so the registry builds it with
/// `default()` like modules that carry settings.
#[derive(Debug, Default)]
pub struct FingerprintModule {}

impl Module for FingerprintModule {
    fn name(&self) -> &'static str {
        "fingerprint"
    }

    fn assigns(&self) -> Field {
        Field::Fingerprint
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        found.fingerprint = Some(fingerprint(&input.article.text));
        Ok(())
    }
}
