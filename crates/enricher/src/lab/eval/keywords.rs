//! `enricher eval keywords`: how well each keyphrase method names a BBC story, with the article's title as the proxy for what it is about.
//!
//! For each article the title's content words (not stop words, with a
//! letter, lower-case and singular, as the extractor keys them) are the
//! gold words, and the top five keyphrases of the body are scored against
//! them: *title recall* is the share of gold words found in some keyphrase,
//! *precision* the share of keyphrases holding a gold word, *hit rate* the
//! share of articles where at least one keyphrase does. Editors write titles
//! from the story's most salient terms, so a better extractor finds more of
//! them; a title word that never occurs in the body caps recall for all.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use rustc_hash::FxHashSet;

use super::error::EvalError;
use enricher_nlp::keywords::{Method, is_stop_word, keywords_by, term_key};

/// Keyphrases scored per article.
pub const TOP: usize = 5;

/// One method's figures.
#[derive(Debug, Clone)]
pub struct MethodScore {
    pub method: Method,
    /// Gold words found, over gold words (micro average).
    pub title_recall: f64,
    /// Keyphrases with a gold word, over keyphrases.
    pub precision: f64,
    /// Articles with at least one keyphrase holding a gold word.
    pub hit_rate: f64,
    /// Mean time per article on one thread.
    pub per_article: Duration,
}

/// The report of [`run`].
#[derive(Debug, Clone)]
pub struct Report {
    pub articles: usize,
    /// Gold words that occur in the body at all: the ceiling of recall.
    pub reachable_recall: f64,
    pub methods: Vec<MethodScore>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} articles; top {TOP} keyphrases of the body against the title's content words \
             (ceiling: {:.1}% of title words occur in the body)",
            self.articles,
            100.0 * self.reachable_recall
        )?;
        writeln!(
            f,
            "| method | title recall | precision | hit rate | µs per article |"
        )?;
        writeln!(f, "|---|---|---|---|---|")?;
        for m in &self.methods {
            writeln!(
                f,
                "| {} | {:.1}% | {:.1}% | {:.1}% | {:.0} |",
                m.method.name(),
                100.0 * m.title_recall,
                100.0 * m.precision,
                100.0 * m.hit_rate,
                m.per_article.as_secs_f64() * 1e6
            )?;
        }
        Ok(())
    }
}

/// The content-word keys of `text`: not stop words, with a letter.
fn content_keys(text: &str) -> FxHashSet<String> {
    let mut key = String::new();
    enricher_nlp::text::words(text)
        .filter(|w| w.text.chars().any(char::is_alphabetic))
        .filter(|w| !is_stop_word(&w.text.to_lowercase()))
        .map(|w| {
            let word = w.text.trim_end_matches("'s").trim_end_matches("\u{2019}s");
            term_key(word, &mut key);
            key.clone()
        })
        .collect()
}

/// Scores every [`Method`] on the `title`/`body` objects of a JSONL file.
pub fn run(articles: &Path) -> Result<Report, EvalError> {
    let data = std::fs::read_to_string(articles).map_err(|source| EvalError::Read {
        path: articles.to_path_buf(),
        source,
    })?;
    let corpus: Vec<(String, String)> = data
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            Some((
                v["title"].as_str()?.to_string(),
                v["body"].as_str()?.to_string(),
            ))
        })
        .collect();
    if corpus.is_empty() {
        return Err(EvalError::Empty(articles.to_path_buf()));
    }
    let gold: Vec<FxHashSet<String>> = corpus
        .iter()
        .map(|(title, _)| content_keys(title))
        .collect();
    let (mut reachable, mut total_gold) = (0usize, 0usize);
    for ((_, body), gold) in corpus.iter().zip(&gold) {
        let body_keys = content_keys(body);
        reachable += gold.iter().filter(|k| body_keys.contains(*k)).count();
        total_gold += gold.len();
    }
    let bar = crate::lab::progress::counter(corpus.len() * Method::ALL.len(), "articles");
    let mut methods = Vec::new();
    for method in Method::ALL {
        bar.set_message(method.name());
        let (mut found, mut phrases, mut relevant, mut hits) = (0usize, 0usize, 0usize, 0usize);
        let mut elapsed = Duration::ZERO;
        for ((_, body), gold) in corpus.iter().zip(&gold) {
            let started = Instant::now();
            let keywords = keywords_by(body, TOP, method);
            elapsed += started.elapsed();
            let mut covered: FxHashSet<String> = FxHashSet::default();
            let mut any = false;
            for keyword in &keywords {
                let keys = content_keys(&keyword.term);
                let holds = keys.iter().any(|k| gold.contains(k));
                relevant += usize::from(holds);
                any |= holds;
                covered.extend(keys.into_iter().filter(|k| gold.contains(k)));
            }
            phrases += keywords.len();
            found += covered.len();
            hits += usize::from(any);
            bar.inc(1);
        }
        methods.push(MethodScore {
            method,
            title_recall: ratio(found, total_gold),
            precision: ratio(relevant, phrases),
            hit_rate: ratio(hits, corpus.len()),
            per_article: elapsed / u32::try_from(corpus.len()).unwrap_or(u32::MAX),
        });
    }
    bar.finish_and_clear();
    Ok(Report {
        articles: corpus.len(),
        reachable_recall: ratio(reachable, total_gold),
        methods,
    })
}

/// `part / whole`, or 0 when `whole` is 0 (no phrase, no credit).
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_keys_drop_stop_words_and_numbers_and_singularise() {
        let keys = content_keys("Dollar gains on Greenspan's speech in 2004");
        let mut keys: Vec<String> = keys.into_iter().collect();
        keys.sort();
        assert_eq!(keys, ["dollar", "gain", "greenspan", "speech"]);
    }

    #[test]
    fn a_missing_corpus_is_an_error() {
        assert!(run(Path::new("/nonexistent/articles.jsonl")).is_err());
    }
}
