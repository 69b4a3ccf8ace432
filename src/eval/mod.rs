//! Offline evaluations: score a component of the pipeline against a labelled corpus on disk.
//!
//! Each evaluation reads its corpus from a folder the caller names (the data is
//! not shipped in the repository), runs on one thread, and prints a short table.

use indicatif::{ProgressBar, ProgressStyle};

pub mod conll;
pub mod html;
pub mod keywords;
pub mod language;
pub mod language_cost;
pub mod ner;
pub mod quotes;
pub mod sentences;
pub mod shingles;
pub mod topics;

/// The harmonic mean of a precision and a recall (in any unit), 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Why an evaluation could not run: the corpus is missing or unreadable.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A corpus file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// The ground-truth file is not the JSON the evaluation expects.
    #[error("{path} is not valid ground truth: {source}")]
    GroundTruth {
        path: std::path::PathBuf,
        source: serde_json::Error,
    },
    /// The corpus holds no page that the ground truth also names.
    #[error(
        "no page in {0} has ground truth; expected DIR/html/ID.html.gz and DIR/ground-truth.json"
    )]
    Empty(std::path::PathBuf),
    /// Writing the report failed.
    #[error("cannot write the report: {0}")]
    Write(#[from] std::io::Error),
}

/// A progress bar on stderr over `len` items called `unit`, with room for a short message (the step or design) before it.
pub(crate) fn progress(len: usize, unit: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(&format!("{{msg:>10}} [{{bar:40}}] {{pos}}/{{len}} {unit}"))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}
