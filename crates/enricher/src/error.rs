//! How a command fails, and the exit code each way maps to: 2 for configuration or usage, 3 for a partly failed `enrich`, 1 for anything else.

use std::process::ExitCode;

/// A command's failure, already explained in its message.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Bad configuration or usage: exit 2.
    #[error("{0}")]
    Usage(String),
    /// `enrich` finished, but some inputs could not be enriched: exit 3.
    #[error("{failed} of {total} inputs could not be enriched")]
    Partial { failed: usize, total: usize },
    /// Anything else: exit 1.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl Failure {
    /// The exit code of the contract for this failure.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Usage(_) => ExitCode::from(2),
            Failure::Partial { .. } => ExitCode::from(3),
            Failure::Other(_) => ExitCode::FAILURE,
        }
    }

    /// A usage failure from anything printable.
    pub fn usage(problem: impl std::fmt::Display) -> Self {
        Failure::Usage(problem.to_string())
    }
}

impl From<enricher_worker::settings::ConfigError> for Failure {
    fn from(error: enricher_worker::settings::ConfigError) -> Self {
        Failure::usage(error)
    }
}
