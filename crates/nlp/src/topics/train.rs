//! `enricher train topics`: the seventeen-topic model from the labelled short texts of `topics/train.jsonl` and the BBC articles, balanced by source and class, with the taxonomy lexicon, written as `models/topics.bin`; also the pieces `enricher eval topics` cross-validates with.
//!
//! Every item is read as the classifier reads an article (title counting
//! twice, then the text). Items with both a title and a text are also
//! learnt from their title alone, and BBC articles from their title and
//! first paragraph and from each passage of 40 words after it, so short
//! inputs (a headline, a wire brief) look like something the model has seen;
//! an item's views share its weight.
//!
//! An item's weight balances sources and classes: a source's items share a
//! mass proportional to `n_source ^ source_power` (0: every source weighs
//! the same, 1: as many as it has), and then a class's items share a mass
//! proportional to `m_class ^ class_power` of the class's mass `m` after the
//! source weighting (0: every class weighs the same). Weights are scaled to
//! a mean of 1.

use std::path::{Path, PathBuf};

use anyhow::Context;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::lexicon::{self, Lexicon, Node};
use super::linear::{self, Example, LEXICON_FEATURES, Learner, LinearModel};
use super::model::ModelParts;
use super::taxonomy;
use super::terms::Terms;

/// The BBC desks and the top-level Media Topics they map to.
pub const DESK_TOPICS: [(&str, &str); 5] = [
    ("business", "medtop:04000000"),
    ("entertainment", "medtop:01000000"),
    ("politics", "medtop:11000000"),
    ("sport", "medtop:15000000"),
    ("tech", "medtop:13000000"),
];

/// The words of each passage a BBC article is also learnt from, after its lead.
const CHUNK_WORDS: usize = 40;

/// The name of the BBC articles as a source.
pub const BBC: &str = "bbc";

/// The learner the committed model is trained with.
pub const DEFAULT_LEARNER: Learner = Learner {
    epochs: 20,
    seed: 1,
    lexicon: true,
};
/// The committed source balance (see the module docs).
pub const DEFAULT_SOURCE_POWER: f32 = 0.0;
/// The committed class balance (see the module docs).
pub const DEFAULT_CLASS_POWER: f32 = 0.5;

/// Where the training data is and how to weigh it.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The BBC corpus (`articles.jsonl`: id, category, title, body).
    pub bbc: PathBuf,
    /// The taxonomy (`mediatopics-en.json`).
    pub iptc: PathBuf,
    /// The labelled short texts (`topics/train.jsonl`).
    pub topics: PathBuf,
    pub learner: Learner,
    pub weighting: Weighting,
}

/// How sources and classes are balanced (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weighting {
    pub source_power: f32,
    pub class_power: f32,
}

impl Default for Weighting {
    fn default() -> Self {
        Weighting {
            source_power: DEFAULT_SOURCE_POWER,
            class_power: DEFAULT_CLASS_POWER,
        }
    }
}

/// One labelled text of any source.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub id: String,
    pub source: String,
    /// Index into the top-level topics (0..17, in code order).
    pub class: usize,
    /// The classes the source's label allows besides `class`, as bits (see [`label_spans`]).
    pub also: u32,
    pub title: String,
    pub body: String,
}

impl Labelled {
    /// The classes the item's label allows, as bits.
    pub fn allowed(&self) -> u32 {
        self.also | 1 << self.class
    }

    /// Whether `class` is right for the item.
    pub fn is_right(&self, class: usize) -> bool {
        class < 32 && self.allowed() >> class & 1 == 1
    }

    /// The item's terms, as the classifier reads a title and text.
    pub fn terms(&self) -> Terms {
        super::article_terms(non_empty(&self.title), &self.body)
    }
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.trim().is_empty()).then_some(s)
}

/// One BBC article as the corpus gives it.
#[derive(Debug, Clone, Deserialize)]
struct BbcArticle {
    id: String,
    category: String,
    #[serde(default)]
    title: String,
    body: String,
}

/// One item of `topics/train.jsonl`.
#[derive(Debug, Clone, Deserialize)]
struct TopicItem {
    id: String,
    source: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    iptc: String,
    #[serde(default)]
    source_label: String,
}

