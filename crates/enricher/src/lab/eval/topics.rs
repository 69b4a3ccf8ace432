//! `enricher eval topics`: k-fold cross-validated top-1 accuracy on the BBC desks (desk model alone, naive Bayes for comparison, and the full classifier at several lexicon weights), a per-desk table, and the committed examples of all seventeen topics.
//!
//! The folds are a seeded shuffle of the articles dealt round-robin. In each
//! fold the desk model is trained on the other folds; the lexicon is the
//! same in every fold (it is built from the taxonomy, with document
//! frequencies of the whole corpus, which use no label). The full classifier
//! is right when its first top-level topic is the article's desk's. BBC
//! articles are classified without entities; the examples are classified
//! with the entities the `entities` module finds in them, as in the pipeline.

use std::fmt;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use serde::Deserialize;

use enricher_nlp::document::{Article, Document};
use enricher_nlp::entities::EntitiesModule;
use enricher_nlp::pipeline::Module;
use enricher_nlp::topics::TopicClassifier;
use enricher_nlp::topics::desk::{DESKS, Learner};
use enricher_nlp::topics::train::{self, DESK_TOPICS, Shared};

/// Lexicon weights the sweep tries (0 is the desk model alone over 17 topics).
const SWEEP: [f32; 7] = [0.0, 0.3, 0.6, 0.7, 0.8, 1.0, 1.5];

/// One committed example: a short news text and the top-level topic it is about.
#[derive(Debug, Clone, Deserialize)]
pub struct TopicExample {
    /// The expected top-level topic, `medtop:NNNNNNNN`.
    pub topic: String,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
}

/// Reads `examples.jsonl`.
pub fn read_examples(path: &Path) -> anyhow::Result<Vec<TopicExample>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{} line {}: not an example", path.display(), n + 1))
        })
        .collect()
}

/// The outcome of one example under a classifier.
#[derive(Debug, Clone)]
pub struct ExampleOutcome {
    pub expected: String,
    /// The first top-level topic's code, if any.
    pub got: Option<String>,
    /// Where the expected topic ranks among the top-level topics (1-based), if listed.
    pub rank: Option<usize>,
    pub snippet: String,
}

