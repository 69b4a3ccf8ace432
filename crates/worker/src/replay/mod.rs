//! Dead-letter replay: moving dead letters from `dead_letter.queue` back to `input.exchange` once a fix can cure them (`enricher replay`).
//!
//! [`settings`] holds the `[replay]` settings and the codes a dead letter can
//! have, [`letter`] reads a dead letter and builds the properties it is
//! replayed with, [`scan`] does the moving, and [`report`] counts it.

pub mod letter;
pub mod report;
pub mod scan;
pub mod settings;

pub use report::{CodeCounts, Report};
pub use scan::{ReplayError, Request, run};
pub use settings::ReplaySettings;
