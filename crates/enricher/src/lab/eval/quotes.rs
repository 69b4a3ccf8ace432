//! `enricher eval quotes`: quote spans and speakers found by [`find_quotes`] against hand-annotated gold quotes of real articles.
//!
//! Each gold article is looked up by id in a JSONL corpus, read by intake as
//! an `application/json` message (so the text is the clean text the product
//! sees), tagged by the `entities` module, and given to [`find_quotes`].
//!
//! A predicted quote **matches** a gold one when their texts are equal after
//! trimming white space and punctuation at both ends (and collapsing inner
//! white space); it **overlaps** one when the two spans share at least half
//! of the longer one. Each gold quote matches at most one prediction. A
//! speaker is **correct** on a matched quote when the names agree after
//! lower-casing and dropping honorifics (`Mr`, `Sir`, `Prince`...); a null
//! gold speaker is correct only when the prediction is null too. Speaker
//! precision and recall are correct speakers over predicted and over gold
//! quotes.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::error::EvalError;
use enricher_message::intake::RawInput;
use enricher_nlp::document::Document;
use enricher_nlp::entities::Entity;
use enricher_nlp::pipeline::Module;
use enricher_nlp::quotes::{Quote, find_quotes};

/// Characters of a quote shown in a [`Mistake`].
const SHOWN_CHARS: usize = 90;

/// One hand-annotated quote.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldQuote {
    /// The quoted words as written in the article.
    pub text: String,
    /// The speaker's canonical full name, or null.
    pub speaker: Option<String>,
}

/// One line of the gold file: an article id and all its quotes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldArticle {
    pub id: String,
    pub quotes: Vec<GoldQuote>,
}

/// Counts over quotes, summed over articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    /// Predictions whose text matches a gold quote's.
    pub exact: usize,
    /// Predictions that overlap a gold quote by at least half.
    pub overlap: usize,
    /// Matched predictions with the correct speaker.
    pub speaker: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.exact += other.exact;
        self.overlap += other.overlap;
        self.speaker += other.speaker;
    }
}

/// One wrong answer, for `--mistakes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    pub id: String,
    pub kind: MistakeKind,
}

/// What went wrong with one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MistakeKind {
    /// A gold quote no prediction matches.
    Missed(GoldQuote),
    /// A prediction that matches no gold quote.
    Spurious(Quote),
    /// A matched quote with the wrong speaker.
    Speaker {
        text: String,
        gold: Option<String>,
        predicted: Option<String>,
    },
}

fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(SHOWN_CHARS).collect();
    if text.chars().nth(SHOWN_CHARS).is_some() {
        out.push('…');
    }
    out
}

fn name(speaker: &Option<String>) -> &str {
    speaker.as_deref().unwrap_or("null")
}

impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            MistakeKind::Missed(gold) => write!(
                f,
                "{} missed   [{}] {:?}",
                self.id,
                name(&gold.speaker),
                shown(&gold.text)
            ),
            MistakeKind::Spurious(quote) => write!(
                f,
                "{} spurious [{}] {:?}",
                self.id,
                name(&quote.speaker),
                shown(&quote.text)
            ),
            MistakeKind::Speaker {
                text,
                gold,
                predicted,
            } => write!(
                f,
                "{} speaker  gold {} predicted {} {:?}",
                self.id,
                name(gold),
                name(predicted),
                shown(text)
            ),
        }
    }
}