/// The entities the pipeline's `entities` module finds in `text`.
fn entities_of(
    module: &EntitiesModule,
    title: Option<&str>,
    text: &str,
) -> Vec<enricher_nlp::entities::Entity> {
    let mut doc = Document::new(Article {
        title: title.map(str::to_owned),
        text: text.to_owned(),
        ..Default::default()
    });
    match module.process(&mut doc) {
        Ok(()) => doc.enrichments.entities.unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// Classifies every example with `classifier` (with entities).
pub fn run_examples(
    classifier: &TopicClassifier,
    examples: &[TopicExample],
) -> Vec<ExampleOutcome> {
    let module = EntitiesModule::default();
    examples
        .iter()
        .map(|example| {
            let entities = entities_of(&module, example.title.as_deref(), &example.text);
            let topics = classifier.classify(example.title.as_deref(), &example.text, &entities);
            let tops: Vec<&str> = topics
                .iter()
                .filter(|t| t.level == 1)
                .map(|t| t.code.as_str())
                .collect();
            ExampleOutcome {
                expected: example.topic.clone(),
                got: tops.first().map(|s| s.to_string()),
                rank: tops.iter().position(|c| *c == example.topic).map(|r| r + 1),
                snippet: example.text.chars().take(60).collect(),
            }
        })
        .collect()
}

/// Correct and total per desk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    pub correct: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.correct += usize::from(right);
        self.total += 1;
    }

    /// Correct over total (0 for none).
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

/// One design's cross-validated results, per desk and overall.
#[derive(Debug, Clone)]
pub struct DesignScore {
    pub design: String,
    pub by_desk: [Tally; DESKS],
    pub overall: Tally,
    /// How often a desk's articles went to each wrong topic: `(desk, code) -> count`.
    pub wrong: std::collections::BTreeMap<(usize, String), usize>,
}

impl DesignScore {
    fn new(design: String) -> Self {
        DesignScore {
            design,
            by_desk: [Tally::default(); DESKS],
            overall: Tally::default(),
            wrong: Default::default(),
        }
    }

    fn add_topic(&mut self, desk: usize, got: Option<&str>) {
        let expected = DESK_TOPICS.get(desk).map(|(_, c)| *c);
        let right = got.is_some() && got == expected;
        if !right {
            *self
                .wrong
                .entry((desk, got.unwrap_or("nothing").to_owned()))
                .or_insert(0) += 1;
        }
        self.add(desk, right);
    }

    fn add(&mut self, desk: usize, right: bool) {
        if let Some(t) = self.by_desk.get_mut(desk) {
            t.add(right);
        }
        self.overall.add(right);
    }
}

/// Everything `enricher eval topics` prints.
pub struct TopicsReport {
    pub folds: usize,
    pub seed: u64,
    pub articles: usize,
    pub designs: Vec<DesignScore>,
    /// The committed settings' design name (a row of `designs`).
    pub committed: String,
    pub examples: Vec<ExampleOutcome>,
    /// Microseconds per BBC article of `classify` with the embedded model (no entities).
    pub micros_per_article: f64,
    /// Mean characters of those articles (title and body).
    pub mean_chars: f64,
    /// Microseconds per article of the articles of 2,500 to 3,500 characters, and how many there are.
    pub micros_near_3000: f64,
    pub count_near_3000: usize,
}

/// Runs the cross-validation on the corpus and the taxonomy, then the examples and the timing with the embedded model.
pub fn run(
    bbc: &Path,
    iptc: &Path,
    examples: &Path,
    folds: usize,
    seed: u64,
) -> anyhow::Result<TopicsReport> {
    let shared = Shared::load(bbc, iptc)?;
    let n = shared.articles.len();
    let fold_of = train::folds(n, folds, seed);
    let committed_weight = train::DEFAULT_LEXICON_WEIGHT;
    let prior = train::DEFAULT_OTHER_PRIOR;
    let mut desk_lr = DesignScore::new("desk model alone (logistic regression, 5 desks)".into());
    let mut desk_nb = DesignScore::new("desk model alone (naive Bayes, 5 desks)".into());
    let mut full: Vec<DesignScore> = SWEEP
        .iter()
        .map(|w| DesignScore::new(format!("full, 17 topics, lexicon weight {w}")))
        .collect();
    let committed = format!("full, 17 topics, lexicon weight {committed_weight}");
    let bar = crate::lab::progress::counter(folds as u64 as usize, "folds");
    for fold in 0..folds {
        bar.set_message(format!("fold {fold}"));
        let keep = |i: usize| fold_of[i] != fold;
        let lr = shared.desk_model(train::DEFAULT_LEARNER, &keep);
        let nb = shared.desk_model(Learner::NaiveBayes, &keep);
        let classifiers: Vec<TopicClassifier> = SWEEP
            .iter()
            .map(|&w| TopicClassifier::new(shared.parts(lr.clone(), w, prior)))
            .collect();
        for i in (0..n).filter(|&i| !keep(i)) {
            let article = &shared.articles[i];
            let Some(desk) = article.desk() else { continue };
            let terms = &shared.terms[i];
            desk_lr.add(desk, argmax(&lr.probabilities(terms)) == desk);
            desk_nb.add(desk, argmax(&nb.probabilities(terms)) == desk);
            for (classifier, score) in classifiers.iter().zip(&mut full) {
                let topics = classifier.classify(Some(&article.title), &article.body, &[]);
                let first = topics.iter().find(|t| t.level == 1);
                score.add_topic(desk, first.map(|t| t.code.as_str()));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let mut designs = vec![desk_lr, desk_nb];
    designs.extend(full);

    let embedded = TopicClassifier::embedded();
    let examples = run_examples(embedded, &read_examples(examples)?);

    let (micros_per_article, _) = time_classify(embedded, shared.articles.iter());
    let chars: usize = shared
        .articles
        .iter()
        .map(|a| a.title.chars().count() + a.body.chars().count())
        .sum();
    let near_3000 = |a: &&train::BbcArticle| (2_500..=3_500).contains(&a.body.chars().count());
    let (micros_near_3000, count_near_3000) =
        time_classify(embedded, shared.articles.iter().filter(near_3000));
    let mean_chars = chars as f64 / n.max(1) as f64;

    Ok(TopicsReport {
        folds,
        seed,
        articles: n,
        designs,
        committed,
        examples,
        micros_per_article,
        mean_chars,
        micros_near_3000,
        count_near_3000,
    })
}

/// Mean microseconds of `classify` (without entities) over `articles`, best
/// of three passes, and the number of articles.
fn time_classify<'a>(
    classifier: &TopicClassifier,
    articles: impl Iterator<Item = &'a train::BbcArticle> + Clone,
) -> (f64, usize) {
    let count = articles.clone().count();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = Instant::now();
        for article in articles.clone() {
            std::hint::black_box(classifier.classify(Some(&article.title), &article.body, &[]));
        }
        best = best.min(started.elapsed().as_secs_f64() * 1e6 / count.max(1) as f64);
    }
    (best, count)
}

fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = i;
        }
    }
    best
}

