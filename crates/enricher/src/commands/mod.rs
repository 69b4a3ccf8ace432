//! The worker's commands: `run`, `enrich`, `check-config` and `models`, one file each.

pub mod check_config;
pub mod enrich;
pub mod models;
pub mod run;