/// The text a match compares: no white space or punctuation at the ends, inner white space as single spaces.
fn key(text: &str) -> String {
    let trimmed = text.trim_matches(|c: char| !c.is_alphanumeric());
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A speaker name as compared: lower case, honorifics dropped.
fn speaker_key(name: &str) -> String {
    const HONORIFICS: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "prof",
        "professor",
        "prince",
        "princess",
        "crown",
        "king",
        "queen",
        "president",
    ];
    name.split_whitespace()
        .map(str::to_lowercase)
        .map(|w| w.trim_end_matches('.').to_owned())
        .skip_while(|w| HONORIFICS.contains(&w.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The code-point span of `needle` in `text`, if it occurs.
fn locate(text: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let at = text.find(needle)?;
    let start = enricher_nlp::text::offsets::byte_to_code_point(text, at);
    Some((start, start + needle.chars().count()))
}

/// Whether two code-point spans share at least half of the longer one.
fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    let shared = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let longer = (a.1 - a.0.min(a.1)).max(b.1 - b.0.min(b.1));
    longer > 0 && shared * 2 >= longer
}

/// Score one article's predictions against its gold quotes.
pub fn score(
    id: &str,
    text: &str,
    gold: &[GoldQuote],
    predicted: &[Quote],
) -> (Counts, Vec<Mistake>) {
    let mut counts = Counts {
        gold: gold.len(),
        predicted: predicted.len(),
        ..Counts::default()
    };
    let mut mistakes = Vec::new();
    let predicted_keys: Vec<String> = predicted.iter().map(|q| key(&q.text)).collect();
    let mut exact_used = vec![false; predicted.len()];
    let mut overlap_used = vec![false; predicted.len()];
    for quote in gold {
        let gold_key = key(&quote.text);
        let exact = (0..predicted.len()).find(|&i| !exact_used[i] && predicted_keys[i] == gold_key);
        if let Some(i) = exact {
            exact_used[i] = true;
            counts.exact += 1;
            let right = match (&quote.speaker, &predicted[i].speaker) {
                (None, None) => true,
                (Some(g), Some(p)) => speaker_key(g) == speaker_key(p),
                _ => false,
            };
            if right {
                counts.speaker += 1;
            } else {
                mistakes.push(Mistake {
                    id: id.to_owned(),
                    kind: MistakeKind::Speaker {
                        text: quote.text.clone(),
                        gold: quote.speaker.clone(),
                        predicted: predicted[i].speaker.clone(),
                    },
                });
            }
        } else {
            mistakes.push(Mistake {
                id: id.to_owned(),
                kind: MistakeKind::Missed(quote.clone()),
            });
        }
        let span = locate(text, &gold_key);
        let overlap = span.and_then(|span| {
            (0..predicted.len()).find(|&i| {
                !overlap_used[i] && overlaps(span, (predicted[i].start, predicted[i].end))
            })
        });
        if let Some(i) = overlap {
            overlap_used[i] = true;
            counts.overlap += 1;
        }
    }
    for (i, quote) in predicted.iter().enumerate() {
        if !exact_used[i] {
            mistakes.push(Mistake {
                id: id.to_owned(),
                kind: MistakeKind::Spurious(quote.clone()),
            });
        }
    }
    (counts, mistakes)
}

/// The outcome of `enricher eval quotes`.
#[derive(Debug, Clone, Default)]
pub struct QuoteReport {
    pub articles: usize,
    /// Gold ids not found in the corpus.
    pub missing: Vec<String>,
    pub counts: Counts,
    pub mistakes: Vec<Mistake>,
    /// Characters of article text given to [`find_quotes`].
    pub chars: usize,
    /// Time spent in [`find_quotes`] alone (not intake or entities).
    pub find_time: Duration,
    /// Time spent in intake and the entities module, for scale.
    pub entities_time: Duration,
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

impl fmt::Display for QuoteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.counts;
        writeln!(
            f,
            "{} articles, {} gold quotes, {} predicted{}",
            self.articles,
            c.gold,
            c.predicted,
            if self.missing.is_empty() {
                String::new()
            } else {
                format!("; ids not in the corpus: {}", self.missing.join(", "))
            }
        )?;
        writeln!(
            f,
            "{:<16} {:>9} {:>7} {:>7}",
            "", "precision", "recall", "F1"
        )?;
        for (label, hits) in [
            ("spans (exact)", c.exact),
            ("spans (overlap)", c.overlap),
            ("speakers", c.speaker),
        ] {
            let (p, r) = (ratio(hits, c.predicted), ratio(hits, c.gold));
            writeln!(
                f,
                "{label:<16} {:>9.3} {:>7.3} {:>7.3}",
                p,
                r,
                enricher_nlp::scores::f1(p, r)
            )?;
        }
        let per_3000 =
            |time: Duration| time.as_secs_f64() * 1e6 * 3000.0 / self.chars.max(1) as f64;
        let build = if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        };
        write!(
            f,
            "per 3,000 characters ({build} build): find_quotes {:.1} µs, intake and entities {:.1} µs",
            per_3000(self.find_time),
            per_3000(self.entities_time),
        )
    }
}

