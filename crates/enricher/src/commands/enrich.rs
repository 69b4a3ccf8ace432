//! `enricher enrich`: the pipeline without a broker, files or stdin in, one JSON line per article out, in input order.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use chrono::Utc;
use enricher_message::error_object::{error_object, rejection_object};
use enricher_message::intake::{RawInput, body_hash_id};
use enricher_message::processor::{Incoming, Outcome, Processor};
use enricher_worker::settings::Settings;

use crate::error::Failure;

/// Load the settings, build the processor, enrich `files` to stdout.
pub fn run(
    config: Option<&Path>,
    files: &[PathBuf],
    content_type: Option<&str>,
) -> Result<(), Failure> {
    enricher_worker::telemetry::init_cli();
    let settings = Settings::load(config)?;
    let processor = settings.processor()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = enrich_all(&processor, files, content_type, &mut out)
        .map_err(|error| Failure::Other(error.into()))?;
    if summary.failed == 0 {
        Ok(())
    } else {
        Err(Failure::Partial {
            failed: summary.failed,
            total: summary.failed + summary.enriched,
        })
    }
}

/// One article to enrich, read from a file or stdin.
struct Item {
    body: Vec<u8>,
    content_type: Option<String>,
}

/// How a one-shot run went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EnrichSummary {
    pub enriched: usize,
    pub failed: usize,
}

/// Writing to stdout failed (for example a closed pipe).
#[derive(Debug, thiserror::Error)]
#[error("cannot write the output: {0}")]
pub struct EnrichError(#[from] std::io::Error);

/// The content type a file's name implies, when `--content-type` does not force one.
fn content_type_of(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "json" | "jsonl" | "ndjson" => Some("application/json"),
        "txt" | "text" => Some("text/plain"),
        "html" | "htm" => Some("text/html"),
        _ => None,
    }
}

fn is_lines(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// Enrich each of `files` (stdin for none or `-`) and write one line per article to `out`.
pub fn enrich_all(
    processor: &Processor,
    files: &[PathBuf],
    forced_type: Option<&str>,
    out: &mut impl Write,
) -> Result<EnrichSummary, EnrichError> {
    let stdin = [PathBuf::from("-")];
    let files = if files.is_empty() { &stdin[..] } else { files };
    let mut summary = EnrichSummary::default();
    for path in files {
        let implied = forced_type
            .map(str::to_owned)
            .or_else(|| content_type_of(path).map(str::to_owned));
        let mut emit = |item: Item, out: &mut dyn Write| -> Result<(), EnrichError> {
            let envelope = Incoming {
                input: RawInput {
                    body: &item.body,
                    content_type: item.content_type.as_deref(),
                    ..RawInput::default()
                },
                routing_key: "",
                received_at: Utc::now(),
            };
            match processor.process(&envelope) {
                Outcome::Enriched { body, .. } => {
                    summary.enriched += 1;
                    out.write_all(&body)?;
                }
                Outcome::Rejected { id, rejection, .. } => {
                    summary.failed += 1;
                    let line = rejection_object(&id, &rejection);
                    serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
                }
            }
            out.write_all(b"\n")?;
            Ok(())
        };
        let read = if path.as_os_str() == "-" {
            let mut body = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut body)
                .map(|_| vec![body])
        } else if is_lines(path) && forced_type.is_none_or(|t| t.contains("json")) {
            read_lines(path)
        } else {
            std::fs::read(path).map(|body| vec![body])
        };
        match read {
            Ok(bodies) => {
                for body in bodies {
                    emit(
                        Item {
                            body,
                            content_type: implied.clone(),
                        },
                        out,
                    )?;
                }
            }
            Err(error) => {
                summary.failed += 1;
                let line = error_object(
                    Some(&body_hash_id(path.to_string_lossy().as_bytes())),
                    "unreadable_file",
                    &format!("cannot read {}: {error}", path.display()),
                );
                serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    Ok(summary)
}

/// The non-blank lines of a JSON Lines file, one article each.
fn read_lines(path: &Path) -> std::io::Result<Vec<Vec<u8>>> {
    let reader = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut bodies = Vec::new();
    for line in reader.split(b'\n') {
        let mut line = line?;
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            bodies.push(line);
        }
    }
    Ok(bodies)
}
