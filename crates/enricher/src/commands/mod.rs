//! The worker's commands: `run`, `serve`, `enrich`, `check-config`, `models`, `schema` and `replay`, one file each.

pub mod check_config;
pub mod enrich;
pub mod models;
pub mod replay;
pub mod run;
pub mod schema;
pub mod serve;
