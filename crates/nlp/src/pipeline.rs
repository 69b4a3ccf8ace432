//! The module pipeline: the `Module` trait, what each module reads and writes, and the runner that times them and says how each ended.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use serde::Serialize;
use tracing::debug_span;

use crate::document::{Article, Document, Enrichments, Input, Skipped};

/// Why a module could not do its work on one article.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ModuleError(pub String);

/// A field of [`Enrichments`]: what one module writes and later ones may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Language,
    Stats,
    Entities,
    Quotes,
    Topics,
    Keywords,
    Sentiment,
    Amounts,
    Dates,
    Summary,
    Fingerprint,
    Tags,
}

/// One named step of enrichment.
///
/// A module reads the article and what earlier modules found, and writes
/// only its own field of [`Enrichments`]. It must be cheap to share between
/// threads: models are loaded once in the constructor. Like spaCy's
/// components, it says what it writes ([`assigns`](Module::assigns)) and what
/// it reads ([`requires`](Module::requires)), so that an order in which it
/// would run before what it reads is refused at start.
pub trait Module: Send + Sync {
    /// The name used in `pipeline.modules` and in metrics and warnings.
    fn name(&self) -> &'static str;

    /// The field of [`Enrichments`] this module writes, and no other.
    fn assigns(&self) -> Field;

    /// The fields of other modules this module reads (none by default).
    fn requires(&self) -> Vec<Field> {
        Vec::new()
    }

    /// The languages (ISO 639-1) the module's models are for; `None`, the
    /// default, for a module that reads any language (stats, fingerprints).
    /// The pipeline does not run a module on an article in another language
    /// (see [`article_language`]).
    fn languages(&self) -> Option<&'static [&'static str]> {
        None
    }

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

/// What running the pipeline on one article did: each module's time, and which
/// failed (each also a warning on the document) or were skipped at the deadline.
/// The caller turns these into metrics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PipelineRun {
    /// The modules that ran, in order, with their times.
    pub timings: Vec<ModuleTiming>,
    /// Modules that returned an error or panicked.
    pub failed: Vec<&'static str>,
    /// Modules not run because the article reached its deadline.
    pub skipped: Vec<&'static str>,
}

/// The language an article is known to be in, for choosing modules: the
/// `language` module's answer when it ran and determined one, otherwise the
/// producer's hint (its primary subtag, lower case: `en-GB` is `en`);
/// `None` when neither says (`und` and no hint; see [`unsupported`] for
/// what runs then).
pub fn article_language(article: &Article, found: &Enrichments) -> Option<String> {
    let detected = found
        .language
        .as_ref()
        .map(|l| l.code.as_str())
        .filter(|code| *code != "und");
    let hint = article
        .language_hint
        .as_deref()
        .and_then(|h| h.split(['-', '_']).next())
        .map(str::trim)
        .filter(|h| !h.is_empty());
    detected.or(hint).map(|code| code.to_ascii_lowercase())
}

