//! `enricher eval language`: the `language` module's answers against a labelled file of news texts, whatlang alone and two-stage.
//!
//! The file is tab-separated `code kind text` lines (`kind` is `headline`,
//! `brief` or `paragraph`; `#` lines and a `code kind text` header are
//! skipped), such as `tests/fixtures/language/news.tsv`. Each text goes through
//! [`LanguageDetector::explain`] as an article's text with no title and no hint,
//! the module's own code path, over the default configured languages. `und`
//! counts as wrong and is also reported on its own.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::lab::progress::counter as progress;
use enricher_nlp::language::{DEFAULT_LANGUAGES, LanguageDetector, Stage, Stages};

/// Characters of a text shown in a [`Mistake`].
const SHOWN_CHARS: usize = 90;

/// How long a text is, as the file labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A title, 20 to 80 characters.
    Headline,
    /// One or two sentences, 100 to 250 characters.
    Brief,
    /// 400 characters or more.
    Paragraph,
}

impl Kind {
    /// Every kind, in the order the table shows them.
    pub const ALL: [Kind; 3] = [Kind::Headline, Kind::Brief, Kind::Paragraph];

    /// The name used in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Headline => "headline",
            Kind::Brief => "brief",
            Kind::Paragraph => "paragraph",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// One labelled text of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// Line number in the file, from 1.
    pub line: usize,
    /// The gold ISO 639-1 code.
    pub code: String,
    pub kind: Kind,
    pub text: String,
}

/// Why a line of the file is not a sample.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct ParseError {
    pub line: usize,
    pub problem: String,
}

/// The samples of a `code kind text` file.
pub fn parse(file: &str) -> Result<Vec<Sample>, ParseError> {
    let mut samples = Vec::new();
    for (index, line) in file.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() || line.starts_with('#') || line == "code\tkind\ttext" {
            continue;
        }
        let error = |problem: String| ParseError {
            line: number,
            problem,
        };
        let mut fields = line.splitn(3, '\t');
        let (Some(code), Some(kind), Some(text)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(error("expected `code<TAB>kind<TAB>text`".into()));
        };
        let kind = Kind::parse(kind).ok_or_else(|| {
            error(format!(
                "unknown kind `{kind}`; expected headline, brief or paragraph"
            ))
        })?;
        samples.push(Sample {
            line: number,
            code: code.trim().to_owned(),
            kind,
            text: text.trim().to_owned(),
        });
    }
    Ok(samples)
}

/// Counts for one group of texts (a kind, a language, or all).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub texts: usize,
    pub correct: usize,
    pub und: usize,
    /// Texts on which the second stage (lingua) ran.
    pub second_stage: usize,
    /// Time in detection alone.
    pub time: Duration,
}

impl Tally {
    fn add(&mut self, outcome: &Outcome) {
        self.texts += 1;
        self.correct += usize::from(outcome.correct);
        self.und += usize::from(outcome.code == "und");
        self.second_stage += usize::from(outcome.stage == Stage::Accurate);
        self.time += outcome.time;
    }

    /// Correct answers over texts (`und` is wrong); 0 when empty.
    pub fn accuracy(&self) -> f64 {
        share(self.correct, self.texts)
    }

    /// `und` answers over texts.
    pub fn und_rate(&self) -> f64 {
        share(self.und, self.texts)
    }

    /// Texts that reached the second stage over texts.
    pub fn second_stage_rate(&self) -> f64 {
        share(self.second_stage, self.texts)
    }

    /// Milliseconds of detection per text.
    pub fn ms_per_text(&self) -> f64 {
        if self.texts == 0 {
            0.0
        } else {
            self.time.as_secs_f64() * 1e3 / self.texts as f64
        }
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The module's answer on one sample.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    code: String,
    confidence: f64,
    correct: bool,
    stage: Stage,
    time: Duration,
}

/// A wrong answer (or `und`).
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    pub line: usize,
    pub gold: String,
    pub kind: Kind,
    pub answer: String,
    pub confidence: f64,
    pub text: String,
}

impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = self.text.chars().take(SHOWN_CHARS).collect();
        let more = if self.text.chars().count() > SHOWN_CHARS {
            "…"
        } else {
            ""
        };
        write!(
            f,
            "line {:>3} {:<9} {} → {} ({:.2}): {shown}{more}",
            self.line,
            self.kind.as_str(),
            self.gold,
            self.answer,
            self.confidence
        )
    }
}

