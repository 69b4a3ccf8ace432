//! `enricher enrich`: the pipeline without a broker, files or stdin in, one JSON line per input out, in input order, on several threads with bounded memory.

mod capped;
mod ordered;
mod report;
mod sniff;
mod source;

use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use chrono::Utc;
use enricher_message::error_object::error_object;
use enricher_message::intake::RawInput;
use enricher_message::processor::{Incoming, Outcome, Processor};
use enricher_worker::settings::Settings;

use report::Progress;
use source::{Input, Inputs, Reading};

use crate::error::Failure;

/// Inputs in flight (read and not yet written) per thread: enough to keep every thread busy
/// while a slow article holds up the order, few enough that memory stays small.
const WINDOW_PER_JOB: usize = 4;

/// What `enricher enrich` was asked to do.
#[derive(Debug)]
pub struct EnrichArgs {
    /// The inputs; none means stdin, as `-` does.
    pub files: Vec<PathBuf>,
    /// `--content-type`.
    pub content_type: Option<String>,
    /// `--jsonl`: one article per line, in every input.
    pub jsonl: bool,
    /// `--jobs`; one per core without it.
    pub jobs: Option<NonZeroUsize>,
}

/// Load the settings, build the processor, enrich the inputs to stdout.
pub fn run(config: Option<&std::path::Path>, args: EnrichArgs) -> Result<(), Failure> {
    enricher_worker::telemetry::init_cli();
    let settings = Settings::load(config)?;
    let processor = settings.processor()?;
    let mut files = args.files;
    if files.is_empty() {
        files.push(PathBuf::from("-"));
    }
    let reading = Reading {
        jsonl: args.jsonl,
        forced_type: args.content_type,
        max_bytes: settings.input.max_message_bytes,
    };
    let stdin_prefix = check_stdin(&files, &reading)?;
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let inputs = Inputs::new(files, reading, stdin_prefix);
    let mut progress = Progress::new(std::io::stderr().is_terminal());
    enrich_stream(&processor, inputs, jobs, &mut out, &mut progress)
        .map_err(|error| Failure::Other(error.into()))?;
    let summary = progress.finish();
    if summary.failed == 0 {
        Ok(())
    } else {
        Err(Failure::Partial {
            failed: summary.failed,
            total: summary.failed + summary.enriched,
        })
    }
}

/// When stdin is read as one article that could be JSON, look at its start: JSON Lines
/// there is a usage error (exit 2 with the hint); otherwise what was read, to read again.
fn check_stdin(files: &[PathBuf], reading: &Reading) -> Result<Option<Vec<u8>>, Failure> {
    let json_or_unknown = reading
        .forced_type
        .as_deref()
        .is_none_or(|t| t.contains("json"));
    if reading.jsonl || !json_or_unknown || !files.iter().any(|f| f.as_os_str() == "-") {
        return Ok(None);
    }
    let prefix = sniff::peek(&mut std::io::stdin().lock(), sniff::PEEK_BYTES)
        .map_err(|error| anyhow::anyhow!("cannot read stdin: {error}"))?;
    if sniff::looks_like_json_lines(&prefix) {
        return Err(Failure::usage(sniff::HINT));
    }
    Ok(Some(prefix))
}

