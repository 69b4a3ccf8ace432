//! `enricher eval sentences`: the sentence splitter's boundaries against the sentence breaks of a CoNLL-2003 file.
//!
//! Each document's tokens are joined back into text with
//! [`conll::detokenise`]: tokens spaced as in wire copy, a sentence that
//! ends in terminal punctuation followed by a space, one that does not
//! (headlines, bylines, datelines, table rows) by a line break. The text has
//! no blank lines, so each line is a paragraph, as the product reads such
//! text. The text is split by [`sentences`], the splitter that `stats` and
//! [`segment`](fn@enricher_nlp::text::segment) use, and every predicted sentence end
//! is compared with the gold ones.
//! The end of each document is a boundary both always have, so it is left
//! out of the counts.

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::time::{Duration, Instant};

use enricher_nlp::ner::conll::{self, ConllDocument};
use enricher_nlp::text::sentences;

/// Characters of text shown on each side of a boundary in a [`Mistake`].
const CONTEXT_CHARS: usize = 50;

/// The outcome of comparing predicted sentence boundaries with the gold ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceReport {
    /// Documents compared.
    pub documents: usize,
    /// Gold sentences, all of them (each document's last included).
    pub gold_sentences: usize,
    /// Predicted sentences, all of them.
    pub predicted_sentences: usize,
    /// Gold boundaries counted: sentence ends other than a document's end.
    pub gold_boundaries: usize,
    /// Predicted boundaries counted, likewise.
    pub predicted_boundaries: usize,
    /// Predicted boundaries that are gold ones.
    pub correct: usize,
    /// Time spent in the splitter alone (not reading or rebuilding text).
    pub split_time: Duration,
    /// Every wrong or missed boundary, in corpus order.
    pub mistakes: Vec<Mistake>,
}

impl SentenceReport {
    /// Correct predicted boundaries over all predicted ones (1 when none).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted_boundaries)
    }

    /// Correct predicted boundaries over all gold ones (1 when none).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold_boundaries)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        enricher_nlp::scores::f1(self.precision(), self.recall())
    }

    /// Gold sentences split per second of splitter time.
    pub fn sentences_per_second(&self) -> f64 {
        let seconds = self.split_time.as_secs_f64();
        if seconds > 0.0 {
            self.gold_sentences as f64 / seconds
        } else {
            0.0
        }
    }
}

impl fmt::Display for SentenceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} documents, {} gold sentences, {} predicted; \
             boundaries at document ends are not counted",
            self.documents, self.gold_sentences, self.predicted_sentences
        )?;
        writeln!(
            f,
            "{:<12} {:>6} {:>9} {:>8} {:>9} {:>7} {:>7}",
            "", "gold", "predicted", "correct", "precision", "recall", "F1"
        )?;
        writeln!(
            f,
            "{:<12} {:>6} {:>9} {:>8} {:>9.4} {:>7.4} {:>7.4}",
            "boundaries",
            self.gold_boundaries,
            self.predicted_boundaries,
            self.correct,
            self.precision(),
            self.recall(),
            self.f1()
        )?;
        write!(
            f,
            "splitter: {:.1} ms, {:.0} sentences/s",
            self.split_time.as_secs_f64() * 1e3,
            self.sentences_per_second()
        )
    }
}

/// A boundary the splitter got wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// Whether the boundary was missed or made where there is none.
    pub kind: MistakeKind,
    /// The index of the document in the file.
    pub document: usize,
    /// The text around the boundary, with `⟂` where it is (or should be).
    pub context: String,
}

/// The two ways to get a boundary wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MistakeKind {
    /// A gold boundary the splitter did not find (lowers recall).
    Missed,
    /// A boundary the splitter found that is not a gold one (lowers precision).
    Spurious,
}

impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            MistakeKind::Missed => "missed  ",
            MistakeKind::Spurious => "spurious",
        };
        write!(f, "{kind} doc {:>4}: {}", self.document, self.context)
    }
}

/// Reads the CoNLL-2003 file at `path`, splits each rebuilt document and
/// compares the boundaries, with a progress bar on stderr while it runs.
pub fn run(path: &Path) -> anyhow::Result<SentenceReport> {
    let documents = conll::read(path)?;
    if documents.is_empty() {
        anyhow::bail!(
            "{} holds no sentences; expected a CoNLL-2003 file (`word POS chunk tag` lines)",
            path.display()
        );
    }
    let bar = crate::lab::progress::counter(documents.len(), "documents");
    bar.set_message("splitting");
    let report = evaluate(&documents, || bar.inc(1));
    bar.finish_and_clear();
    Ok(report)
}

