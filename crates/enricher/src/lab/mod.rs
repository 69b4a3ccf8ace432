//! The lab: benchmarks, evaluations, training and model building. What the product runs is elsewhere; these commands produce and measure it.

pub mod bench;
mod build;
pub mod eval;
pub(crate) mod progress;
mod train;

pub use build::build;
pub use eval::run as eval;
pub use train::train;

use anyhow::Context as _;

use crate::error::Failure;

/// `enricher bench`: the broker benchmark, or the in-process one.
pub fn bench(args: bench::BenchArgs) -> Result<(), Failure> {
    enricher_worker::telemetry::init_cli();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(bench::run(args))?;
    Ok(())
}
