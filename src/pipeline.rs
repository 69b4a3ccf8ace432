//! The module pipeline: the `Module` trait, the `Document` modules read and add to, and the runner that times them.

use std::cell::OnceCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use serde::Serialize;
use tracing::debug_span;

use crate::amounts::Amount;
use crate::entities::Entity;
use crate::keywords::Keyword;
use crate::modules::{fingerprint::Fingerprint, language::Language, stats::Stats};
use crate::nlp::{Segments, segment};
use crate::quotes::Quote;
use crate::summary::SummarySentence;
use crate::timex::DateMention;
use crate::tone::Tone;
use crate::topics::Topic;

/// An article as it came in, normalised from whichever input format carried it.
///
/// Modules may read it; only intake (and, later, extraction modules) writes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// Stable id: the JSON `id`, else the AMQP `message_id`, else a hash of the body.
    #[serde(skip)]
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// RFC 3339 timestamp (a bare date becomes midnight UTC).
    pub published_at: Option<String>,
    /// The dateline place of wire copy (`KYIV`, `PORTLAND, Ore.`), when the text had one.
    pub dateline: Option<String>,
    /// The producer's language hint, if any (not yet a detected language).
    #[serde(skip)]
    pub language_hint: Option<String>,
    /// The clean body text that every offset in the output counts into.
    pub text: String,
    /// Producer metadata, passed through untouched (`null` when there was none).
    pub metadata: serde_json::Value,
}

/// What the modules add to an article, one optional field per module.
///
/// A field stays `None` when its module is disabled or failed, and is then left
/// out of the output, as the contract says.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Enrichments {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<Stats>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<Entity>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Vec<Quote>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<Topic>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<Keyword>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Tone>,
    /// ✚ Quantities with what they count (an extension of the contract).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amounts: Option<Vec<Amount>>,
    /// ✚ Dates and relative time expressions, resolved (an extension of the contract).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dates: Option<Vec<DateMention>>,
    /// ✚ Up to three sentences of the article (an extension of the contract).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Vec<SummarySentence>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<Fingerprint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// The shared document: the article plus everything earlier modules added.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub article: Article,
    pub enrichments: Enrichments,
    /// Human-readable notes on anything that went wrong without stopping the article.
    pub warnings: Vec<String>,
}

impl Document {
    /// A document for `article` with nothing added yet.
    pub fn new(article: Article) -> Self {
        Self {
            article,
            enrichments: Enrichments::default(),
            warnings: Vec::new(),
        }
    }
}

/// Why a module could not do its work on one article.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ModuleError(pub String);

/// What a module reads: the article, and its text's segmentation, computed
/// at most once per article however many modules ask for it.
pub struct Input<'a> {
    pub article: &'a Article,
    segments: OnceCell<Segments<'a>>,
}

impl<'a> Input<'a> {
    /// The input for `article`, nothing computed yet.
    pub fn new(article: &'a Article) -> Self {
        Input {
            article,
            segments: OnceCell::new(),
        }
    }

    /// The paragraphs, sentences and tokens of `article.text` ([`segment`]).
    pub fn segments(&self) -> &Segments<'a> {
        self.segments.get_or_init(|| segment(&self.article.text))
    }
}

/// One named step of enrichment.
///
/// A module reads the article and what earlier modules found, and writes
/// only its own field of [`Enrichments`]. It must be cheap to share between
/// threads: models are loaded once in the constructor.
pub trait Module: Send + Sync {
    /// The name used in `pipeline.modules` and in metrics and warnings.
    fn name(&self) -> &'static str;

    /// Enrich one article: read `input` and earlier modules' fields of
    /// `found`, and set this module's own field.
    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError>;

    /// Enrich one document on its own, outside a pipeline (tests, evals).
    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        self.enrich(&Input::new(&doc.article), &mut doc.enrichments)
    }
}

/// How long one module took on one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ModuleTiming {
    pub module: &'static str,
    pub duration_us: u64,
}

/// When an article's time is up: the instant, and the setting it came from (for the warning).
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    pub at: Instant,
    pub timeout: std::time::Duration,
}

impl Deadline {
    /// `timeout` after `started`; `None` for a zero timeout, which means no limit.
    pub fn after(started: Instant, timeout: std::time::Duration) -> Option<Self> {
        (!timeout.is_zero()).then(|| Self {
            at: started + timeout,
            timeout,
        })
    }
}

/// The ordered modules of one worker, shared by every pool thread.
pub struct Pipeline {
    modules: Vec<Box<dyn Module>>,
}

impl Pipeline {
    /// A pipeline running `modules` in the given order.
    pub fn new(modules: Vec<Box<dyn Module>>) -> Self {
        Self { modules }
    }

