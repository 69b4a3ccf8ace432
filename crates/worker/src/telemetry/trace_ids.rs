//! JSON log lines that carry the `trace_id` and `span_id` of the span they were written in, so a log search leads to the trace and back.
//!
//! The ids come from the OpenTelemetry data of the innermost span the log
//! layer sees (spans the log filter hides, such as a module's at `info`, are
//! skipped for their parent), which every span the OpenTelemetry layer records
//! has whether or not spans are exported: the same ids as the `traceparent`
//! written on the output. Outside such a span the line is left as the wrapped
//! formatter wrote it. (`Span::current()` cannot be used here: inside the
//! subscriber's own event handling, tracing gives no current dispatcher.)

use std::fmt::{self, Write as _};

use opentelemetry::trace::{SpanId, TraceId};
use tracing::{Event, Subscriber};
use tracing_opentelemetry::OtelData;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// A JSON event formatter (`F`) whose objects gain `trace_id` and `span_id`.
#[derive(Debug, Clone)]
pub struct WithTraceIds<F>(pub F);

/// The ids of the innermost current span that has a started OpenTelemetry span.
fn current_ids<S, N>(ctx: &FmtContext<'_, S, N>) -> Option<(TraceId, SpanId)>
where
    S: Subscriber + for<'lookup> LookupSpan<'lookup>,
    N: for<'writer> FormatFields<'writer> + 'static,
{
    ctx.lookup_current()?.scope().find_map(|span| {
        let extensions = span.extensions();
        let data = extensions.get::<OtelData>()?;
        let (trace_id, span_id) = (data.trace_id()?, data.span_id()?);
        (trace_id != TraceId::INVALID && span_id != SpanId::INVALID).then_some((trace_id, span_id))
    })
}

/// `line` (one JSON object and a newline) with the two ids added as its last members;
/// `None` when it does not end like an object.
fn with_ids(line: &str, trace_id: TraceId, span_id: SpanId) -> Option<String> {
    let object = line.strip_suffix('\n').unwrap_or(line).strip_suffix('}')?;
    let separator = if object.trim_end().ends_with('{') {
        ""
    } else {
        ","
    };
    let mut out = String::with_capacity(line.len() + 72);
    out.push_str(object);
    // Hex digits only: nothing to escape.
    let _ = writeln!(
        out,
        "{separator}\"trace_id\":\"{trace_id}\",\"span_id\":\"{span_id}\"}}"
    );
    Some(out)
}

impl<S, N, F> FormatEvent<S, N> for WithTraceIds<F>
where
    S: Subscriber + for<'lookup> LookupSpan<'lookup>,
    N: for<'writer> FormatFields<'writer> + 'static,
    F: FormatEvent<S, N>,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let Some((trace_id, span_id)) = current_ids(ctx) else {
            return self.0.format_event(ctx, writer, event);
        };
        let mut line = String::with_capacity(256);
        self.0.format_event(ctx, Writer::new(&mut line), event)?;
        let line_with_ids = with_ids(&line, trace_id, span_id);
        writer.write_str(line_with_ids.as_deref().unwrap_or(&line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_the_last_members_of_the_object() {
        let trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736").expect("hex");
        let span_id = SpanId::from_hex("00f067aa0ba902b7").expect("hex");
        let line = with_ids("{\"level\":\"INFO\"}\n", trace_id, span_id).expect("an object");
        let value: serde_json::Value = serde_json::from_str(&line).expect("JSON");
        assert_eq!(value["trace_id"], "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(value["span_id"], "00f067aa0ba902b7");
        assert_eq!(value["level"], "INFO");
        assert!(line.ends_with("}\n"));
        let empty = with_ids("{}\n", trace_id, span_id).expect("an object");
        assert!(
            serde_json::from_str::<serde_json::Value>(&empty).is_ok(),
            "{empty}"
        );
        assert_eq!(with_ids("not json\n", trace_id, span_id), None);
    }
}
