//! One input to one outcome: intake, the module pipeline, then the envelope; shared by the worker and `enricher enrich`.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use enricher_nlp::document::Document;
use enricher_nlp::pipeline::{Deadline, Pipeline, PipelineRun};

use crate::intake::{self, RawInput, RejectCode, Rejection};
use crate::output::{self, Processing, RoutingKeyTemplate, RoutingValues};

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// Publish `body` to the output exchange with `routing_key`.
    Enriched {
        id: String,
        routing_key: String,
        body: Vec<u8>,
        total_us: u64,
        /// What each module did, for metrics.
        run: PipelineRun,
    },
    /// Dead-letter the input: it can never be enriched.
    Rejected {
        id: String,
        rejection: Rejection,
        /// What each module did (nothing when intake refused the input).
        run: PipelineRun,
    },
}

/// The limits and output settings a processor applies to every input.
#[derive(Debug, Clone)]
pub struct ProcessorOptions {
    /// `output.routing_key`, parsed.
    pub routing_key: RoutingKeyTemplate,
    /// `input.max_message_bytes`: a larger body is rejected as `too_large`.
    pub max_message_bytes: usize,
    /// `output.max_message_bytes`: a larger output rejects its input as `output_too_large`
    /// (the broker refuses messages over its `max_message_size` by closing the channel).
    pub max_output_bytes: usize,
    /// `pipeline.article_timeout`: the modules left once an article has taken this long
    /// (intake included) are skipped; zero means no limit.
    pub article_timeout: Duration,
}

impl ProcessorOptions {
    /// No limits, the input's routing key kept: for tests and tools.
    pub fn unlimited() -> Self {
        Self {
            routing_key: RoutingKeyTemplate::default(),
            max_message_bytes: usize::MAX,
            max_output_bytes: usize::MAX,
            article_timeout: Duration::ZERO,
        }
    }
}

/// Everything needed to enrich an article, built once and shared by the pool threads.
pub struct Processor {
    pipeline: Pipeline,
    options: ProcessorOptions,
    worker_id: String,
}

/// Where an input came from, besides its body: the transport's view.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    pub input: RawInput<'a>,
    /// The input's routing key (used by `{routing_key}` in `output.routing_key`).
    pub routing_key: &'a str,
    pub received_at: DateTime<Utc>,
}

impl Processor {
    /// A processor running `pipeline` under `options`, writing `worker_id` into every envelope.
    pub fn new(pipeline: Pipeline, options: ProcessorOptions, worker_id: String) -> Self {
        Self {
            pipeline,
            options,
            worker_id,
        }
    }

    /// The id this processor writes as `processing.worker_id`.
    pub fn worker_id(&self) -> &str {
        &self.worker_id
    }

    /// The pipeline's module names, for start-up logs.
    pub fn module_names(&self) -> Vec<&'static str> {
        self.pipeline.names()
    }

    /// Enrich one input, or say why it can never be enriched.
    pub fn process(&self, incoming: &Incoming<'_>) -> Outcome {
        let started = Instant::now();
        let options = &self.options;
        let intake = match intake::read(&incoming.input, options.max_message_bytes) {
            Ok(intake) => intake,
            Err(rejection) => {
                return Outcome::Rejected {
                    id: intake::best_effort_id(&incoming.input),
                    rejection,
                    run: PipelineRun::default(),
                };
            }
        };
        let mut doc = Document::new(intake.article);
        doc.warnings = intake.warnings;
        let run = self
            .pipeline
            .run_until(&mut doc, Deadline::after(started, options.article_timeout));
        let topic_slug = doc
            .enrichments
            .topics
            .as_ref()
            .and_then(|topics| topics.iter().find(|t| t.level == 1))
            .map(|t| enricher_nlp::topics::slug(&t.label));
        let routing_key = options.routing_key.render(RoutingValues {
            routing_key: incoming.routing_key,
            language: doc
                .enrichments
                .language
                .as_ref()
                .map(|l| l.code.as_str())
                .filter(|code| *code != "und")
                .or(doc.article.language_hint.as_deref()),
            topic: topic_slug.as_deref(),
        });
        let total_us = started.elapsed().as_micros() as u64;
        let processing = Processing {
            enricher_version: crate::VERSION,
            worker_id: self.worker_id.clone(),
            received_at: output::timestamp(incoming.received_at),
            enriched_at: output::timestamp(Utc::now()),
            duration_us: total_us,
            modules: run.timings.clone(),
            warnings: std::mem::take(&mut doc.warnings),
            skipped: std::mem::take(&mut doc.skipped),
        };
        let body = output::render(&doc, processing);
        if body.len() > options.max_output_bytes {
            return Outcome::Rejected {
                id: doc.article.id,
                rejection: Rejection::new(
                    RejectCode::OutputTooLarge,
                    format!(
                        "the enriched output is {} bytes; output.max_message_bytes allows {}",
                        body.len(),
                        options.max_output_bytes
                    ),
                ),
                run,
            };
        }
        Outcome::Enriched {
            id: doc.article.id,
            routing_key,
            body,
            total_us,
            run,
        }
    }
}

