//! `stats`: characters, words, sentences, paragraphs and reading time of the article text.

use serde::Serialize;

use crate::pipeline::{Document, Module, ModuleError};

/// The `stats` field of the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub characters: usize,
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    pub reading_time_seconds: u32,
}

/// SCAFFOLD: replaced by the real module.
#[derive(Debug, Default)]
pub struct StatsModule;

impl Module for StatsModule {
    fn name(&self) -> &'static str {
        "stats"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), ModuleError> {
        Err(ModuleError("not built yet".into()))
    }
}