/// The scores of one design on the file.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignReport {
    /// `whatlang` or `two-stage`.
    pub design: &'static str,
    /// Building the module, lingua's models included.
    pub load_time: Duration,
    pub all: Tally,
    pub by_kind: BTreeMap<Kind, Tally>,
    pub by_language: BTreeMap<String, Tally>,
    /// Wrong answers, worst first: the most confident, then in file order.
    pub mistakes: Vec<Mistake>,
}

/// Runs `module` on every sample, calling `on_sample` after each.
pub fn evaluate(
    design: &'static str,
    module: &LanguageDetector,
    load_time: Duration,
    samples: &[Sample],
    mut on_sample: impl FnMut(),
) -> DesignReport {
    let mut report = DesignReport {
        design,
        load_time,
        all: Tally::default(),
        by_kind: BTreeMap::new(),
        by_language: BTreeMap::new(),
        mistakes: Vec::new(),
    };
    for sample in samples {
        let started = Instant::now();
        let detection = module.explain(None, &sample.text, None);
        let time = started.elapsed();
        let outcome = Outcome {
            correct: detection.language.code == sample.code,
            code: detection.language.code,
            confidence: detection.language.confidence,
            stage: detection.stage,
            time,
        };
        report.all.add(&outcome);
        report.by_kind.entry(sample.kind).or_default().add(&outcome);
        report
            .by_language
            .entry(sample.code.clone())
            .or_default()
            .add(&outcome);
        if !outcome.correct {
            report.mistakes.push(Mistake {
                line: sample.line,
                gold: sample.code.clone(),
                kind: sample.kind,
                answer: outcome.code,
                confidence: outcome.confidence,
                text: sample.text.clone(),
            });
        }
        on_sample();
    }
    report.mistakes.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(a.line.cmp(&b.line))
    });
    report
}

/// Both designs' scores on one file.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageReport {
    pub samples: usize,
    pub designs: Vec<DesignReport>,
}

/// One of the compared designs, built over the default languages.
pub(super) struct Design {
    pub name: &'static str,
    pub module: LanguageDetector,
    /// Building the module, lingua's models included.
    pub load_time: Duration,
}

/// whatlang alone and two-stage, in that order.
pub(super) fn designs() -> anyhow::Result<Vec<Design>> {
    let codes: Vec<String> = DEFAULT_LANGUAGES.iter().map(|c| c.to_string()).collect();
    [
        ("whatlang", Stages::FastOnly),
        ("two-stage", Stages::TwoStage),
    ]
    .into_iter()
    .map(|(name, stages)| {
        let started = Instant::now();
        let module = LanguageDetector::with_stages(&codes, stages).map_err(anyhow::Error::msg)?;
        Ok(Design {
            name,
            module,
            load_time: started.elapsed(),
        })
    })
    .collect()
}

/// Reads the file at `path` and scores whatlang alone and the two-stage
/// detector on it, over the default languages, with a progress bar on stderr.
pub fn run(path: &Path) -> anyhow::Result<LanguageReport> {
    let file = std::fs::read_to_string(path)
        .map_err(|source| anyhow::anyhow!("cannot read {}: {source}", path.display()))?;
    let samples = parse(&file).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if samples.is_empty() {
        anyhow::bail!(
            "{} holds no samples; expected `code<TAB>kind<TAB>text` lines",
            path.display()
        );
    }
    let designs = designs()?;
    let bar = progress(samples.len() * designs.len(), "texts");
    let mut reports = Vec::new();
    for design in &designs {
        bar.set_message(design.name);
        reports.push(evaluate(
            design.name,
            &design.module,
            design.load_time,
            &samples,
            || bar.inc(1),
        ));
    }
    bar.finish_and_clear();
    Ok(LanguageReport {
        samples: samples.len(),
        designs: reports,
    })
}