/// The other top-level topics a source label spans, besides the one it was
/// mapped to: the mixed labels `topics/README.md` names ("known label noise
/// from the mappings"). An item with such a label is right in any of them,
/// in training (the model puts its probability on the set) and in `eval
/// topics`. Decided from the README, not from the model's errors.
pub fn label_spans(source: &str, source_label: &str) -> &'static [&'static str] {
    const HARD_NEWS: &[&str] = &["medtop:16000000", "medtop:03000000", "medtop:02000000"];
    match (source, source_label) {
        ("huffpost", "WORLD NEWS" | "THE WORLDPOST" | "WORLDPOST") => HARD_NEWS,
        ("mind", "news/newsworld") => HARD_NEWS,
        ("huffpost", "WELLNESS" | "HEALTHY LIVING") => &["medtop:10000000"],
        ("huffpost", "IMPACT") => &["medtop:08000000"],
        ("nyt", "19 International Affairs and Foreign Aid") => &["medtop:16000000"],
        ("nyt", "10 Transportation") => &["medtop:03000000"],
        ("mind", "weather/weathertopstories") => &["medtop:03000000"],
        _ => &[],
    }
}

/// The lines of a JSONL file parsed as `T`, blank lines skipped.
fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path, what: &str) -> anyhow::Result<Vec<T>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{} line {}: not {what}", path.display(), n + 1))
        })
        .collect()
}

/// The BBC articles whose category is one of the five desks, labelled with their topic.
pub fn read_bbc(
    path: &Path,
    class_of: &dyn Fn(&str) -> Option<usize>,
) -> anyhow::Result<Vec<Labelled>> {
    let articles: Vec<BbcArticle> = read_jsonl(path, "a BBC article")?;
    let labelled: Vec<Labelled> = articles
        .into_iter()
        .filter_map(|a| {
            let code = DESK_TOPICS.iter().find(|(c, _)| *c == a.category)?.1;
            Some(Labelled {
                id: a.id,
                source: BBC.into(),
                class: class_of(code)?,
                also: 0,
                title: a.title,
                body: a.body,
            })
        })
        .collect();
    anyhow::ensure!(
        !labelled.is_empty(),
        "{} holds no article of the five desks",
        path.display()
    );
    Ok(labelled)
}

/// The items of `topics/train.jsonl`; an unknown topic code is an error.
pub fn read_topics(
    path: &Path,
    class_of: &dyn Fn(&str) -> Option<usize>,
) -> anyhow::Result<Vec<Labelled>> {
    let items: Vec<TopicItem> = read_jsonl(path, "a labelled item")?;
    items
        .into_iter()
        .map(|item| {
            let class = class_of(&item.iptc)
                .with_context(|| format!("{}: {} is not a top-level topic", item.id, item.iptc))?;
            anyhow::ensure!(
                item.source != BBC,
                "{}: the source name {BBC} is kept for the BBC articles",
                item.id
            );
            let also = label_spans(&item.source, &item.source_label)
                .iter()
                .filter_map(|code| class_of(code))
                .fold(0u32, |bits, c| bits | 1 << c);
            Ok(Labelled {
                id: item.id,
                source: item.source,
                class,
                also,
                title: item.title,
                body: item.body,
            })
        })
        .collect()
}

/// One way of reading an item: its terms and lexicon evidence, and its share of the item's weight.
pub struct View {
    pub item: usize,
    pub terms: Terms,
    /// Lexicon evidence per top-level topic (per 100 words).
    pub evidence: Vec<f32>,
    pub share: f32,
}

/// What training reads once and every model shares: the output nodes, the
/// lexicon, the items and their views.
pub struct Corpus {
    pub nodes: Vec<Node>,
    pub lexicon: Lexicon,
    /// The node of each class (the top-level topics in code order).
    pub classes: Vec<u16>,
    pub items: Vec<Labelled>,
    pub views: Vec<View>,
    /// For each item, its view as an article (title and whole text).
    pub full_view: Vec<usize>,
    /// The source names in order of first appearance.
    pub sources: Vec<String>,
}

