//! The worker's commands: `run`, `serve`, `enrich`, `check-config` and `models`, one file each.

pub mod check_config;
pub mod enrich;
pub mod models;
pub mod run;
pub mod serve;