/// Writing to stdout failed (for example a closed pipe).
#[derive(Debug, thiserror::Error)]
#[error("cannot write the output: {0}")]
pub struct EnrichError(#[from] std::io::Error);

/// One line of output, and the error code when its input failed.
struct Line {
    text: Vec<u8>,
    failure: Option<&'static str>,
}

/// Enrich `inputs` on `jobs` threads and write one line per input to `out`, in input order.
fn enrich_stream(
    processor: &Processor,
    inputs: impl Iterator<Item = Input>,
    jobs: usize,
    out: &mut impl Write,
    progress: &mut Progress,
) -> Result<(), EnrichError> {
    ordered::map_in_order(
        inputs,
        jobs,
        jobs * WINDOW_PER_JOB,
        |input| enrich_one(processor, input),
        |line: Line| {
            out.write_all(&line.text)?;
            out.write_all(b"\n")?;
            progress.record(line.failure);
            Ok::<(), EnrichError>(())
        },
    )?;
    out.flush()?;
    Ok(())
}

/// The output line of one input: the enriched article, or its error object.
fn enrich_one(processor: &Processor, input: Input) -> Line {
    let (body, content_type) = match input {
        Input::Article { body, content_type } => (body, content_type),
        Input::Failed { id, code, detail } => return error_line(&id, code, &detail),
    };
    let envelope = Incoming {
        input: RawInput {
            body: &body,
            content_type: content_type.as_deref(),
            ..RawInput::default()
        },
        routing_key: "",
        received_at: Utc::now(),
    };
    // A panic outside the modules is a bug; the input fails, the others go on.
    match catch_unwind(AssertUnwindSafe(|| processor.process(&envelope))) {
        Ok(Outcome::Enriched { body, .. }) => Line {
            text: body,
            failure: None,
        },
        Ok(Outcome::Rejected { id, rejection, .. }) => {
            error_line(&id, rejection.code.as_str(), &rejection.detail)
        }
        Err(_) => error_line(
            &enricher_message::intake::best_effort_id(&envelope.input),
            "internal_error",
            "the enrichment panicked (a bug: please report it with the input)",
        ),
    }
}

/// `{"id": .., "error": {"code": .., "detail": ..}}`, the line of an input that failed.
fn error_line(id: &str, code: &'static str, detail: &str) -> Line {
    let line = error_object(Some(id), code, detail);
    Line {
        text: line.to_string().into_bytes(),
        failure: Some(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use report::EnrichSummary;
    use serde_json::json;

    fn processor(max_bytes: usize) -> Processor {
        let mut settings = Settings::load(None).unwrap();
        settings.input.max_message_bytes = max_bytes;
        settings.processor().unwrap()
    }

    fn run_lines(
        processor: &Processor,
        data: &str,
        jobs: usize,
    ) -> (Vec<serde_json::Value>, EnrichSummary) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("in.jsonl");
        std::fs::write(&file, data).unwrap();
        let reading = Reading {
            jsonl: true,
            forced_type: None,
            max_bytes: 2000,
        };
        let mut out = Vec::new();
        let mut progress = Progress::new(false);
        enrich_stream(
            processor,
            Inputs::new(vec![file], reading, None),
            jobs,
            &mut out,
            &mut progress,
        )
        .unwrap();
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (lines, progress.finish())
    }

    #[test]
    fn several_threads_keep_the_input_order_and_fail_lines_in_place() {
        let processor = processor(2000);
        let mut data = String::new();
        for n in 0..60 {
            match n % 20 {
                7 => data.push_str("not json\n"),
                13 => data.push_str(&format!(
                    "{{\"id\":\"big{n}\",\"body\":\"{}\"}}\n",
                    "x ".repeat(1500)
                )),
                _ => {
                    // Bodies of different lengths, so threads finish out of order.
                    let body = "The minister spoke in Paris on Monday. ".repeat(1 + n % 5 * 8);
                    data.push_str(&json!({"id": format!("a{n}"), "body": body}).to_string());
                    data.push('\n');
                }
            }
        }
        let (lines, summary) = run_lines(&processor, &data, 4);
        assert_eq!(lines.len(), 60);
        for (n, line) in lines.iter().enumerate() {
            match n % 20 {
                7 => assert_eq!(line["error"]["code"], "invalid_json", "{line}"),
                13 => {
                    assert_eq!(line["error"]["code"], "too_large", "{line}");
                    assert!(
                        line["error"]["detail"]
                            .as_str()
                            .unwrap()
                            .contains(&format!("line {}", n + 1))
                    );
                }
                _ => assert_eq!(line["id"], format!("a{n}"), "{line}"),
            }
        }
        assert_eq!((summary.enriched, summary.failed), (54, 6));
        assert_eq!(summary.codes.get("too_large"), Some(&3));
        // One thread writes the same lines, bar the timings.
        let (single, _) = run_lines(&processor, &data, 1);
        let ids = |lines: &[serde_json::Value]| -> Vec<String> {
            lines
                .iter()
                .map(|l| format!("{}{}", l["id"], l["error"]["code"]))
                .collect()
        };
        assert_eq!(ids(&single), ids(&lines));
    }
}