impl Corpus {
    /// Reads the corpora and the taxonomy and builds the lexicon. The
    /// lexicon's rarity factor uses the BBC articles' document frequencies,
    /// which do not depend on the labels.
    pub fn load(bbc: &Path, iptc: &Path, topics: &Path) -> anyhow::Result<Corpus> {
        let taxonomy = taxonomy::read(iptc)?;
        let nodes = lexicon::nodes(&taxonomy);
        let mut classes: Vec<u16> = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            if node.level == 1 {
                classes.push(u16::try_from(i)?);
            }
        }
        classes.sort_by(|&a, &b| nodes[a as usize].code.cmp(&nodes[b as usize].code));
        anyhow::ensure!(
            classes.len() == LEXICON_FEATURES,
            "the taxonomy has {} top-level topics, not {LEXICON_FEATURES}",
            classes.len()
        );
        let class_of = |code: &str| classes.iter().position(|&n| nodes[n as usize].code == code);
        let mut items = read_topics(topics, &class_of)?;
        items.extend(read_bbc(bbc, &class_of)?);
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        let mut articles = 0u32;
        for item in items.iter().filter(|i| i.source == BBC) {
            articles += 1;
            for hash in item.terms().counts.keys() {
                *df.entry(*hash).or_insert(0) += 1;
            }
        }
        let n = articles.max(1) as f32;
        let lexicon = lexicon::build(&taxonomy, &nodes, &|hash| {
            df.get(&hash).map_or(0.0, |&d| d as f32 / n)
        });
        let mut sources: Vec<String> = Vec::new();
        for item in &items {
            if !sources.contains(&item.source) {
                sources.push(item.source.clone());
            }
        }
        let mut corpus = Corpus {
            nodes,
            lexicon,
            classes,
            items,
            views: Vec::new(),
            full_view: Vec::new(),
            sources,
        };
        corpus.read_views();
        Ok(corpus)
    }

    /// Every item's views (see the module docs).
    fn read_views(&mut self) {
        let mut views = Vec::new();
        let mut full_view = Vec::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            let title = non_empty(&item.title);
            let mut texts: Vec<Terms> = vec![item.terms()];
            if item.source == BBC {
                let lead = item.body.split("\n\n").next().unwrap_or_default();
                texts.push(super::article_terms(title, lead));
                let rest = item.body.get(lead.len()..).unwrap_or_default();
                let words: Vec<&str> = rest.split_whitespace().collect();
                for chunk in words.chunks(CHUNK_WORDS) {
                    texts.push(super::article_terms(None, &chunk.join(" ")));
                }
            } else if title.is_some() && non_empty(&item.body).is_some() {
                texts.push(super::article_terms(title, ""));
            }
            let share = 1.0 / texts.len() as f32;
            full_view.push(views.len());
            for terms in texts {
                let evidence = self.top_evidence(&terms);
                views.push(View {
                    item: i,
                    terms,
                    evidence,
                    share,
                });
            }
        }
        self.views = views;
        self.full_view = full_view;
    }

    /// The lexicon evidence of `terms` for each class.
    pub fn top_evidence(&self, terms: &Terms) -> Vec<f32> {
        let all = super::evidence(&self.lexicon, self.nodes.len(), terms, &[]);
        self.classes.iter().map(|&n| all[n as usize]).collect()
    }

    /// The weight of each item under `weighting`, counting only the items
    /// `keep` accepts (the others weigh 0).
    pub fn weights(&self, weighting: Weighting, keep: &dyn Fn(usize) -> bool) -> Vec<f32> {
        let mut per_source: FxHashMap<&str, f64> = FxHashMap::default();
        for (i, item) in self.items.iter().enumerate() {
            if keep(i) {
                *per_source.entry(item.source.as_str()).or_insert(0.0) += 1.0;
            }
        }
        let source_factor = |s: &str| {
            per_source
                .get(s)
                .map_or(0.0, |&n| n.powf(f64::from(weighting.source_power) - 1.0))
        };
        let mut per_class = vec![0f64; self.classes.len()];
        for (i, item) in self.items.iter().enumerate() {
            if keep(i) {
                per_class[item.class] += source_factor(&item.source);
            }
        }
        let mut weights: Vec<f64> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                if !keep(i) {
                    return 0.0;
                }
                let class_mass = per_class[item.class];
                source_factor(&item.source)
                    * class_mass.powf(f64::from(weighting.class_power) - 1.0)
            })
            .collect();
        let kept = weights.iter().filter(|&&w| w > 0.0).count().max(1) as f64;
        let total: f64 = weights.iter().sum();
        if total > 0.0 {
            for w in &mut weights {
                *w *= kept / total;
            }
        }
        weights.into_iter().map(|w| w as f32).collect()
    }

    /// A model trained on the items `keep` accepts.
    pub fn model(
        &self,
        learner: Learner,
        weighting: Weighting,
        keep: &dyn Fn(usize) -> bool,
    ) -> LinearModel {
        let weights = self.weights(weighting, keep);
        let examples: Vec<Example> = self
            .views
            .iter()
            .filter(|v| weights[v.item] > 0.0)
            .map(|v| Example {
                terms: &v.terms,
                evidence: &v.evidence,
                allowed: self.items[v.item].allowed(),
                weight: weights[v.item] * v.share,
                item: v.item,
            })
            .collect();
        linear::train(&examples, self.classes.len(), learner)
    }

    /// The logits `model` gives item `i` read as an article.
    pub fn logits(&self, model: &LinearModel, i: usize) -> Vec<f32> {
        let view = &self.views[self.full_view[i]];
        model.logits(&view.terms, &view.evidence)
    }

    /// The model parts for `model` with the lexicon and the calibration.
    pub fn parts(&self, model: LinearModel, calibration: Calibration) -> ModelParts {
        ModelParts {
            nodes: self.nodes.clone(),
            classes: self.classes.clone(),
            model,
            lexicon: self.lexicon.clone(),
            temperature: calibration.temperature,
            min_score: calibration.min_score,
        }
    }
}