/// Run the evaluation: gold quotes from the JSONL file `gold`, article text
/// from the JSONL corpus `articles` (lines with at least `id` and `body`).
pub fn run(gold: &Path, articles: &Path) -> Result<QuoteReport, EvalError> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| EvalError::Read {
            path: path.to_owned(),
            source,
        })
    };
    let gold_text = read(gold)?;
    let mut wanted: Vec<GoldArticle> = Vec::new();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let article = serde_json::from_str(line).map_err(|source| EvalError::GroundTruth {
            path: gold.to_owned(),
            source,
        })?;
        wanted.push(article);
    }
    let corpus = read(articles)?;
    let mut lines: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for line in corpus.lines() {
        #[derive(Deserialize)]
        struct Id {
            id: String,
        }
        if let Ok(Id { id }) = serde_json::from_str::<Id>(line) {
            lines.insert(id, line);
        }
    }
    let module = enricher_nlp::entities::EntitiesModule::default();
    let mut report = QuoteReport::default();
    let bar = crate::lab::progress::counter(wanted.len(), "articles");
    for article in &wanted {
        bar.inc(1);
        let Some(line) = lines.get(&article.id) else {
            report.missing.push(article.id.clone());
            continue;
        };
        let started = Instant::now();
        let Some((text, entities)) = read_article(line.as_bytes(), "application/json", &module)
        else {
            report.missing.push(article.id.clone());
            continue;
        };
        report.entities_time += started.elapsed();
        let started = Instant::now();
        let predicted = find_quotes(&text, &entities);
        report.find_time += started.elapsed();
        report.chars += text.chars().count();
        let (counts, mistakes) = score(&article.id, &text, &article.quotes, &predicted);
        report.articles += 1;
        report.counts += counts;
        report.mistakes.extend(mistakes);
    }
    bar.finish_and_clear();
    if report.articles == 0 {
        return Err(EvalError::Empty(articles.to_owned()));
    }
    Ok(report)
}

/// Intake and entities for one input `body` of `content_type`: the clean
/// text and its entities, as the pipeline would give them to a quotes module.
pub(crate) fn read_article(
    body: &[u8],
    content_type: &str,
    module: &enricher_nlp::entities::EntitiesModule,
) -> Option<(String, Vec<Entity>)> {
    let intake = enricher_message::intake::read(
        &RawInput {
            body,
            content_type: Some(content_type),
            ..RawInput::default()
        },
        10 << 20,
    )
    .ok()?;
    let mut doc = Document::new(intake.article);
    module.process(&mut doc).ok()?;
    let entities = doc.enrichments.entities.take().unwrap_or_default();
    Some((doc.article.text, entities))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str, speaker: Option<&str>, start: usize) -> Quote {
        Quote {
            text: text.into(),
            speaker: speaker.map(Into::into),
            start,
            end: start + text.chars().count(),
        }
    }

    fn gold(text: &str, speaker: Option<&str>) -> GoldQuote {
        GoldQuote {
            text: text.into(),
            speaker: speaker.map(Into::into),
        }
    }

    #[test]
    fn texts_match_without_edge_punctuation_and_speakers_without_honorifics() {
        let text =
            "\"We won,\" said Mr Ed Balls. \"It was hard,\" he said. \"Spare us\", they said.";
        let predicted = [
            quote("We won", Some("Ed Balls"), 1),
            quote("It was hard", Some("Ed Balls"), 28),
            quote("nothing like it", None, 200),
        ];
        let golds = [
            gold("We won,", Some("Mr Ed Balls")),
            gold("It was hard,", None),
            gold("Spare us", None),
        ];
        let (counts, mistakes) = score("a", text, &golds, &predicted);
        assert_eq!(
            counts,
            Counts {
                gold: 3,
                predicted: 3,
                exact: 2,
                overlap: 2,
                speaker: 1
            }
        );
        assert_eq!(mistakes.len(), 3, "{mistakes:#?}");
    }

    #[test]
    fn overlap_needs_half_of_the_longer_span() {
        assert!(overlaps((0, 10), (2, 10)));
        assert!(!overlaps((0, 10), (8, 30)));
        assert!(!overlaps((0, 0), (0, 0)));
    }

    #[test]
    fn an_empty_gold_file_is_an_error_not_a_perfect_score() {
        let dir = tempfile::tempdir().expect("temp dir");
        let gold = dir.path().join("gold.jsonl");
        let corpus = dir.path().join("corpus.jsonl");
        std::fs::write(&gold, "").expect("write");
        std::fs::write(&corpus, "{\"id\": \"x\", \"body\": \"text\"}\n").expect("write");
        assert!(matches!(run(&gold, &corpus), Err(EvalError::Empty(_))));
        std::fs::write(&gold, "not json\n").expect("write");
        assert!(matches!(
            run(&gold, &corpus),
            Err(EvalError::GroundTruth { .. })
        ));
    }
}
