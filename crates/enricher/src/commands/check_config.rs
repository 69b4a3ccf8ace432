//! `enricher check-config`: the effective settings with every password redacted, after exactly the checks `run` makes before it connects.

use std::path::Path;

use enricher_worker::settings::Settings;

use crate::error::Failure;

/// Load and check the settings, build the pipeline they describe (module names,
/// order, module settings), and print them as TOML. Warnings (a module whose
/// input no listed module writes) go to stderr, as `run` logs them.
pub fn run(config: Option<&Path>) -> Result<(), Failure> {
    enricher_worker::telemetry::init_cli();
    let settings = Settings::load(config)?;
    settings.processor()?;
    print!("{}", settings.redacted_toml());
    Ok(())
}