/// How raw logits become the published scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// Logits are divided by this before the softmax.
    pub temperature: f32,
    /// Below this best score an article gets no topic.
    pub min_score: f32,
}

/// The committed calibration: the temperature `enricher eval topics` fits
/// on the leave-one-source-out predictions of the committed settings (1.7),
/// and the best score below which those predictions are right less than one
/// time in six (2.7% of them; see docs/evaluation.md#topics).
pub const DEFAULT_CALIBRATION: Calibration = Calibration {
    temperature: 1.7,
    min_score: 0.15,
};

/// The temperature in `candidates` under which the best score of
/// `predictions` (logits, the allowed classes as bits, a weight) is
/// calibrated: the smallest expected calibration error, the weighted mean
/// over ten score bins of |mean best score - share right|. This is what the
/// published score promises (a best score of 0.8 is right 80% of the time).
pub fn fit_temperature(predictions: &[(Vec<f32>, u32, f32)], candidates: &[f32]) -> f32 {
    let error = |t: f32| -> f64 {
        let mut bins = [(0f64, 0f64, 0f64); 10];
        for (logits, allowed, weight) in predictions {
            let p = linear::softmax(logits, t);
            let best = (0..p.len())
                .max_by(|&a, &b| p[a].total_cmp(&p[b]))
                .unwrap_or(0);
            let w = f64::from(*weight);
            let bin = ((p[best] * 10.0) as usize).min(9);
            bins[bin].0 += w;
            bins[bin].1 += w * f64::from(p[best]);
            if allowed >> best & 1 == 1 {
                bins[bin].2 += w;
            }
        }
        let total: f64 = bins.iter().map(|b| b.0).sum();
        bins.iter()
            .map(|(_, score, right)| (score - right).abs())
            .sum::<f64>()
            / total.max(f64::MIN_POSITIVE)
    };
    candidates
        .iter()
        .copied()
        .min_by(|&a, &b| error(a).total_cmp(&error(b)))
        .unwrap_or(1.0)
}

/// The trained model's bytes and a summary of what went into it.
pub struct Trained {
    pub bytes: Vec<u8>,
    pub items: usize,
    pub sources: Vec<(String, usize)>,
    pub terms: usize,
    pub lexicon_terms: usize,
}

/// Trains on every item and returns the model file.
pub fn train(options: &TrainOptions, calibration: Calibration) -> anyhow::Result<Trained> {
    let corpus = Corpus::load(&options.bbc, &options.iptc, &options.topics)?;
    let model = corpus.model(options.learner, options.weighting, &|_| true);
    let terms = model.terms.len();
    let sources = corpus
        .sources
        .iter()
        .map(|s| {
            (
                s.clone(),
                corpus.items.iter().filter(|i| &i.source == s).count(),
            )
        })
        .collect();
    let parts = corpus.parts(model, calibration);
    Ok(Trained {
        bytes: super::model::write(&parts),
        items: corpus.items.len(),
        sources,
        terms,
        lexicon_terms: corpus.lexicon.len(),
    })
}

