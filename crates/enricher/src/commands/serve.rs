//! `enricher serve`: `POST /v1/enrich` with the probes and metrics, no broker, until SIGTERM or SIGINT.

use std::net::SocketAddr;
use std::path::Path;

use enricher_worker::settings::Settings;

use crate::error::Failure;

/// Load the settings and serve on `listen`, or on `http.listen` (loopback by default).
pub fn run(config: Option<&Path>, listen: Option<SocketAddr>) -> Result<(), Failure> {
    let settings = Settings::load(config)?;
    let listen = listen.unwrap_or(settings.http.listen);
    super::run::service(settings, move |settings, shutdown| {
        enricher_worker::serve::run(settings, listen, shutdown)
    })
}