/// The id this process reports as `processing.worker_id`: host name and process id.
pub fn default_worker_id() -> String {
    let host = gethostname::gethostname();
    format!("{}-{}", host.to_string_lossy(), std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    use enricher_nlp::registry::{self, ModuleSettings};

    /// A processor of `modules` with default settings and `options`.
    fn processor(modules: &[&str], options: ProcessorOptions) -> Processor {
        let names: Vec<String> = modules.iter().map(|m| m.to_string()).collect();
        let modules = registry::build(&names, &ModuleSettings::default()).expect("modules");
        Processor::new(Pipeline::new(modules), options, "test".into())
    }

    fn routing_key_of(modules: &[&str], body: &str) -> String {
        let options = ProcessorOptions {
            routing_key: RoutingKeyTemplate::parse("{language}.{topic}").expect("template"),
            ..ProcessorOptions::unlimited()
        };
        let outcome = processor(modules, options).process(&Incoming {
            input: RawInput {
                body: body.as_bytes(),
                content_type: Some("text/plain"),
                ..RawInput::default()
            },
            routing_key: "in",
            received_at: Utc::now(),
        });
        match outcome {
            Outcome::Enriched { routing_key, .. } => routing_key,
            Outcome::Rejected { rejection, .. } => panic!("rejected: {rejection:?}"),
        }
    }

    #[test]
    fn an_output_over_the_limit_rejects_its_input() {
        let build = |limit: usize| {
            let options = ProcessorOptions {
                max_output_bytes: limit,
                ..ProcessorOptions::unlimited()
            };
            processor(&["stats"], options)
        };
        let incoming = Incoming {
            input: RawInput {
                body: b"A short article about the weather.",
                content_type: Some("text/plain"),
                ..RawInput::default()
            },
            routing_key: "in",
            received_at: Utc::now(),
        };
        match build(100).process(&incoming) {
            Outcome::Rejected { rejection, .. } => {
                assert_eq!(rejection.code, RejectCode::OutputTooLarge);
                assert!(rejection.detail.contains("output.max_message_bytes"));
            }
            Outcome::Enriched { body, .. } => panic!("published {} bytes", body.len()),
        }
        assert!(matches!(
            build(1 << 20).process(&incoming),
            Outcome::Enriched { .. }
        ));
    }

    #[test]
    fn the_topic_placeholder_is_the_top_topics_slug() {
        let article = include_str!("../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt");
        let key = routing_key_of(&["language", "entities", "topics"], article);
        assert!(key == "en.politics" || key == "en.conflict", "{key}");
        let sport = "Arsenal beat Chelsea 2-1 in the Premier League on Saturday. The striker scored twice \
            and the manager praised the defence after the match at the stadium.";
        assert_eq!(routing_key_of(&["language", "topics"], sport), "en.sport");
        assert_eq!(routing_key_of(&["language"], sport), "en.none");
    }
}
