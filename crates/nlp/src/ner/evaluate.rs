//! `enricher eval ner`: the entity tagger against a CoNLL-2003 file, with conlleval's semantics (exact spans) and its speed.
//!
//! Gold spans are read from the file's IOB1 tags; a predicted entity counts
//! only if its first token, last token and type all match a gold one.
//! Precision, recall and F1 are given per type and over all entities, as
//! conlleval prints them, and tokens per second of tagging alone (one
//! thread; reading the file and scoring are not timed).

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use super::conll::{self, ConllDocument};
use crate::document::{Article, Enrichments, Input};
use crate::entities::EntityType;
use crate::ner::EntityTagger;
use crate::ner::labels::{Span, spans_from_iob, spans_from_labels, type_index};
use crate::pipeline::Module;
use crate::text::CodePointCursor;

/// Counts of one entity type (or of all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that match a gold one exactly.
    pub correct: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Counts {
    /// Correct over predicted, in percent (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        percent(self.correct, self.predicted)
    }

    /// Correct over gold, in percent.
    pub fn recall(&self) -> f64 {
        percent(self.correct, self.gold)
    }

    /// The harmonic mean of precision and recall, in percent.
    pub fn f1(&self) -> f64 {
        crate::scores::f1(self.precision(), self.recall())
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Entity counts per type and overall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EntityScores {
    /// Per type, in [`EntityType::ALL`] order.
    pub by_type: [Counts; 4],
    /// All types together.
    pub overall: Counts,
}

impl EntityScores {
    /// Adds one sentence's gold and predicted spans.
    pub fn add(&mut self, gold: &[Span], predicted: &[Span]) {
        for span in gold {
            self.by_type[type_index(span.kind)].gold += 1;
            self.overall.gold += 1;
        }
        for span in predicted {
            self.by_type[type_index(span.kind)].predicted += 1;
            self.overall.predicted += 1;
            if gold.contains(span) {
                self.by_type[type_index(span.kind)].correct += 1;
                self.overall.correct += 1;
            }
        }
    }
}

impl fmt::Display for EntityScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<8} {:>9} {:>7} {:>7} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "gold", "found"
        )?;
        let rows = EntityType::ALL
            .iter()
            .map(|t| (t.conll(), self.by_type[type_index(*t)]))
            .chain([("overall", self.overall)]);
        for (name, c) in rows {
            writeln!(
                f,
                "{:<8} {:>9.2} {:>7.2} {:>7.2} {:>7} {:>7}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            )?;
        }
        Ok(())
    }
}

/// The outcome of tagging a CoNLL file.
#[derive(Debug, Clone, Default)]
pub struct NerReport {
    /// The entity scores.
    pub scores: EntityScores,
    /// Tokens tagged.
    pub tokens: usize,
    /// Documents tagged.
    pub documents: usize,
    /// Wall-clock time spent tagging alone.
    pub tag_time: Duration,
    /// CPU time of the tagging thread: what one core spent, which a busy
    /// machine does not inflate as it does the wall clock.
    pub cpu_time: Duration,
}

impl NerReport {
    /// Tokens tagged per second.
    pub fn tokens_per_second(&self) -> f64 {
        self.tokens as f64 / self.tag_time.as_secs_f64().max(1e-9)
    }

    /// Tokens tagged per second of the thread's CPU time.
    pub fn tokens_per_cpu_second(&self) -> f64 {
        self.tokens as f64 / self.cpu_time.as_secs_f64().max(1e-9)
    }
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.scores)?;
        write!(
            f,
            "{} documents, {} tokens tagged on one thread in {:.3} s of CPU time: {:.0} tokens/s \
             ({:.3} s wall clock: {:.0} tokens/s)",
            self.documents,
            self.tokens,
            self.cpu_time.as_secs_f64(),
            self.tokens_per_cpu_second(),
            self.tag_time.as_secs_f64(),
            self.tokens_per_second()
        )
    }
}

/// Tags every document of the CoNLL-2003 file at `path` with `tagger` and scores it.
pub fn run(path: &Path, tagger: &EntityTagger) -> anyhow::Result<NerReport> {
    let documents = conll::read(path)?;
    Ok(evaluate(&documents, tagger))
}

/// Tags and scores `documents`.
pub fn evaluate(documents: &[ConllDocument], tagger: &EntityTagger) -> NerReport {
    let mut report = NerReport {
        documents: documents.len(),
        ..NerReport::default()
    };
    for document in documents {
        let sentences: Vec<Vec<&str>> = document
            .sentences
            .iter()
            .map(|s| s.iter().map(|t| t.word.as_str()).collect())
            .collect();
        let started = Instant::now();
        let cpu_started = crate::cpu_time::thread_cpu_time();
        let labels = tagger.label_document(&sentences);
        report.cpu_time += crate::cpu_time::thread_cpu_time().saturating_sub(cpu_started);
        report.tag_time += started.elapsed();
        report.tokens += document.token_count();
        for (sentence, predicted) in document.sentences.iter().zip(&labels) {
            let tags: Vec<&str> = sentence.iter().map(|t| t.tag.as_str()).collect();
            report
                .scores
                .add(&spans_from_iob(&tags), &spans_from_labels(predicted));
        }
    }
    report
}

/// Scores the product's path on `documents`: each document written out as
/// a news article would write it ([`conll::detokenise`]), enriched by
/// `module` (the `entities` module: sentence splitting, tokenising, tagging
/// and grouping, as `enricher enrich` runs them) as an article in
/// `language` (given as the producer's hint, which is what the module reads
/// when no `language` module ran), and each mention, with its entity's type,
/// scored against the gold spans: exact character spans.
pub fn evaluate_product(
    documents: &[ConllDocument],
    module: &dyn Module,
    language: &str,
) -> EntityScores {
    product_scores(documents, module, language, &mut |_| {})
}