/// Why `module` does not run on `article`, if it does not: the article's
/// language (looked up only for a module that declares its languages) is not
/// one of the module's.
///
/// When the `language` module ran and could not tell (`und`) and there is no
/// hint, a module with languages does not run either: an English model on
/// text of unknown language is the nonsense this gate exists to prevent.
/// Only with no `language` module and no hint does every module run (the
/// operator said nothing about languages).
fn unsupported(module: &dyn Module, article: &Article, found: &Enrichments) -> Option<String> {
    let supported = module.languages()?;
    match article_language(article, found) {
        Some(language) => (!supported.contains(&language.as_str()))
            .then(|| format!("language {language} not supported")),
        None if found.language.is_some() => Some("language undetermined".to_owned()),
        None => None,
    }
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
    pub fn run(&self, doc: &mut Document) -> PipelineRun {
        self.run_until(doc, None)
    }

    /// [`run`](Self::run), but once `deadline` has passed the modules not yet
    /// run are skipped, each named in a warning, so one pathological article
    /// cannot hold a thread for long. A module already running is not cut short.
    pub fn run_until(&self, doc: &mut Document, deadline: Option<Deadline>) -> PipelineRun {
        let mut run = PipelineRun {
            timings: Vec::with_capacity(self.modules.len()),
            ..PipelineRun::default()
        };
        let Document {
            article,
            enrichments,
            warnings,
            skipped,
        } = doc;
        let input = Input::new(article);
        for (index, module) in self.modules.iter().enumerate() {
            if let Some(deadline) = deadline.filter(|d| Instant::now() >= d.at) {
                let reason = format!(
                    "the article reached pipeline.article_timeout ({:?})",
                    deadline.timeout
                );
                for late in &self.modules[index..] {
                    warnings.push(format!("{}: skipped: {reason}", late.name()));
                    skipped.push(Skipped {
                        module: late.name(),
                        reason: reason.clone(),
                    });
                    run.skipped.push(late.name());
                }
                break;
            }
            let name = module.name();
            if let Some(reason) = unsupported(module.as_ref(), article, enrichments) {
                skipped.push(Skipped {
                    module: name,
                    reason,
                });
                continue;
            }
            let span = debug_span!("module", otel.name = name, module = name);
            let _entered = span.enter();
            let started = Instant::now();
            let outcome = catch_unwind(AssertUnwindSafe(|| module.enrich(&input, enrichments)));
            let duration_us = started.elapsed().as_micros() as u64;
            match outcome {
                Ok(Ok(())) => {}
                Ok(Err(error)) => {
                    run.failed.push(name);
                    warnings.push(format!("{name}: {error}"));
                }
                Err(panic) => {
                    run.failed.push(name);
                    warnings.push(format!("{name}: panicked: {}", panic_message(&*panic)));
                }
            }
            run.timings.push(ModuleTiming {
                module: name,
                duration_us,
            });
        }
        run
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
    use crate::document::Article;
    use crate::stats::Stats;

    struct Failing;
    impl Module for Failing {
        fn name(&self) -> &'static str {
            "failing"
        }
        fn assigns(&self) -> Field {
            Field::Stats
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
        fn assigns(&self) -> Field {
            Field::Stats
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
        fn assigns(&self) -> Field {
            Field::Stats
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

    /// An English-only module that writes the stats field.
    struct EnglishOnly;
    impl Module for EnglishOnly {
        fn name(&self) -> &'static str {
            "english"
        }
        fn assigns(&self) -> Field {
            Field::Stats
        }
        fn languages(&self) -> Option<&'static [&'static str]> {
            Some(&["en"])
        }
        fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
            Marker.enrich(input, found)
        }
    }

    fn in_language(code: Option<&str>, hint: Option<&str>) -> Document {
        let mut doc = document();
        doc.article.language_hint = hint.map(str::to_owned);
        doc.enrichments.language = code.map(|code| crate::language::Language {
            code: code.into(),
            confidence: 1.0,
        });
        doc
    }

    #[test]
    fn a_module_is_skipped_with_a_reason_on_an_article_in_a_language_it_lacks() {
        let pipeline = Pipeline::new(vec![Box::new(EnglishOnly)]);
        let mut german = in_language(Some("de"), Some("en"));
        pipeline.run(&mut german);
        assert!(german.enrichments.stats.is_none());
        assert_eq!(
            german.skipped,
            [Skipped {
                module: "english",
                reason: "language de not supported".into()
            }]
        );
        // The hint decides when detection did not: "und", or no language
        // module. Undetermined with no hint runs nothing language-bound; no
        // language module and no hint runs everything.
        for (code, hint, runs) in [
            (Some("en"), None, true),
            (Some("und"), Some("fr-CA"), false),
            (Some("und"), Some("en"), true),
            (None, Some("EN-gb"), true),
            (None, Some("es"), false),
            (Some("und"), None, false),
            (None, None, true),
        ] {
            let mut doc = in_language(code, hint);
            pipeline.run(&mut doc);
            assert_eq!(doc.enrichments.stats.is_some(), runs, "{code:?} {hint:?}");
            assert_eq!(doc.skipped.is_empty(), runs, "{code:?} {hint:?}");
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
    fn an_undetermined_language_without_a_hint_is_named_as_the_reason() {
        let pipeline = Pipeline::new(vec![Box::new(EnglishOnly)]);
        let mut doc = in_language(Some("und"), None);
        pipeline.run(&mut doc);
        assert_eq!(
            doc.skipped,
            [Skipped {
                module: "english",
                reason: "language undetermined".into()
            }]
        );
    }

    #[test]
    fn a_failing_or_panicking_module_becomes_a_warning_and_later_modules_still_run() {
        let pipeline = Pipeline::new(vec![
            Box::new(Failing),
            Box::new(Panicking),
            Box::new(Marker),
        ]);
        let mut doc = document();
        let timings = pipeline.run(&mut doc).timings;
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
        fn assigns(&self) -> Field {
            Field::Stats
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
        let run = pipeline.run_until(&mut doc, deadline);
        assert_eq!(run.skipped, ["failing", "marker"]);
        let timings = run.timings;
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
        assert_eq!(pipeline.run_until(&mut doc, unlimited).timings.len(), 3);
    }

    #[test]
    fn an_empty_pipeline_leaves_the_document_as_it_was() {
        let mut doc = document();
        let timings = Pipeline::new(Vec::new()).run(&mut doc).timings;
        assert!(timings.is_empty());
        assert_eq!(doc.enrichments, Enrichments::default());
        assert!(doc.warnings.is_empty());
    }
}
