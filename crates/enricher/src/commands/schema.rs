//! `enricher schema input|output`: print a published JSON Schema exactly as compiled into the binary, so a fresh binary has its contract.

use enricher_message::schemas::{INPUT, OUTPUT, Schema};

/// Which published schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// What producers publish as JSON (`schemas/input-article.v1.json`).
    Input,
    /// What the worker publishes and `enrich` prints (`schemas/enriched-article.v1.json`).
    Output,
}

impl Which {
    fn schema(self) -> Schema {
        match self {
            Which::Input => INPUT,
            Which::Output => OUTPUT,
        }
    }
}

/// Print the schema, byte for byte the file in the repository, and exit 0.
pub fn run(which: Which) {
    print!("{}", which.schema().text);
}
