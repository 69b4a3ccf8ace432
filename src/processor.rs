//! One input to one outcome: intake, the module pipeline, then the envelope; shared by the worker and `enricher enrich`.

use std::time::Instant;

use chrono::{DateTime, Utc};

use crate::intake::{self, RawInput, RejectCode, Rejection};
use crate::output::{self, Processing, RoutingKeyTemplate, RoutingValues};
use crate::pipeline::{Deadline, Document, Pipeline};

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    /// Publish `body` to the output exchange with `routing_key`.
    Enriched {
        id: String,
        routing_key: String,
        body: Vec<u8>,
        total_us: u64,
    },
    /// Dead-letter the input: it can never be enriched.
    Rejected { id: String, rejection: Rejection },
}

/// Everything needed to enrich an article, built once and shared by the pool threads.
pub struct Processor {
    pipeline: Pipeline,
    routing_key: RoutingKeyTemplate,
    max_message_bytes: usize,
    worker_id: String,
    /// `pipeline.article_timeout`; zero means no limit.
    article_timeout: std::time::Duration,
    /// `output.max_message_bytes`: a larger output rejects its input.
    max_output_bytes: usize,
}

/// Where an input came from, besides its body: the transport's view.
#[derive(Debug, Clone, Copy)]
pub struct Envelope<'a> {
    pub input: RawInput<'a>,
    /// The input's routing key (used by `{routing_key}` in `output.routing_key`).
    pub routing_key: &'a str,
    pub received_at: DateTime<Utc>,
}

impl Processor {
    /// A processor running `pipeline` and rendering routing keys from `routing_key`.
    pub fn new(
        pipeline: Pipeline,
        routing_key: RoutingKeyTemplate,
        max_message_bytes: usize,
        worker_id: String,
    ) -> Self {
        Self {
            pipeline,
            routing_key,
            max_message_bytes,
            worker_id,
            article_timeout: std::time::Duration::ZERO,
            max_output_bytes: usize::MAX,
        }
    }

    /// Reject inputs whose enriched output is larger than `bytes` (the broker refuses
    /// messages over its `max_message_size` by closing the channel).
    pub fn with_max_output_bytes(mut self, bytes: usize) -> Self {
        self.max_output_bytes = bytes;
        self
    }

    /// Skip the modules left once an article has taken `timeout` (intake included); zero means no limit.
    pub fn with_article_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.article_timeout = timeout;
        self
    }

    /// The processor `settings` describe: its modules, routing-key template and size limit.
    pub fn from_settings(settings: &crate::config::Settings) -> Result<Self, String> {
        let modules = crate::modules::build(&settings.pipeline.modules, settings)
            .map_err(|e| format!("pipeline.modules: {e}"))?;
        let routing_key = RoutingKeyTemplate::parse(&settings.output.routing_key)
            .map_err(|problem| format!("output.routing_key: {problem}"))?;
        Ok(Self::new(
            Pipeline::new(modules),
            routing_key,
            settings.input.max_message_bytes,
            default_worker_id(),
        )
        .with_article_timeout(settings.pipeline.article_timeout)
        .with_max_output_bytes(settings.output.max_message_bytes))
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
    pub fn process(&self, envelope: &Envelope<'_>) -> Outcome {
        let started = Instant::now();
        let intake = match intake::read(&envelope.input, self.max_message_bytes) {
            Ok(intake) => intake,
            Err(rejection) => {
                return Outcome::Rejected {
                    id: intake::best_effort_id(&envelope.input),
                    rejection,
                };
            }
        };
        let mut doc = Document::new(intake.article);
        doc.warnings = intake.warnings;
        let modules = self
            .pipeline
            .run_until(&mut doc, Deadline::after(started, self.article_timeout));
        let topic_slug = doc
            .enrichments
            .topics
            .as_ref()
            .and_then(|topics| topics.iter().find(|t| t.level == 1))
            .map(|t| crate::topics::slug(&t.label));
        let routing_key = self.routing_key.render(RoutingValues {
            routing_key: envelope.routing_key,
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
            received_at: output::timestamp(envelope.received_at),
            enriched_at: output::timestamp(Utc::now()),
            duration_us: total_us,
            modules,
            warnings: std::mem::take(&mut doc.warnings),
        };
        let body = output::render(&doc, processing);
        if body.len() > self.max_output_bytes {
            return Outcome::Rejected {
                id: doc.article.id,
                rejection: Rejection::new(
                    RejectCode::OutputTooLarge,
                    format!(
                        "the enriched output is {} bytes; output.max_message_bytes allows {}",
                        body.len(),
                        self.max_output_bytes
                    ),
                ),
            };
        }
        Outcome::Enriched {
            id: doc.article.id,
            routing_key,
            body,
            total_us,
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

    fn routing_key_of(modules: &[&str], body: &str) -> String {
        let settings =
            crate::config::Settings::load_from(None, Some(Default::default())).expect("defaults");
        let names: Vec<String> = modules.iter().map(|m| m.to_string()).collect();
        let processor = Processor::new(
            Pipeline::new(crate::modules::build(&names, &settings).expect("modules")),
            RoutingKeyTemplate::parse("{language}.{topic}").expect("template"),
            1 << 20,
            "test".into(),
        );
        let outcome = processor.process(&Envelope {
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
        let settings =
            crate::config::Settings::load_from(None, Some(Default::default())).expect("defaults");
        let build = |limit: usize| {
            Processor::new(
                Pipeline::new(
                    crate::modules::build(&["stats".into()], &settings).expect("modules"),
                ),
                RoutingKeyTemplate::parse("{routing_key}").expect("template"),
                1 << 20,
                "test".into(),
            )
            .with_max_output_bytes(limit)
        };
        let envelope = Envelope {
            input: RawInput {
                body: b"A short article about the weather.",
                content_type: Some("text/plain"),
                ..RawInput::default()
            },
            routing_key: "in",
            received_at: Utc::now(),
        };
        match build(100).process(&envelope) {
            Outcome::Rejected { rejection, .. } => {
                assert_eq!(rejection.code, RejectCode::OutputTooLarge);
                assert!(rejection.detail.contains("output.max_message_bytes"));
            }
            Outcome::Enriched { body, .. } => panic!("published {} bytes", body.len()),
        }
        assert!(matches!(
            build(1 << 20).process(&envelope),
            Outcome::Enriched { .. }
        ));
    }

    #[test]
    fn the_topic_placeholder_is_the_top_topics_slug() {
        let article = include_str!("../tests/fixtures/menafn-ukrinform-2024-10-28.txt");
        let key = routing_key_of(&["language", "entities", "topics"], article);
        assert!(key == "en.politics" || key == "en.conflict", "{key}");
        let sport = "Arsenal beat Chelsea 2-1 in the Premier League on Saturday. The striker scored twice \
            and the manager praised the defence after the match at the stadium.";
        assert_eq!(routing_key_of(&["language", "topics"], sport), "en.sport");
        assert_eq!(routing_key_of(&["language"], sport), "en.none");
    }
}
