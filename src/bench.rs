//! `enricher bench` (being written).

/// Options of `enricher bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {}

/// Run the benchmark.
pub async fn run(_args: BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
