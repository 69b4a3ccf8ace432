//! Tracing subscriber, OpenTelemetry export and W3C trace-context propagation.
//!
//! Two audiences read what the worker does, with different budgets. Logs go to
//! stderr through an `EnvFilter` (`RUST_LOG`, else `telemetry.log_level`) and say
//! nothing per message at `info`. Traces go through an OpenTelemetry layer with
//! its own filter that always sees the crate's `process` (INFO) and `module`
//! (DEBUG) spans, so every message has span ids and its `traceparent` can be
//! continued and written on the output even when nothing is exported; spans are
//! exported over OTLP/gRPC only when an endpoint is configured
//! (`telemetry.otlp_endpoint`, else the standard `OTEL_EXPORTER_OTLP_*` variables).
//! JSON log lines carry the current span's `trace_id` and `span_id`.

pub mod spans;
mod trace_ids;

use std::io::IsTerminal;

use opentelemetry::propagation::{Extractor, Injector, TextMapPropagator};
use opentelemetry::trace::{TraceContextExt, TracerProvider as _};
use opentelemetry::{Context, KeyValue};
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing::{Level, Metadata};
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::filter::{EnvFilter, FilterFn, LevelFilter, filter_fn};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{Layer, Registry};

use crate::settings::{LogFormat, TelemetrySettings};

/// The instrumentation scope our spans are reported under.
const TRACER_NAME: &str = "enricher";

/// Keeps the tracer provider alive; call [`Telemetry::shutdown`] to flush spans at exit.
#[derive(Debug)]
pub struct Telemetry {
    provider: SdkTracerProvider,
}

/// Why telemetry could not start: a bad log filter, an exporter that could not
/// be built, or a subscriber that was already installed.
#[derive(Debug, thiserror::Error)]
#[error("telemetry: {0}")]
pub struct TelemetryError(pub String);

/// Where spans go and under which name, once the standard OpenTelemetry
/// variables are taken into account.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Export {
    /// The OTLP/gRPC endpoint, `None` when spans are not exported.
    endpoint: Option<String>,
    /// Where the endpoint came from, for messages: a setting or a variable name.
    endpoint_from: &'static str,
    service_name: String,
}

/// A variable's value when it is set and not blank.
fn env_value(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

/// The export settings: the endpoint is `telemetry.otlp_endpoint` when set, else
/// `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT`; the
/// service name is `OTEL_SERVICE_NAME` when set, else `telemetry.service_name`.
/// `env` reads a variable (set and not blank), so tests need not touch the process's environment.
fn export(settings: &TelemetrySettings, env: impl Fn(&str) -> Option<String>) -> Export {
    let (endpoint, endpoint_from) = match &settings.otlp_endpoint {
        Some(endpoint) => (Some(endpoint.clone()), "telemetry.otlp_endpoint"),
        None => [
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_ENDPOINT",
        ]
        .into_iter()
        .find_map(|name| Some((Some(env(name)?), name)))
        .unwrap_or((None, "telemetry.otlp_endpoint")),
    };
    Export {
        endpoint,
        endpoint_from,
        service_name: env("OTEL_SERVICE_NAME").unwrap_or_else(|| settings.service_name.clone()),
    }
}

/// Install the global subscriber for the long-running worker (must run inside the tokio runtime).
///
/// Logs: `RUST_LOG` when set, else `settings.log_level`, in `settings.log_format`,
/// on stderr. Traces: always an SDK tracer provider (span ids and W3C
/// propagation work without a collector), with a batch OTLP/gRPC exporter when
/// an endpoint is configured (see [`export`]). Also sets the global text-map
/// propagator to W3C TraceContext and the global tracer provider.
pub fn init(settings: &TelemetrySettings) -> Result<Telemetry, TelemetryError> {
    let log_filter = log_filter(&settings.log_level)?;
    let export = export(settings, env_value);
    let provider = tracer_provider(&export)?;
    let ansi = std::io::stderr().is_terminal();
    let layers = layers(
        settings.log_format,
        log_filter,
        std::io::stderr,
        ansi,
        &provider,
    );
    if let Err(error) = tracing_subscriber::registry().with(layers).try_init() {
        // The provider may own an exporter's background thread; stop it before giving up.
        let _ = provider.shutdown();
        return Err(TelemetryError(format!(
            "could not install the log subscriber: {error}"
        )));
    }
    opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());
    opentelemetry::global::set_tracer_provider(provider.clone());
    if let Some(endpoint) = &export.endpoint {
        tracing::info!(
            endpoint = %crate::settings::redact_url(endpoint),
            from = export.endpoint_from,
            service_name = export.service_name,
            "exporting spans over OTLP/gRPC"
        );
    }
    Ok(Telemetry { provider })
}