/// The fold (0..folds) of each of `n` items: a seeded shuffle dealt round-robin.
pub fn folds(n: usize, folds: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    linear::shuffle(&mut order, &mut linear::SplitMix(seed));
    let mut fold = vec![0; n];
    for (rank, &item) in order.iter().enumerate() {
        fold[item] = rank % folds.max(1);
    }
    fold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_balanced_and_seeded() {
        let f = folds(23, 10, 1);
        let mut sizes = [0; 10];
        for &k in &f {
            sizes[k] += 1;
        }
        assert!(sizes.iter().all(|&s| s == 2 || s == 3));
        assert_eq!(f, folds(23, 10, 1));
        assert_ne!(f, folds(23, 10, 2));
        assert_eq!(folds(3, 0, 1), vec![0, 0, 0]);
    }

    #[test]
    fn desks_map_to_the_topics_the_brief_names() {
        let codes: Vec<&str> = DESK_TOPICS.iter().map(|(_, c)| *c).collect();
        assert_eq!(
            codes,
            [
                "medtop:04000000",
                "medtop:01000000",
                "medtop:11000000",
                "medtop:15000000",
                "medtop:13000000"
            ]
        );
    }

    fn item(source: &str, class: usize) -> Labelled {
        Labelled {
            id: String::new(),
            source: source.into(),
            class,
            also: 0,
            title: "a title".into(),
            body: String::new(),
        }
    }

    fn corpus(items: Vec<Labelled>) -> Corpus {
        Corpus {
            nodes: Vec::new(),
            lexicon: Lexicon::default(),
            classes: vec![0, 1],
            items,
            views: Vec::new(),
            full_view: Vec::new(),
            sources: Vec::new(),
        }
    }

    #[test]
    fn weights_balance_sources_and_classes() {
        // Source a: 6 of class 0; source b: 1 of class 0 and 1 of class 1.
        let mut items: Vec<Labelled> = (0..6).map(|_| item("a", 0)).collect();
        items.push(item("b", 0));
        items.push(item("b", 1));
        let c = corpus(items);
        let raw = c.weights(
            Weighting {
                source_power: 1.0,
                class_power: 1.0,
            },
            &|_| true,
        );
        assert!(raw.iter().all(|&w| (w - 1.0).abs() < 1e-5), "{raw:?}");
        let even = c.weights(
            Weighting {
                source_power: 0.0,
                class_power: 0.0,
            },
            &|_| true,
        );
        let mass = |f: &dyn Fn(usize) -> bool| -> f32 {
            (0..8).filter(|&i| f(i)).map(|i| even[i]).sum::<f32>()
        };
        // Both classes weigh the same, and the mean stays 1.
        assert!((mass(&|i| i != 7) - mass(&|i| i == 7)).abs() < 1e-4);
        assert!((mass(&|_| true) - 8.0).abs() < 1e-4);
        let left_out = c.weights(Weighting::default(), &|i| i != 0);
        assert_eq!(left_out[0], 0.0);
    }

    #[test]
    fn the_fitted_temperature_flattens_overconfident_logits() {
        // Sure of itself, right half the time: a temperature above 1 fits.
        let predictions: Vec<(Vec<f32>, u32, f32)> = (0..10)
            .map(|i| (vec![6.0, 0.0], if i % 2 == 0 { 1 } else { 2 }, 1.0))
            .collect();
        let t = fit_temperature(&predictions, &[0.5, 1.0, 2.0, 4.0, 8.0, 64.0]);
        assert!(t >= 8.0, "{t}");
        // Always right: the sharpest softmax is the best calibrated.
        let right: Vec<(Vec<f32>, u32, f32)> = (0..10).map(|_| (vec![1.0, 0.0], 1, 1.0)).collect();
        assert_eq!(fit_temperature(&right, &[0.5, 1.0, 2.0]), 0.5);
    }
}