    /// The module names in order, as `pipeline.modules` lists them.
    pub fn names(&self) -> Vec<&'static str> {
        self.modules.iter().map(|m| m.name()).collect()
    }

    /// Run every module on `doc`, each in its own span, timing each.
    ///
    /// A module that returns an error or panics leaves a warning on the
    /// document and the next module still runs: one bad article never stops
    /// the worker, and the article is still published.
    pub fn run(&self, doc: &mut Document) -> Vec<ModuleTiming> {
        self.run_until(doc, None)
    }

    /// [`run`](Self::run), but once `deadline` has passed the modules not yet
    /// run are skipped, each named in a warning, so one pathological article
    /// cannot hold a thread for long. A module already running is not cut short.
    pub fn run_until(&self, doc: &mut Document, deadline: Option<Deadline>) -> Vec<ModuleTiming> {
        let mut timings = Vec::with_capacity(self.modules.len());
        let Document {
            article,
            enrichments,
            warnings,
        } = doc;
        let input = Input::new(article);
        for (index, module) in self.modules.iter().enumerate() {
            if let Some(deadline) = deadline.filter(|d| Instant::now() >= d.at) {
                crate::metrics::global().article_timed_out();
                for skipped in &self.modules[index..] {
                    warnings.push(format!(
                        "{}: skipped: the article reached pipeline.article_timeout ({:?})",
                        skipped.name(),
                        deadline.timeout
                    ));
                }
                break;
            }
            let name = module.name();
            let span = debug_span!("module", otel.name = name, module = name);
            let _entered = span.enter();
            let started = Instant::now();
            let outcome = catch_unwind(AssertUnwindSafe(|| module.enrich(&input, enrichments)));
            let duration_us = started.elapsed().as_micros() as u64;
            match outcome {
                Ok(Ok(())) => {}
                Ok(Err(error)) => {
                    crate::metrics::global().module_failed(name);
                    warnings.push(format!("{name}: {error}"));
                }
                Err(panic) => {
                    crate::metrics::global().module_failed(name);
                    warnings.push(format!("{name}: panicked: {}", panic_message(&*panic)));
                }
            }
            crate::metrics::global().module_duration(name, duration_us);
            timings.push(ModuleTiming {
                module: name,
                duration_us,
            });
        }
        timings
    }
}

/// The text of a panic payload, when it carried one.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Failing;
    impl Module for Failing {
        fn name(&self) -> &'static str {
            "failing"
        }
        fn enrich(&self, _input: &Input<'_>, _found: &mut Enrichments) -> Result<(), ModuleError> {
            Err(ModuleError("model not loaded".into()))
        }
    }

    struct Panicking;
    impl Module for Panicking {
        fn name(&self) -> &'static str {
            "panicking"
        }
        fn enrich(&self, input: &Input<'_>, _found: &mut Enrichments) -> Result<(), ModuleError> {
            let index = input.article.text.len() + 10;
            let _ = &input.article.text[index..];
            Ok(())
        }
    }

    /// Writes the stats field, so the test can see later modules still ran.
    struct Marker;
    impl Module for Marker {
        fn name(&self) -> &'static str {
            "marker"
        }
        fn enrich(&self, _input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
            found.stats = Some(Stats {
                characters: 1,
                words: 1,
                sentences: 1,
                paragraphs: 1,
                reading_time_seconds: 1,
            });
            Ok(())
        }
    }

    fn document() -> Document {
        Document::new(Article {
            id: "a".into(),
            text: "Some text.".into(),
            ..Article::default()
        })
    }

    #[test]
    fn a_failing_or_panicking_module_becomes_a_warning_and_later_modules_still_run() {
        let pipeline = Pipeline::new(vec![
            Box::new(Failing),
            Box::new(Panicking),
            Box::new(Marker),
        ]);
        let mut doc = document();
        let timings = pipeline.run(&mut doc);
        assert_eq!(
            timings.iter().map(|t| t.module).collect::<Vec<_>>(),
            ["failing", "panicking", "marker"]
        );
        assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
        assert_eq!(doc.warnings[0], "failing: model not loaded");
        assert!(
            doc.warnings[1].starts_with("panicking: panicked: "),
            "{:?}",
            doc.warnings
        );
        assert!(
            doc.enrichments.stats.is_some(),
            "the module after the failures ran"
        );
    }

    /// Takes a while, so a deadline passes during it.
    struct Slow;
    impl Module for Slow {
        fn name(&self) -> &'static str {
            "slow"
        }
        fn enrich(&self, _input: &Input<'_>, _found: &mut Enrichments) -> Result<(), ModuleError> {
            std::thread::sleep(std::time::Duration::from_millis(30));
            Ok(())
        }
    }

    #[test]
    fn modules_after_the_deadline_are_skipped_and_named() {
        let pipeline = Pipeline::new(vec![Box::new(Slow), Box::new(Failing), Box::new(Marker)]);
        let mut doc = document();
        let deadline = Deadline::after(Instant::now(), std::time::Duration::from_millis(10));
        let timings = pipeline.run_until(&mut doc, deadline);
        assert_eq!(
            timings.iter().map(|t| t.module).collect::<Vec<_>>(),
            ["slow"]
        );
        assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
        assert!(
            doc.warnings[0].starts_with("failing: skipped: "),
            "{:?}",
            doc.warnings
        );
        assert!(
            doc.warnings[1].starts_with("marker: skipped: "),
            "{:?}",
            doc.warnings
        );
        assert!(
            doc.enrichments.stats.is_none(),
            "the skipped module wrote nothing"
        );

        let mut doc = document();
        let unlimited = Deadline::after(Instant::now(), std::time::Duration::ZERO);
        assert!(unlimited.is_none());
        assert_eq!(pipeline.run_until(&mut doc, unlimited).len(), 3);
    }

    #[test]
    fn an_empty_pipeline_leaves_the_document_as_it_was() {
        let mut doc = document();
        let timings = Pipeline::new(Vec::new()).run(&mut doc);
        assert!(timings.is_empty());
        assert_eq!(doc.enrichments, Enrichments::default());
        assert!(doc.warnings.is_empty());
    }
}
