//! `enricher build`: data files under `crates/nlp/models/` made from source data (the gazetteer from GeoNames).

use crate::cli::BuildCommand;
use crate::error::Failure;

/// Build the data file `what` names and say what went into it.
pub fn build(what: BuildCommand) -> Result<(), Failure> {
    match what {
        BuildCommand::Gazetteer { geonames, out } => {
            let started = std::time::Instant::now();
            let report = enricher_nlp::geo::build::run(&geonames, &out)
                .map_err(|error| Failure::Other(anyhow::anyhow!("{error}")))?;
            println!("wrote {} in {:.1?}", out.display(), started.elapsed());
            print!("{report}");
            Ok(())
        }
    }
}
