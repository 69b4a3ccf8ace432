//! `enricher run`: the worker, until SIGTERM or SIGINT, then a drain within `shutdown.timeout`; and the runtime every long-running command shares.

use std::future::Future;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use enricher_worker::settings::Settings;
use enricher_worker::shutdown::Shutdown;
use enricher_worker::worker::WorkerError;

use crate::error::Failure;

/// How long past `shutdown.timeout` a stop may take before the process leaves anyway
/// (every wait of the shutdown is bounded well inside it).
const HARD_STOP_MARGIN: Duration = Duration::from_secs(10);

/// Load the settings, start the runtime and telemetry, and run the worker.
pub fn run(config: Option<&Path>) -> Result<(), Failure> {
    let settings = Settings::load(config)?;
    service(settings, enricher_worker::worker::run)
}

/// Start the runtime and telemetry and run `service` until SIGTERM or SIGINT
/// cancels the token it is given; a configuration error it reports exits 2.
pub fn service<F, Fut>(settings: Settings, service: F) -> Result<(), Failure>
where
    F: FnOnce(Settings, Shutdown) -> Fut,
    Fut: Future<Output = Result<(), WorkerError>>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        // A bad log filter or OTLP endpoint (setting or OTEL_* variable) is configuration: exit 2.
        let telemetry =
            enricher_worker::telemetry::init(&settings.telemetry).map_err(Failure::usage)?;
        // A module panic is caught and becomes a warning on its article; log it as
        // a structured event instead of raw text on stderr, so JSON logs stay JSON.
        std::panic::set_hook(Box::new(|info| {
            tracing::error!(panic = %info, "panic (caught: the article gets a warning, or is requeued)");
        }));
        let shutdown =
            enricher_worker::shutdown::on_signals(settings.shutdown.timeout + HARD_STOP_MARGIN);
        let result = service(settings, shutdown).await;
        telemetry.shutdown();
        result.map_err(|error| {
            // A refusal or bad configuration stops the worker before it works:
            // `main` prints it as the one `error:` line, so no log event repeats it.
            if error.is_configuration() {
                Failure::usage(error)
            } else {
                tracing::error!(%error, "enricher stopped on an error");
                Failure::Other(error.into())
            }
        })
    })
}