impl LanguageReport {
    fn write_rows<'a>(
        &self,
        f: &mut fmt::Formatter<'_>,
        rows: impl Iterator<Item = (String, Vec<&'a Tally>)>,
    ) -> fmt::Result {
        for (label, tallies) in rows {
            let texts = tallies.first().map_or(0, |t| t.texts);
            write!(f, "{label:<10} {texts:>5}")?;
            for tally in tallies {
                write!(
                    f,
                    " | {:>6.3} {:>5.3} {:>6.3} {:>7.3}",
                    tally.accuracy(),
                    tally.und_rate(),
                    tally.second_stage_rate(),
                    tally.ms_per_text()
                )?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

impl fmt::Display for LanguageReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let languages = self.designs.first().map_or(0, |d| d.by_language.len());
        writeln!(
            f,
            "{} texts in {languages} languages; accuracy counts und as wrong; \
             lingua = share of texts that reached the second stage",
            self.samples
        )?;
        write!(f, "{:<10} {:>5}", "", "")?;
        for design in &self.designs {
            write!(f, " | {:<27}", design.design)?;
        }
        writeln!(f)?;
        write!(f, "{:<10} {:>5}", "", "texts")?;
        for _ in &self.designs {
            write!(
                f,
                " | {:>6} {:>5} {:>6} {:>7}",
                "acc", "und", "lingua", "ms"
            )?;
        }
        writeln!(f)?;
        let empty = Tally::default();
        self.write_rows(
            f,
            Kind::ALL.into_iter().map(|kind| {
                let tallies = self
                    .designs
                    .iter()
                    .map(|d| d.by_kind.get(&kind).unwrap_or(&empty))
                    .collect();
                (kind.as_str().to_owned(), tallies)
            }),
        )?;
        self.write_rows(
            f,
            std::iter::once((
                "all".to_owned(),
                self.designs.iter().map(|d| &d.all).collect(),
            )),
        )?;
        writeln!(f)?;
        let codes = self
            .designs
            .first()
            .map(|d| d.by_language.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default();
        self.write_rows(
            f,
            codes.into_iter().map(|code| {
                let tallies = self
                    .designs
                    .iter()
                    .map(|d| d.by_language.get(&code).unwrap_or(&empty))
                    .collect();
                (code, tallies)
            }),
        )?;
        for design in &self.designs {
            write!(
                f,
                "\n{}: built in {:.1} ms",
                design.design,
                design.load_time.as_secs_f64() * 1e3
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_skips_comments_and_the_header_and_names_bad_lines() {
        let file = "# about\ncode\tkind\ttext\nen\theadline\tBank holds rates\n\nfr\tbrief\tLa banque a maintenu ses taux.\n";
        let samples = parse(file).unwrap();
        assert_eq!(samples.len(), 2);
        assert_eq!(samples[0].line, 3);
        assert_eq!(samples[1].kind, Kind::Brief);
        assert_eq!(
            parse("en\tessay\tText").unwrap_err().line,
            1,
            "an unknown kind is an error"
        );
        assert!(parse("en headline text").is_err(), "fields need tabs");
    }

    #[test]
    fn the_fixture_parses_with_every_kind_in_every_language() {
        let samples = parse(include_str!(
            "../../../../../tests/fixtures/language/news.tsv"
        ))
        .unwrap();
        let mut seen: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
        for sample in &samples {
            let counts = seen.entry(&sample.code).or_default();
            counts[Kind::ALL.iter().position(|&k| k == sample.kind).unwrap()] += 1;
        }
        assert!(seen.len() >= 16, "{} languages", seen.len());
        for (code, counts) in seen {
            assert_eq!(counts, [10, 5, 5], "{code}");
            assert!(
                DEFAULT_LANGUAGES.contains(&code),
                "{code} is not configured"
            );
        }
    }

    #[test]
    fn tallies_count_und_as_wrong_and_mistakes_come_worst_first() {
        let module =
            LanguageDetector::with_stages(&["en".into(), "de".into()], Stages::FastOnly).unwrap();
        let samples = parse(
            "en\tparagraph\tThe central bank held interest rates steady on Thursday, saying inflation had cooled.\n\
             de\tbrief\t12 345 678 90\n\
             fr\tbrief\tDie Zentralbank hat die Leitzinsen am Donnerstag unverändert gelassen, sagte sie.\n",
        )
        .unwrap();
        let report = evaluate("whatlang", &module, Duration::ZERO, &samples, || {});
        assert_eq!(report.all.texts, 3);
        assert_eq!(report.all.correct, 1);
        assert_eq!(report.all.und, 1);
        assert_eq!(report.by_kind[&Kind::Brief].texts, 2);
        let lines: Vec<usize> = report.mistakes.iter().map(|m| m.line).collect();
        assert_eq!(lines, [3, 2], "the confident wrong answer before und");
        let table = LanguageReport {
            samples: 3,
            designs: vec![report],
        }
        .to_string();
        assert!(
            table.contains("paragraph") && table.contains("whatlang"),
            "{table}"
        );
    }
}
