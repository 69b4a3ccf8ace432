//! The worker's commands: `run`, `enrich`, `check-config`, `models` and `replay`, one file each.

pub mod check_config;
pub mod enrich;
pub mod models;
pub mod replay;
pub mod run;