/// Install a quiet stderr subscriber for the one-shot commands (warnings and errors only, unless RUST_LOG).
///
/// No OpenTelemetry: a one-shot command has no trace to continue and nowhere to
/// send one. An invalid `RUST_LOG` falls back to `warn`, and an already installed
/// subscriber is left in place, so this never fails.
pub fn init_cli() {
    let filter = std::env::var("RUST_LOG")
        .ok()
        .filter(|value| !value.trim().is_empty())
        .and_then(|value| EnvFilter::try_new(value).ok())
        .unwrap_or_else(|| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .compact()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

impl Telemetry {
    /// Flush and stop span export.
    ///
    /// Blocks until the batch exporter has sent what it holds (or its timeout
    /// passes). On the multi-threaded runtime the wait happens via
    /// `block_in_place`, so the tasks that drive the gRPC connection keep running.
    pub fn shutdown(self) {
        let provider = self.provider;
        let multi_thread = tokio::runtime::Handle::try_current().is_ok_and(|handle| {
            handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread
        });
        let result = if multi_thread {
            tokio::task::block_in_place(|| provider.shutdown())
        } else {
            provider.shutdown()
        };
        if let Err(error) = result {
            tracing::warn!(%error, "could not flush spans at shutdown");
        }
    }
}

/// Make `span` a child of the remote span named by a W3C `traceparent` (and `tracestate`) header.
///
/// Call it right after creating the span and before entering it: once the span
/// has started its parent is fixed. A missing or invalid `traceparent` is
/// ignored and the span starts a trace of its own; so is a span that the
/// OpenTelemetry layer does not record.
pub fn continue_trace(span: &tracing::Span, traceparent: Option<&str>, tracestate: Option<&str>) {
    let Some(traceparent) = traceparent else {
        return;
    };
    let headers = TraceHeaders {
        traceparent,
        tracestate,
    };
    let remote = TraceContextPropagator::new().extract_with_context(&Context::new(), &headers);
    if !remote.span().span_context().is_valid() {
        return;
    }
    // Errors mean no OTel layer, a disabled span, or a span already started:
    // all leave the span in a trace of its own, which is the documented fallback.
    let _ = span.set_parent(remote);
}

/// The W3C `traceparent` value naming `span`, to write on the output message.
///
/// `None` when `span` has no valid OpenTelemetry context (no OTel layer installed,
/// as in the one-shot commands, or a span the layer filters out).
pub fn traceparent(span: &tracing::Span) -> Option<String> {
    let context = span.context();
    let mut slot = TraceparentSlot(None);
    TraceContextPropagator::new().inject_context(&context, &mut slot);
    slot.0
}

/// The two W3C headers of an input message, as the propagator reads them,
/// without copying them into a map.
struct TraceHeaders<'a> {
    traceparent: &'a str,
    tracestate: Option<&'a str>,
}

impl Extractor for TraceHeaders<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        if key.eq_ignore_ascii_case("traceparent") {
            Some(self.traceparent)
        } else if key.eq_ignore_ascii_case("tracestate") {
            self.tracestate
        } else {
            None
        }
    }

    fn keys(&self) -> Vec<&str> {
        let mut keys = vec!["traceparent"];
        if self.tracestate.is_some() {
            keys.push("tracestate");
        }
        keys
    }
}

/// Keeps only the `traceparent` the propagator injects.
struct TraceparentSlot(Option<String>);

impl Injector for TraceparentSlot {
    fn set(&mut self, key: &str, value: String) {
        if key == "traceparent" {
            self.0 = Some(value);
        }
    }
}