/// Compares the splitter with the gold sentences of `documents`, calling
/// `on_document` after each.
pub fn evaluate(documents: &[ConllDocument], mut on_document: impl FnMut()) -> SentenceReport {
    let mut report = SentenceReport {
        documents: documents.len(),
        ..SentenceReport::default()
    };
    for (index, document) in documents.iter().enumerate() {
        let rebuilt = conll::detokenise(document);
        let text = rebuilt.text.as_str();
        let started = Instant::now();
        let predicted: Vec<Range<usize>> = sentences(text).map(|s| s.byte_range()).collect();
        report.split_time += started.elapsed();
        report.gold_sentences += rebuilt.sentences.len();
        report.predicted_sentences += predicted.len();
        let gold = inner_ends(&rebuilt.sentences, text.len());
        let found = inner_ends(&predicted, text.len());
        report.gold_boundaries += gold.len();
        report.predicted_boundaries += found.len();
        compare(&gold, &found, |kind, at| match kind {
            None => report.correct += 1,
            Some(kind) => report.mistakes.push(Mistake {
                kind,
                document: index,
                context: context(text, at),
            }),
        });
        on_document();
    }
    report
}

/// The end offsets of `sentences`, in order, without those at the text's end.
fn inner_ends(sentences: &[Range<usize>], text_end: usize) -> Vec<usize> {
    let mut ends: Vec<usize> = sentences
        .iter()
        .map(|s| s.end)
        .filter(|&end| end < text_end)
        .collect();
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// Walks two sorted lists of boundaries, calling `visit` with `None` for
/// each boundary in both and with the kind of mistake for the others.
fn compare(gold: &[usize], found: &[usize], mut visit: impl FnMut(Option<MistakeKind>, usize)) {
    let (mut g, mut p) = (0, 0);
    while g < gold.len() || p < found.len() {
        match (gold.get(g), found.get(p)) {
            (Some(&a), Some(&b)) if a == b => {
                visit(None, a);
                g += 1;
                p += 1;
            }
            (Some(&a), Some(&b)) if a < b => {
                visit(Some(MistakeKind::Missed), a);
                g += 1;
            }
            (Some(&a), None) => {
                visit(Some(MistakeKind::Missed), a);
                g += 1;
            }
            (_, Some(&b)) => {
                visit(Some(MistakeKind::Spurious), b);
                p += 1;
            }
            (None, None) => break,
        }
    }
}

/// Up to [`CONTEXT_CHARS`] characters on each side of byte `at` of `text`,
/// on one line, with `⟂` at `at`.
fn context(text: &str, at: usize) -> String {
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let (before, after) = text.split_at(at);
    let before: String = before.chars().rev().take(CONTEXT_CHARS).collect();
    let before: String = before.chars().rev().collect();
    let after: String = after.chars().take(CONTEXT_CHARS).collect();
    format!("{before}⟂{after}").replace('\n', "↵")
}

/// `correct / total`, or 1 when `total` is 0 (nothing to get wrong).
fn ratio(correct: usize, total: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        correct as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNIPPET: &str = include_str!("../../../../../tests/fixtures/conll/snippet.conll");

    #[test]
    fn the_snippet_splits_where_its_sentences_end() {
        let documents = conll::parse(SNIPPET);
        let mut seen = 0;
        let report = evaluate(&documents, || seen += 1);
        assert_eq!(seen, 3);
        assert_eq!(report.documents, 3);
        assert_eq!(report.gold_sentences, 10);
        // Three documents, so three boundaries are not counted.
        assert_eq!(report.gold_boundaries, 7);
        assert_eq!(report.mistakes, []);
        assert_eq!(report.correct, 7);
        assert!((report.f1() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn compare_counts_matches_misses_and_spurious_boundaries() {
        let mut seen = Vec::new();
        compare(&[5, 10, 20], &[5, 12, 20, 30], |kind, at| {
            seen.push((kind, at))
        });
        assert_eq!(
            seen,
            [
                (None, 5),
                (Some(MistakeKind::Missed), 10),
                (Some(MistakeKind::Spurious), 12),
                (None, 20),
                (Some(MistakeKind::Spurious), 30)
            ]
        );
    }

    #[test]
    fn scores_follow_from_the_counts() {
        let report = SentenceReport {
            gold_boundaries: 10,
            predicted_boundaries: 8,
            correct: 6,
            gold_sentences: 100,
            split_time: Duration::from_millis(10),
            ..SentenceReport::default()
        };
        assert!((report.precision() - 0.75).abs() < 1e-12);
        assert!((report.recall() - 0.6).abs() < 1e-12);
        assert!((report.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
        assert!((report.sentences_per_second() - 10_000.0).abs() < 1e-6);
        let table = report.to_string();
        assert!(
            table.contains("precision") && table.contains("0.7500"),
            "{table}"
        );
        assert_eq!(SentenceReport::default().f1(), 1.0);
    }

    #[test]
    fn context_marks_the_boundary_on_one_line() {
        assert_eq!(context("One.\nTwo.", 4), "One.⟂↵Two.");
        assert_eq!(context("Zoë. Ok", 5), "Zoë.⟂ Ok");
        assert_eq!(context("ab", 99), "ab⟂");
    }

    #[test]
    fn a_missing_file_says_what_was_expected() {
        let error = run(Path::new("/nonexistent/eng.testa")).err();
        assert!(error.is_some_and(|e| e.to_string().contains("CoNLL")));
    }
}
