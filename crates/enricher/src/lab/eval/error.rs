//! Why an evaluation could not run.

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