/// [`evaluate_product`], and each gold span the product missed or span it
/// found that is not gold, as `missed TYPE «text»` or `found TYPE «text»`
/// with the sentence-sized context around it, in document order.
pub fn evaluate_product_with_mistakes(
    documents: &[ConllDocument],
    module: &dyn Module,
    language: &str,
) -> (EntityScores, Vec<String>) {
    let mut mistakes = Vec::new();
    let scores = product_scores(documents, module, language, &mut |m| mistakes.push(m));
    (scores, mistakes)
}

fn product_scores(
    documents: &[ConllDocument],
    module: &dyn Module,
    language: &str,
    mistake: &mut dyn FnMut(String),
) -> EntityScores {
    let mut scores = EntityScores::default();
    for document in documents {
        let rebuilt = conll::detokenise(document);
        let text = rebuilt.text;
        // Gold spans come in text order, so one cursor converts them all.
        let mut cursor = CodePointCursor::new(&text);
        let mut gold = Vec::new();
        let mut first_token = 0;
        for sentence in &document.sentences {
            let tags: Vec<&str> = sentence.iter().map(|t| t.tag.as_str()).collect();
            for span in spans_from_iob(&tags) {
                let first = &rebuilt.tokens[first_token + span.tokens.start];
                let last = &rebuilt.tokens[first_token + span.tokens.end - 1];
                gold.push(Span {
                    tokens: cursor.range(first.start..last.end),
                    kind: span.kind,
                });
            }
            first_token += sentence.len();
        }
        let article = Article {
            text,
            language_hint: Some(language.to_owned()),
            ..Article::default()
        };
        let mut found = Enrichments::default();
        // A module error leaves the document without entities: every gold span missed.
        let _ = module.enrich(&Input::new(&article), &mut found);
        let predicted: Vec<Span> = found
            .entities
            .unwrap_or_default()
            .iter()
            .flat_map(|entity| {
                entity.mentions.iter().map(|mention| Span {
                    tokens: mention.start..mention.end,
                    kind: entity.kind,
                })
            })
            .collect();
        scores.add(&gold, &predicted);
        let chars: Vec<char> = article.text.chars().collect();
        let show = |span: &Span| -> String {
            let at = |i: usize| i.min(chars.len());
            let before: String = chars
                [at(span.tokens.start.saturating_sub(40))..at(span.tokens.start)]
                .iter()
                .collect();
            let name: String = chars[at(span.tokens.start)..at(span.tokens.end)]
                .iter()
                .collect();
            let after: String = chars[at(span.tokens.end)..at(span.tokens.end + 40)]
                .iter()
                .collect();
            format!("{:?} «{name}»  …{before}[{name}]{after}…", span.kind).replace('\n', " ")
        };
        for span in gold.iter().filter(|g| !predicted.contains(g)) {
            mistake(format!("missed {}", show(span)));
        }
        for span in predicted.iter().filter(|p| !gold.contains(p)) {
            mistake(format!("found  {}", show(span)));
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType::*;

    fn span(tokens: std::ops::Range<usize>, kind: EntityType) -> Span {
        Span { tokens, kind }
    }

    #[test]
    fn only_exact_spans_of_the_right_type_count() {
        let mut scores = EntityScores::default();
        let gold = [span(0..2, Person), span(3..4, Location)];
        let predicted = [span(0..1, Person), span(3..4, Location), span(5..6, Misc)];
        scores.add(&gold, &predicted);
        assert_eq!(
            scores.overall,
            Counts {
                correct: 1,
                predicted: 3,
                gold: 2
            }
        );
        assert_eq!(
            scores.by_type[type_index(Person)],
            Counts {
                correct: 0,
                predicted: 1,
                gold: 1
            }
        );
        assert!((scores.overall.f1() - 40.0).abs() < 1e-9);
    }

    #[test]
    fn the_product_path_scores_the_modules_mentions_by_character_span() {
        let documents = conll::parse(
            "-DOCSTART- -X- O O\n\n\
             Angela NNP I-NP I-PER\nMerkel NNP I-NP I-PER\nvisited VBD I-VP O\n\
             Paris NNP I-NP I-LOC\non IN I-PP O\nMonday NNP I-NP O\n. . O O\n",
        );
        let module = crate::entities::EntitiesModule::default();
        let scores = evaluate_product(&documents, &module, "en");
        assert_eq!(scores.overall.gold, 2);
        assert_eq!(
            scores.overall.correct, 2,
            "PER Angela Merkel and LOC Paris: {scores}"
        );
        // A module that finds nothing misses both.
        struct Nothing;
        impl Module for Nothing {
            fn name(&self) -> &'static str {
                "nothing"
            }
            fn assigns(&self) -> crate::pipeline::Field {
                crate::pipeline::Field::Entities
            }
            fn enrich(
                &self,
                _: &Input<'_>,
                _: &mut Enrichments,
            ) -> Result<(), crate::pipeline::ModuleError> {
                Ok(())
            }
        }
        let scores = evaluate_product(&documents, &Nothing, "en");
        assert_eq!((scores.overall.gold, scores.overall.correct), (2, 0));
    }

    #[test]
    fn nothing_predicted_scores_zero_not_nan() {
        let mut scores = EntityScores::default();
        scores.add(&[span(0..1, Person)], &[]);
        assert_eq!(scores.overall.f1(), 0.0);
        assert!(scores.to_string().contains("overall"));
    }
}