impl fmt::Display for TopicsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "BBC desks: {} articles, {}-fold cross-validation (seed {}), top-1 accuracy",
            self.articles, self.folds, self.seed
        )?;
        write!(f, "{:<52}", "design")?;
        for (desk, _) in DESK_TOPICS {
            write!(f, " {desk:>13}")?;
        }
        writeln!(f, " {:>8}", "all")?;
        for design in &self.designs {
            let mark = if design.design == self.committed {
                " *"
            } else {
                ""
            };
            write!(f, "{:<52}", format!("{}{mark}", design.design))?;
            for t in &design.by_desk {
                write!(f, " {:>13}", format!("{:.3} ({})", t.accuracy(), t.total))?;
            }
            writeln!(f, " {:>8.4}", design.overall.accuracy())?;
        }
        writeln!(f, "(* the committed settings)")?;
        if let Some(design) = self.designs.iter().find(|d| d.design == self.committed) {
            for (d, (desk, _)) in DESK_TOPICS.iter().enumerate() {
                let mut wrong: Vec<(&str, usize)> = design
                    .wrong
                    .iter()
                    .filter(|((k, _), _)| *k == d)
                    .map(|((_, c), n)| (c.as_str(), *n))
                    .collect();
                wrong.sort_by_key(|w| std::cmp::Reverse(w.1));
                let listed: Vec<String> = wrong
                    .iter()
                    .take(4)
                    .map(|(c, n)| format!("{c} {n}"))
                    .collect();
                writeln!(
                    f,
                    "  {desk} articles given another topic: {}",
                    listed.join(", ")
                )?;
            }
        }
        writeln!(f)?;

        let right = self
            .examples
            .iter()
            .filter(|e| e.got.as_deref() == Some(&e.expected))
            .count();
        let in_three = self
            .examples
            .iter()
            .filter(|e| e.rank.is_some_and(|r| r <= 3))
            .count();
        writeln!(
            f,
            "examples (embedded model, with entities): {right} of {} have the expected top topic, {in_three} have it in the top three",
            self.examples.len()
        )?;
        let mut codes: Vec<&str> = self.examples.iter().map(|e| e.expected.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        let produced = codes
            .iter()
            .filter(|c| self.examples.iter().any(|e| e.got.as_deref() == Some(**c)))
            .count();
        writeln!(
            f,
            "topics produced as the top topic: {produced} of {}",
            codes.len()
        )?;
        for code in &codes {
            let of: Vec<&ExampleOutcome> = self
                .examples
                .iter()
                .filter(|e| e.expected == *code)
                .collect();
            let ok = of
                .iter()
                .filter(|e| e.got.as_deref() == Some(*code))
                .count();
            writeln!(f, "  {code}: {ok}/{}", of.len())?;
        }
        for e in self
            .examples
            .iter()
            .filter(|e| e.got.as_deref() != Some(&e.expected))
        {
            writeln!(
                f,
                "  miss: expected {} got {} (rank {}): {}...",
                e.expected,
                e.got.as_deref().unwrap_or("nothing"),
                e.rank.map_or("-".into(), |r| r.to_string()),
                e.snippet
            )?;
        }
        writeln!(
            f,
            "\nclassify: {:.1} µs per BBC article (mean {:.0} characters; this build, one thread)",
            self.micros_per_article, self.mean_chars
        )?;
        writeln!(
            f,
            "classify: {:.1} µs per article of 2,500 to 3,500 characters ({} articles)",
            self.micros_near_3000, self.count_near_3000
        )
    }
}
