//! The worker's commands: `run`, `enrich` and `check-config`, one file each.

pub mod check_config;
pub mod enrich;
pub mod run;