/// What is added to a log filter that does not name lapin: lapin's debug and
/// trace lines carry whole frames, and its line for a returned message dumps
/// the message, body and headers, once per return. Its connection, channel and
/// I/O errors are off too: each reaches the worker, which logs it once per
/// reconnect (lapin wrote two to four ERROR lines per failed attempt). Naming
/// `lapin` in the filter (`RUST_LOG=debug,lapin=trace`) turns them back on.
const LAPIN_QUIET: &str =
    "lapin=info,lapin::returned_messages=off,lapin::channel=off,lapin::io_loop=off";

/// `filter`, with [`LAPIN_QUIET`] unless it names lapin itself.
fn quiet_lapin(filter: &str) -> String {
    if filter.contains("lapin") {
        filter.to_owned()
    } else {
        format!("{filter},{LAPIN_QUIET}")
    }
}

/// The log filter: `RUST_LOG` when set and not blank, else `log_level`; lapin kept quiet unless named.
fn log_filter(log_level: &str) -> Result<EnvFilter, TelemetryError> {
    match std::env::var("RUST_LOG") {
        Ok(value) if !value.trim().is_empty() => EnvFilter::try_new(quiet_lapin(&value)).map_err(|error| {
            TelemetryError(format!(
                "RUST_LOG=`{value}` is not a log filter such as \"info\" or \"enricher=debug\": {error}"
            ))
        }),
        _ => EnvFilter::try_new(quiet_lapin(log_level)).map_err(|error| {
            TelemetryError(format!(
                "telemetry.log_level `{log_level}` is not a log filter such as \"info\" or \"enricher=debug\": {error}"
            ))
        }),
    }
}

/// The SDK tracer provider: resource `service.name`/`service.version`, and a
/// batch OTLP/gRPC exporter when an endpoint is configured.
fn tracer_provider(export: &Export) -> Result<SdkTracerProvider, TelemetryError> {
    let resource = Resource::builder()
        .with_service_name(export.service_name.clone())
        .with_attribute(KeyValue::new("service.version", crate::VERSION))
        .build();
    let mut builder = SdkTracerProvider::builder().with_resource(resource);
    if let Some(endpoint) = &export.endpoint {
        if url::Url::parse(endpoint).is_err() {
            return Err(TelemetryError(format!(
                "{} `{}` is not a URL such as \"http://collector:4317\"",
                export.endpoint_from,
                crate::settings::redact_url(endpoint)
            )));
        }
        // tonic's channel spawns its connection task on the current runtime.
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(TelemetryError(
                "the OTLP exporter needs a tokio runtime; call telemetry::init inside it".into(),
            ));
        }
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_tonic()
            .with_endpoint(endpoint.clone())
            .build()
            .map_err(|error| {
                TelemetryError(format!(
                    "could not build the OTLP exporter for {} `{}`: {error}",
                    export.endpoint_from,
                    crate::settings::redact_url(endpoint)
                ))
            })?;
        builder = builder.with_batch_exporter(exporter);
    }
    Ok(builder.build())
}

/// Whether `target` is enricher's own (the binary, or a crate `enricher_*`), whose spans are traced.
fn is_ours(target: &str) -> bool {
    target == "enricher" || target.starts_with("enricher::") || target.starts_with("enricher_")
}

