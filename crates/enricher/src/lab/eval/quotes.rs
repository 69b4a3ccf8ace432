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
use enricher_nlp::quotes::{Quote, QuoteKind, find_quotes};

/// Characters of a quote shown in a [`Mistake`].
const SHOWN_CHARS: usize = 90;

/// One hand-annotated quote.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldQuote {
    /// The quoted words as written in the article (direct), or the reported
    /// content (indirect and mixed).
    pub text: String,
    /// The speaker's canonical full name (a person or an organisation), or null.
    pub speaker: Option<String>,
    /// `direct`, `indirect` or `mixed`; files without it are direct quotes.
    #[serde(default = "direct")]
    pub kind: QuoteKind,
}

fn direct() -> QuoteKind {
    QuoteKind::Direct
}

/// One line of the gold file: an article id and all its quotes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldArticle {
    pub id: String,
    pub quotes: Vec<GoldQuote>,
}

/// The three kinds, in table order.
const KINDS: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed];

fn kind_index(kind: QuoteKind) -> usize {
    match kind {
        QuoteKind::Direct => 0,
        QuoteKind::Indirect => 1,
        QuoteKind::Mixed => 2,
    }
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

/// Counts for one kind of quote, summed over articles: gold quotes by their
/// gold kind, predictions by their predicted kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub gold: usize,
    pub predicted: usize,
    /// Gold quotes of this kind that a prediction covers.
    pub found: usize,
    /// Predictions of this kind that cover a gold quote.
    pub correct: usize,
    /// Gold quotes of this kind matched by a prediction of the same text.
    pub exact: usize,
    /// Found gold quotes of this kind whose speaker is right.
    pub speaker: usize,
    /// Found gold quotes of this kind given the same kind.
    pub same_kind: usize,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.found += other.found;
        self.correct += other.correct;
        self.exact += other.exact;
        self.speaker += other.speaker;
        self.same_kind += other.same_kind;
    }
}

/// Counts per kind (direct, indirect, mixed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub kinds: [Tally; 3],
}

