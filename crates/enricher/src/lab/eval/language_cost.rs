//! `enricher eval language --articles FILE`: what each design of the `language` module costs per article on a JSONL corpus.
//!
//! Each line is read by intake as a JSON article (as the worker would) and the
//! module detects its language from the title and text; only detection is
//! timed. The corpus need not be labelled: the point is how often the second
//! stage runs on real articles, and what that does to the mean.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use super::language::{Design, designs};
use crate::lab::progress::counter as progress;
use enricher_message::intake::{self, RawInput};
use enricher_nlp::language::Stage;

/// Larger lines than this are skipped, as the worker's default would reject them.
const MAX_BYTES: usize = 10 << 20;

/// One design's cost over the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignCost {
    pub design: &'static str,
    /// Detection time of each article, sorted.
    pub times: Vec<Duration>,
    /// Articles on which the second stage ran.
    pub second_stage: usize,
    /// Articles whose answer was `und`.
    pub und: usize,
    /// The most frequent answer and how many articles got it.
    pub top_answer: (String, usize),
}

impl DesignCost {
    fn mean_ms(&self) -> f64 {
        let total: Duration = self.times.iter().sum();
        if self.times.is_empty() {
            0.0
        } else {
            total.as_secs_f64() * 1e3 / self.times.len() as f64
        }
    }

    /// The `q` quantile (0 to 1) of the per-article times, in ms.
    fn quantile_ms(&self, q: f64) -> f64 {
        if self.times.is_empty() {
            return 0.0;
        }
        let index = ((self.times.len() - 1) as f64 * q).round() as usize;
        self.times[index.min(self.times.len() - 1)].as_secs_f64() * 1e3
    }
}

/// Both designs' costs.
#[derive(Debug, Clone, PartialEq)]
pub struct CostReport {
    pub articles: usize,
    /// Lines intake rejected (not counted).
    pub skipped: usize,
    pub designs: Vec<DesignCost>,
}

/// Reads the JSONL corpus at `path` and times both designs on each article.
pub fn run(path: &Path) -> anyhow::Result<CostReport> {
    let file = std::fs::read_to_string(path)
        .map_err(|source| anyhow::anyhow!("cannot read {}: {source}", path.display()))?;
    let mut articles = Vec::new();
    let mut skipped = 0;
    for line in file.lines().filter(|l| !l.trim().is_empty()) {
        let input = RawInput {
            body: line.as_bytes(),
            content_type: Some("application/json"),
            ..RawInput::default()
        };
        match intake::read(&input, MAX_BYTES) {
            Ok(intake) => articles.push(intake.article),
            Err(_) => skipped += 1,
        }
    }
    if articles.is_empty() {
        anyhow::bail!(
            "{} holds no article intake accepts; expected one JSON article per line",
            path.display()
        );
    }
    let designs = designs()?;
    let bar = progress(articles.len() * designs.len(), "articles");
    let mut reports = Vec::new();
    for Design { name, module, .. } in &designs {
        bar.set_message(*name);
        let mut cost = DesignCost {
            design: name,
            times: Vec::with_capacity(articles.len()),
            second_stage: 0,
            und: 0,
            top_answer: (String::new(), 0),
        };
        let mut answers = std::collections::BTreeMap::<String, usize>::new();
        for article in &articles {
            let started = Instant::now();
            let detection = module.explain(
                article.title.as_deref(),
                &article.text,
                article.language_hint.as_deref(),
            );
            cost.times.push(started.elapsed());
            cost.second_stage += usize::from(detection.stage == Stage::Accurate);
            cost.und += usize::from(detection.language.code == "und");
            *answers.entry(detection.language.code).or_default() += 1;
            bar.inc(1);
        }
        cost.times.sort_unstable();
        if let Some((code, count)) = answers.into_iter().max_by_key(|&(_, count)| count) {
            cost.top_answer = (code, count);
        }
        reports.push(cost);
    }
    bar.finish_and_clear();
    Ok(CostReport {
        articles: articles.len(),
        skipped,
        designs: reports,
    })
}

impl fmt::Display for CostReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} articles ({} lines skipped by intake); ms of detection per article",
            self.articles, self.skipped
        )?;
        writeln!(
            f,
            "{:<10} {:>7} {:>7} {:>7} {:>7} {:>7} {:>5} {:>11}",
            "design", "mean", "median", "p99", "max", "lingua", "und", "top answer"
        )?;
        for design in &self.designs {
            writeln!(
                f,
                "{:<10} {:>7.3} {:>7.3} {:>7.3} {:>7.3} {:>7} {:>5} {:>11}",
                design.design,
                design.mean_ms(),
                design.quantile_ms(0.5),
                design.quantile_ms(0.99),
                design.quantile_ms(1.0),
                design.second_stage,
                design.und,
                format!("{} {}", design.top_answer.0, design.top_answer.1)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_come_from_the_sorted_times() {
        let cost = DesignCost {
            design: "whatlang",
            times: (1..=100).map(Duration::from_millis).collect(),
            second_stage: 0,
            und: 0,
            top_answer: ("en".into(), 100),
        };
        assert!((cost.mean_ms() - 50.5).abs() < 1e-9);
        assert!((cost.quantile_ms(0.5) - 51.0).abs() < 1e-9);
        assert!((cost.quantile_ms(1.0) - 100.0).abs() < 1e-9);
    }

    #[test]
    fn a_corpus_without_articles_says_what_was_expected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.jsonl");
        std::fs::write(&path, "\n").unwrap();
        let error = run(&path).unwrap_err().to_string();
        assert!(error.contains("JSON article per line"), "{error}");
    }
}
