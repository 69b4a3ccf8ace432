//! Tracing subscriber, OpenTelemetry export and W3C trace-context propagation (SCAFFOLD interface).

use crate::config::TelemetrySettings;

/// Keeps the tracer provider alive; call [`Telemetry::shutdown`] to flush spans at exit.
#[derive(Debug)]
pub struct Telemetry {}

/// Why telemetry could not start.
#[derive(Debug, thiserror::Error)]
#[error("telemetry: {0}")]
pub struct TelemetryError(pub String);

/// Install the global subscriber for the long-running worker (must run inside the tokio runtime).
pub fn init(_settings: &TelemetrySettings) -> Result<Telemetry, TelemetryError> {
    Ok(Telemetry {})
}

/// Install a quiet stderr subscriber for the one-shot commands (warnings and errors only, unless RUST_LOG).
pub fn init_cli() {}

impl Telemetry {
    /// Flush and stop span export.
    pub fn shutdown(self) {}
}

/// Make `span` a child of the remote span named by a W3C `traceparent` (and `tracestate`) header.
pub fn continue_trace(
    _span: &tracing::Span,
    _traceparent: Option<&str>,
    _tracestate: Option<&str>,
) {
}

/// The W3C `traceparent` value naming `span`, to write on the output message.
pub fn traceparent(_span: &tracing::Span) -> Option<String> {
    None
}