impl Counts {
    /// All kinds together.
    pub fn all(&self) -> Tally {
        let mut all = Tally::default();
        for tally in self.kinds {
            all += tally;
        }
        all
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        for (mine, theirs) in self.kinds.iter_mut().zip(other.kinds) {
            *mine += theirs;
        }
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
    /// A gold quote no prediction covers.
    Missed(GoldQuote),
    /// A prediction that covers no gold quote.
    Spurious(Quote),
    /// A found quote with the wrong speaker.
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
                "{} missed   {:<8} [{}] {:?}",
                self.id,
                kind_name(gold.kind),
                name(&gold.speaker),
                shown(&gold.text)
            ),
            MistakeKind::Spurious(quote) => write!(
                f,
                "{} spurious {:<8} [{}] {:?}",
                self.id,
                kind_name(quote.kind),
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

/// A speaker name as compared: lower case, honorifics and a leading "the" dropped.
fn speaker_key(name: &str) -> String {
    const HONORIFICS: &[&str] = &[
        "the",
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

/// Whether the span `predicted` covers more than 30% of the span `gold`:
/// the held-back set's rule for a found quote.
fn covers(predicted: (usize, usize), gold: (usize, usize)) -> bool {
    let shared = predicted
        .1
        .min(gold.1)
        .saturating_sub(predicted.0.max(gold.0));
    let length = gold.1.saturating_sub(gold.0);
    length > 0 && shared * 10 > length * 3
}

/// Score one article's predictions against its gold quotes: each gold quote
/// is matched to the first unused prediction that covers more than 30% of it.
pub fn score(
    id: &str,
    text: &str,
    gold: &[GoldQuote],
    predicted: &[Quote],
) -> (Counts, Vec<Mistake>) {
    let mut counts = Counts::default();
    for quote in gold {
        counts.kinds[kind_index(quote.kind)].gold += 1;
    }
    for quote in predicted {
        counts.kinds[kind_index(quote.kind)].predicted += 1;
    }
    let mut mistakes = Vec::new();
    let predicted_keys: Vec<String> = predicted.iter().map(|q| key(&q.text)).collect();
    let mut used = vec![false; predicted.len()];
    for quote in gold {
        let gold_key = key(&quote.text);
        let span = locate(text, &gold_key);
        let found = span.and_then(|span| {
            (0..predicted.len())
                .filter(|&i| !used[i] && covers((predicted[i].start, predicted[i].end), span))
                .min_by_key(|&i| usize::from(predicted_keys[i] != gold_key))
        });
        let tally = &mut counts.kinds[kind_index(quote.kind)];
        let Some(i) = found else {
            mistakes.push(Mistake {
                id: id.to_owned(),
                kind: MistakeKind::Missed(quote.clone()),
            });
            continue;
        };
        used[i] = true;
        tally.found += 1;
        tally.exact += usize::from(predicted_keys[i] == gold_key);
        tally.same_kind += usize::from(predicted[i].kind == quote.kind);
        let right = match (&quote.speaker, &predicted[i].speaker) {
            (None, None) => true,
            (Some(g), Some(p)) => speaker_key(g) == speaker_key(p),
            _ => false,
        };
        if right {
            tally.speaker += 1;
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
        counts.kinds[kind_index(predicted[i].kind)].correct += 1;
    }
    for (i, quote) in predicted.iter().enumerate() {
        if !used[i] {
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

/// One row of the table: precision, recall and F1 of found quotes, F1 of
/// exact texts, the share of found quotes with the right speaker and kind.
fn write_row(f: &mut fmt::Formatter<'_>, label: &str, t: Tally) -> fmt::Result {
    let (p, r) = (ratio(t.correct, t.predicted), ratio(t.found, t.gold));
    let exact_f1 = enricher_nlp::scores::f1(ratio(t.exact, t.predicted), ratio(t.exact, t.gold));
    writeln!(
        f,
        "{label:<9} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>8.3} {:>8.3} {:>6.3}",
        t.gold,
        t.predicted,
        p,
        r,
        enricher_nlp::scores::f1(p, r),
        exact_f1,
        ratio(t.speaker, t.found),
        ratio(t.same_kind, t.found),
    )
}

impl fmt::Display for QuoteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all = self.counts.all();
        writeln!(
            f,
            "{} articles, {} gold quotes, {} predicted{}",
            self.articles,
            all.gold,
            all.predicted,
            if self.missing.is_empty() {
                String::new()
            } else {
                format!("; ids not in the corpus: {}", self.missing.join(", "))
            }
        )?;
        writeln!(
            f,
            "a gold quote is found when a predicted one covers more than 30% of it; \
             precision by predicted kind, recall and speaker by gold kind"
        )?;
        writeln!(
            f,
            "{:<9} {:>5} {:>5} {:>6} {:>6} {:>6} {:>8} {:>8} {:>6}",
            "kind", "gold", "pred", "P", "R", "F1", "exact F1", "speaker", "kind"
        )?;
        for kind in KINDS {
            write_row(f, kind_name(kind), self.counts.kinds[kind_index(kind)])?;
        }
        write_row(f, "all", all)?;
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

    fn quote(text: &str, speaker: Option<&str>, start: usize, kind: QuoteKind) -> Quote {
        Quote {
            text: text.into(),
            kind,
            verb: None,
            speaker: speaker.map(Into::into),
            speaker_mention: None,
            on_behalf_of: None,
            start,
            end: start + text.chars().count(),
        }
    }

    fn gold(text: &str, speaker: Option<&str>, kind: QuoteKind) -> GoldQuote {
        GoldQuote {
            text: text.into(),
            speaker: speaker.map(Into::into),
            kind,
        }
    }

    #[test]
    fn quotes_are_found_by_coverage_and_speakers_compared_without_honorifics() {
        let text = "\"We won,\" said Mr Ed Balls. \"It was hard,\" he said. \
                    He said the team was tired after the game.";
        let predicted = [
            quote("We won", Some("Ed Balls"), 1, QuoteKind::Direct),
            quote("It was hard", Some("Ed Balls"), 28, QuoteKind::Direct),
            // Covers "the team was tired" (18 of 42 characters: 43%).
            quote(
                "the team was tired",
                Some("Ed Balls"),
                60,
                QuoteKind::Indirect,
            ),
            quote("nothing like it", None, 200, QuoteKind::Indirect),
        ];
        let golds = [
            gold("We won,", Some("Mr Ed Balls"), QuoteKind::Direct),
            gold("It was hard,", None, QuoteKind::Direct),
            gold(
                "the team was tired after the game",
                Some("Ed Balls"),
                QuoteKind::Mixed,
            ),
        ];
        let (counts, mistakes) = score("a", text, &golds, &predicted);
        let direct = counts.kinds[0];
        assert_eq!((direct.gold, direct.predicted, direct.found), (2, 2, 2));
        assert_eq!((direct.exact, direct.speaker, direct.correct), (2, 1, 2));
        let indirect = counts.kinds[1];
        assert_eq!(
            (indirect.gold, indirect.predicted, indirect.correct),
            (0, 2, 1)
        );
        let mixed = counts.kinds[2];
        assert_eq!(
            (mixed.gold, mixed.found, mixed.exact, mixed.same_kind),
            (1, 1, 0, 0)
        );
        assert_eq!(mixed.speaker, 1);
        // One wrong speaker and one spurious quote.
        assert_eq!(mistakes.len(), 2, "{mistakes:#?}");
    }

    #[test]
    fn coverage_needs_more_than_thirty_percent_of_the_gold_span() {
        assert!(covers((0, 4), (0, 10)));
        assert!(!covers((0, 3), (0, 10)));
        assert!(!covers((20, 30), (0, 10)));
        assert!(!covers((0, 0), (0, 0)));
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