/// What the OpenTelemetry layer sees: our spans at DEBUG and above (`process`,
/// `module`), and warnings and errors from anywhere, which become events on the
/// current span. Everything else never reaches it, so dependencies' spans and
/// our debug events cost the trace nothing.
fn otel_filter() -> FilterFn<fn(&Metadata<'_>) -> bool> {
    fn enabled(metadata: &Metadata<'_>) -> bool {
        if metadata.is_span() {
            is_ours(metadata.target()) && *metadata.level() <= Level::DEBUG
        } else {
            *metadata.level() <= Level::WARN
        }
    }
    filter_fn(enabled as fn(&Metadata<'_>) -> bool).with_max_level_hint(LevelFilter::DEBUG)
}

/// The subscriber's layers: the fmt layer behind `log_filter`, and the
/// OpenTelemetry layer behind [`otel_filter`]. Per-layer filters, so that the
/// log level never hides spans from the trace.
fn layers<W>(
    format: LogFormat,
    log_filter: EnvFilter,
    writer: W,
    ansi: bool,
    provider: &SdkTracerProvider,
) -> Vec<Box<dyn Layer<Registry> + Send + Sync>>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let fmt = match format {
        LogFormat::Pretty => tracing_subscriber::fmt::layer()
            .compact()
            .with_ansi(ansi)
            .with_writer(writer)
            .with_filter(log_filter)
            .boxed(),
        LogFormat::Json => tracing_subscriber::fmt::layer()
            .json()
            .event_format(trace_ids::WithTraceIds(
                tracing_subscriber::fmt::format()
                    .json()
                    .with_current_span(true)
                    .with_span_list(false),
            ))
            .with_writer(writer)
            .with_filter(log_filter)
            .boxed(),
    };
    let otel = tracing_opentelemetry::layer()
        .with_tracer(provider.tracer(TRACER_NAME))
        // Per-message cost: thread names and busy/idle timings add attributes
        // (and clock reads) to every span without helping to read a trace.
        .with_threads(false)
        .with_tracked_inactivity(false)
        .with_filter(otel_filter())
        .boxed();
    vec![fmt, otel]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex, PoisonError};

    const REMOTE: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const REMOTE_TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
    const REMOTE_SPAN_ID: &str = "00f067aa0ba902b7";

    /// Log output captured in memory, to check what the fmt layer writes.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Captured {
        fn text(&self) -> String {
            let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'w> MakeWriter<'w> for Captured {
        type Writer = Captured;

        fn make_writer(&'w self) -> Self::Writer {
            self.clone()
        }
    }

    /// The worker's subscriber at `log_level`, with no exporter, writing logs to the returned buffer.
    fn subscriber(
        format: LogFormat,
        log_level: &str,
    ) -> (impl tracing::Subscriber + Send + Sync, Captured) {
        let provider = SdkTracerProvider::builder().build();
        let captured = Captured::default();
        let filter = EnvFilter::try_new(log_level).expect("valid filter");
        let layers = layers(format, filter, captured.clone(), false, &provider);
        (tracing_subscriber::registry().with(layers), captured)
    }

    /// The (trace id, span id) of a `traceparent` value.
    fn ids(traceparent: &str) -> (String, String) {
        let parts: Vec<&str> = traceparent.split('-').collect();
        assert_eq!(parts.len(), 4, "traceparent `{traceparent}`");
        assert_eq!(parts[0], "00");
        (parts[1].to_owned(), parts[2].to_owned())
    }

    #[test]
    fn lapins_message_dumps_are_off_unless_lapin_is_named() {
        let filter = quiet_lapin("debug");
        let (subscriber, captured) = subscriber(LogFormat::Pretty, &filter);
        tracing::subscriber::with_default(subscriber, || {
            tracing::warn!(target: "lapin::returned_messages", "Server returned us a message BODY-TEXT");
            tracing::debug!(target: "lapin::channels", "will handle frame BODY-TEXT");
            tracing::error!(target: "lapin::channels", "Connection error BODY-TEXT");
            tracing::error!(target: "lapin::io_loop", "error doing IO BODY-TEXT");
            tracing::debug!(target: "enricher::worker", "own debug line");
        });
        let logs = captured.text();
        assert!(!logs.contains("BODY-TEXT"), "{logs}");
        assert!(logs.contains("own debug line"), "{logs}");
        assert_eq!(quiet_lapin("info,lapin=trace"), "info,lapin=trace");
    }

    #[test]
    fn continued_span_keeps_the_remote_trace_id_with_its_own_span_id() {
        let (subscriber, _) = subscriber(LogFormat::Pretty, "info");
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!("process");
            continue_trace(&span, Some(REMOTE), Some("vendor=value"));
            let header = traceparent(&span).expect("a traceparent");
            let (trace_id, span_id) = ids(&header);
            assert_eq!(trace_id, REMOTE_TRACE_ID);
            assert_ne!(span_id, REMOTE_SPAN_ID);
            assert!(header.ends_with("-01"), "sampled flag kept: {header}");
        });
    }

    #[test]
    fn invalid_traceparent_starts_a_fresh_trace() {
        let (subscriber, _) = subscriber(LogFormat::Pretty, "info");
        tracing::subscriber::with_default(subscriber, || {
            for invalid in [
                "",
                "garbage",
                "00-00000000000000000000000000000000-0000000000000000-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
                "zz-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-ééé-\u{0}",
            ] {
                let span = tracing::info_span!("process");
                continue_trace(&span, Some(invalid), Some("\u{7f}not=a state"));
                let header = traceparent(&span).expect("a traceparent");
                let (trace_id, _) = ids(&header);
                assert_ne!(trace_id, REMOTE_TRACE_ID, "from `{invalid}`");
                assert_ne!(trace_id, "0".repeat(32));
            }
            let span = tracing::info_span!("process");
            continue_trace(&span, None, None);
            assert!(traceparent(&span).is_some());
        });
    }

    #[test]
    fn module_spans_are_traced_at_info_without_being_logged() {
        let (subscriber, captured) = subscriber(LogFormat::Pretty, "info");
        tracing::subscriber::with_default(subscriber, || {
            let process = tracing::info_span!("process", id = "article-1");
            continue_trace(&process, Some(REMOTE), None);
            let _in_process = process.enter();
            let module =
                tracing::debug_span!("module", otel.name = "language", module = "language");
            let _in_module = module.enter();
            let header = traceparent(&module).expect("module span is traced at info");
            assert_eq!(ids(&header).0, REMOTE_TRACE_ID);
            assert_ne!(Some(header), traceparent(&process));
            tracing::debug!("per-message detail");
            tracing::info!("worker started");
        });
        let logs = captured.text();
        assert!(!logs.contains("per-message detail"), "{logs}");
        assert!(logs.contains("worker started"), "{logs}");
    }

    #[test]
    fn spans_of_other_crates_are_not_traced() {
        let (subscriber, _) = subscriber(LogFormat::Json, "debug");
        tracing::subscriber::with_default(subscriber, || {
            let theirs = tracing::info_span!(target: "lapin::channel", "basic_publish");
            assert_eq!(traceparent(&theirs), None);
            let ours = tracing::trace_span!("too_fine");
            assert_eq!(traceparent(&ours), None);
        });
    }

    #[test]
    fn json_logs_are_one_object_per_line() {
        let (subscriber, captured) = subscriber(LogFormat::Json, "info");
        tracing::subscriber::with_default(subscriber, || {
            tracing::warn!(code = "invalid_json", "dead-lettered");
        });
        let logs = captured.text();
        let line = logs.lines().next().expect("one log line");
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON log line");
        assert_eq!(value["level"], "WARN");
        assert_eq!(value["fields"]["code"], "invalid_json");
    }

    #[test]
    fn without_an_otel_layer_there_is_no_traceparent() {
        let subscriber = tracing_subscriber::registry();
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!("process");
            continue_trace(&span, Some(REMOTE), None);
            assert_eq!(traceparent(&span), None);
        });
    }

    #[test]
    fn extractor_reads_only_the_two_headers() {
        let headers = TraceHeaders {
            traceparent: REMOTE,
            tracestate: None,
        };
        assert_eq!(headers.get("traceparent"), Some(REMOTE));
        assert_eq!(headers.get("Traceparent"), Some(REMOTE));
        assert_eq!(headers.get("tracestate"), None);
        assert_eq!(headers.get("baggage"), None);
        assert_eq!(headers.keys(), vec!["traceparent"]);
    }

    #[test]
    fn bad_log_level_is_an_error_naming_the_key() {
        if std::env::var_os("RUST_LOG").is_some() {
            return; // RUST_LOG takes precedence over the setting.
        }
        let error = log_filter("info,[").expect_err("invalid filter");
        assert!(error.to_string().contains("telemetry.log_level"), "{error}");
    }

    #[test]
    fn tracer_provider_without_endpoint_needs_no_runtime() {
        let settings = TelemetrySettings {
            log_format: LogFormat::Pretty,
            log_level: "info".into(),
            otlp_endpoint: None,
            service_name: "enricher-test".into(),
        };
        let provider = tracer_provider(&export(&settings, |_| None)).expect("provider");
        provider.shutdown().expect("shutdown");
    }

    #[tokio::test]
    async fn tracer_provider_with_endpoint_builds_an_exporter() {
        let settings = TelemetrySettings {
            log_format: LogFormat::Json,
            log_level: "info".into(),
            otlp_endpoint: Some("http://127.0.0.1:4317".into()),
            service_name: "enricher-test".into(),
        };
        let telemetry = Telemetry {
            provider: tracer_provider(&export(&settings, |_| None)).expect("provider"),
        };
        // Nothing to flush and no collector listening: shutdown must still return.
        telemetry.shutdown();
    }

    /// Telemetry settings with `endpoint`, as the config file gives them.
    fn settings_with(endpoint: Option<&str>) -> TelemetrySettings {
        TelemetrySettings {
            log_format: LogFormat::Json,
            log_level: "info".into(),
            otlp_endpoint: endpoint.map(str::to_owned),
            service_name: "enricher".into(),
        }
    }

    #[test]
    fn otel_variables_enable_export_unless_the_setting_names_an_endpoint() {
        let variables = |name: &str| match name {
            "OTEL_EXPORTER_OTLP_ENDPOINT" => Some("http://collector:4317".to_owned()),
            "OTEL_SERVICE_NAME" => Some("enricher-eu".to_owned()),
            _ => None,
        };
        let from_env = export(&settings_with(None), variables);
        assert_eq!(from_env.endpoint.as_deref(), Some("http://collector:4317"));
        assert_eq!(from_env.endpoint_from, "OTEL_EXPORTER_OTLP_ENDPOINT");
        assert_eq!(from_env.service_name, "enricher-eu");

        let from_setting = export(&settings_with(Some("http://jaeger:4317")), variables);
        assert_eq!(from_setting.endpoint.as_deref(), Some("http://jaeger:4317"));
        assert_eq!(from_setting.endpoint_from, "telemetry.otlp_endpoint");
        assert_eq!(from_setting.service_name, "enricher-eu");

        let traces_first = |name: &str| match name {
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" => Some("http://traces:4317".to_owned()),
            "OTEL_EXPORTER_OTLP_ENDPOINT" => Some("http://all:4317".to_owned()),
            _ => None,
        };
        let traces = export(&settings_with(None), traces_first);
        assert_eq!(traces.endpoint.as_deref(), Some("http://traces:4317"));

        let nothing = export(&settings_with(None), |_| None);
        assert_eq!(nothing.endpoint, None);
        assert_eq!(nothing.service_name, "enricher");
    }

    #[test]
    fn an_endpoint_variable_that_is_not_a_url_is_an_error_naming_it() {
        let variables = |name: &str| {
            (name == "OTEL_EXPORTER_OTLP_ENDPOINT").then(|| "collector port 4317".to_owned())
        };
        let error =
            tracer_provider(&export(&settings_with(None), variables)).expect_err("not a URL");
        assert!(
            error.to_string().contains("OTEL_EXPORTER_OTLP_ENDPOINT"),
            "{error}"
        );
    }

    #[test]
    fn json_logs_carry_the_trace_and_span_ids_of_the_current_span() {
        let (subscriber, captured) = subscriber(LogFormat::Json, "info");
        let header = tracing::subscriber::with_default(subscriber, || {
            let process = tracing::info_span!("process");
            continue_trace(&process, Some(REMOTE), None);
            let entered = process.enter();
            tracing::warn!(code = "invalid_json", "dead-lettered");
            drop(entered);
            tracing::info!("outside any span");
            traceparent(&process).expect("a traceparent")
        });
        let logs = captured.text();
        let mut lines = logs.lines();
        let inside: serde_json::Value =
            serde_json::from_str(lines.next().expect("a line")).expect("JSON");
        let (trace_id, span_id) = ids(&header);
        assert_eq!(inside["trace_id"], trace_id.as_str(), "{logs}");
        assert_eq!(inside["trace_id"], REMOTE_TRACE_ID);
        assert_eq!(inside["span_id"], span_id.as_str());
        assert_eq!(inside["fields"]["code"], "invalid_json");
        assert_eq!(inside["span"]["name"], "process");
        let outside: serde_json::Value =
            serde_json::from_str(lines.next().expect("a second line")).expect("JSON");
        assert!(outside.get("trace_id").is_none(), "{logs}");
    }

    #[test]
    fn init_cli_twice_does_not_panic() {
        init_cli();
        init_cli();
    }
}
