//! IPTC Media Topics of an article: the seventeen top-level topics ranked by a calibrated score, and second-level topics where the evidence for one is strong.
//!
//! Two scorers read the same terms ([`terms`]) of the title and text:
//!
//! - the *topic model* ([`linear`]), softmax regression over the seventeen
//!   top-level topics, trained on labelled headlines, summaries and
//!   sentences of four sources and on the BBC articles, balanced by source
//!   and class ([`train`]);
//! - the *taxonomy lexicon* ([`lexicon`]), built from the labels and
//!   definitions of all 1,099 Media Topics and short cue lists ([`cues`]),
//!   which gives every top-level and second-level topic an evidence `E`: the
//!   sum of its terms' weights over every occurrence, per 100 words.
//!
//! The model reads the top-level evidence as seventeen more features, so
//! cross-validation, not a hand-set weight, decides how far the cue words
//! count. Its logits divided by the fitted temperature go through a softmax;
//! the scores are calibrated on sources the model did not train on (a best
//! score of 0.8 is right about 80% of the time there). An article whose best
//! score is below the model's `min_score` gets no topic rather than a guess.
//!
//! The output ([`TopicClassifier::classify`]) lists the top-level topics
//! scoring at least [`TOP_FLOOR`] (always the best one), then, for each
//! listed top-level topic scoring at least [`PARENT_FLOOR`], those of its
//! children whose evidence (entity names counted again by their salience) is
//! at least [`CHILD_MIN_EVIDENCE`] per 100 words and [`CHILD_MIN_TOTAL`] in
//! all, and at least [`CHILD_MIN_SHARE`] of the evidence of all its children
//! (with [`CHILD_SMOOTHING`] added to the total, so thin evidence yields no
//! child). A child's score is its parent's score times that share, so it
//! always ranks below its parent; each carries `level` 2 and its `parent`'s
//! code. The list is sorted by score, parents before children on ties.
//!
//! The model is English: [`TopicsModule`] gives an article in another
//! language no topics (see [`module`]).

use std::sync::OnceLock;

use serde::Serialize;

pub mod cues;
pub mod lexicon;
pub mod linear;
pub mod model;
mod module;
pub mod taxonomy;
pub mod terms;
#[cfg(feature = "train")]
pub mod train;

pub use module::TopicsModule;

use lexicon::Lexicon;
use model::{ModelError, ModelParts};
use terms::Terms;

/// Top-level topics scoring less are not listed (unless best).
pub const TOP_FLOOR: f64 = 0.05;
/// Only top-level topics scoring at least this get children.
pub const PARENT_FLOOR: f64 = 0.10;
/// A child needs at least this much evidence (weight per 100 words).
pub const CHILD_MIN_EVIDENCE: f32 = 1.0;
/// A child needs at least this much evidence in all (not per 100 words):
/// two occurrences of full-weight terms, so one word of a short text is not enough.
pub const CHILD_MIN_TOTAL: f32 = 2.0;
/// A child needs at least this share of its siblings' evidence.
pub const CHILD_MIN_SHARE: f32 = 0.3;
/// Added to the children's total evidence before shares are taken.
pub const CHILD_SMOOTHING: f32 = 1.0;
/// How much a title's words count next to the body's.
const TITLE_WEIGHT: f32 = 2.0;
/// How much an entity name's words add to the lexicon evidence, times its salience.
const ENTITY_WEIGHT: f32 = 2.0;
/// Words added to the length before evidence is taken per 100 words, so a
/// two-word text is not as sure as a paragraph.
const LENGTH_SMOOTHING: f32 = 50.0;

/// One topic of the output, as the contract names its fields (`code`,
/// `label`, `score`) plus where it sits in the taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    /// `medtop:NNNNNNNN`.
    pub code: String,
    pub label: String,
    /// In [0, 1]; the top-level scores of one article sum to at most 1.
    pub score: f64,
    /// 1 for a top-level topic, 2 for one of its children.
    pub level: u8,
    /// The code of the top-level topic a level-2 topic belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// The `{topic}` of `output.routing_key` for a topic label: the label up to
/// its first comma, lower case, spaces as hyphens ("conflict, war and
/// peace" is `conflict`, "science and technology" is
/// `science-and-technology`), so it holds no `.` or `*` and binds as one
/// word of a topic exchange's key.
pub fn slug(label: &str) -> String {
    let head = label.split(',').next().unwrap_or_default().trim();
    let slug: String = head
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if slug.is_empty() { "none".into() } else { slug }
}

/// The topic classifier: the topic model, its calibration and the taxonomy lexicon, loaded once.
#[derive(Debug, Clone)]
pub struct TopicClassifier {
    parts: ModelParts,
    /// For each node, the indices of its children.
    children: Vec<Vec<usize>>,
}

impl TopicClassifier {
    /// The committed model (`models/topics.bin`, built by `enricher train
    /// topics`), compiled in and parsed once.
    pub fn embedded() -> &'static TopicClassifier {
        static CLASSIFIER: OnceLock<TopicClassifier> = OnceLock::new();
        CLASSIFIER.get_or_init(|| {
            TopicClassifier::from_bytes(include_bytes!("../../models/topics.bin"))
                .expect("the committed topics model parses (a test checks it)")
        })
    }

    /// Parses a model file ([`model`]'s format).
    pub fn from_bytes(bytes: &[u8]) -> Result<TopicClassifier, ModelError> {
        Ok(TopicClassifier::new(model::read(bytes)?))
    }

    /// A classifier over `parts`.
    pub fn new(parts: ModelParts) -> TopicClassifier {
        let n = parts.nodes.len();
        let mut children = vec![Vec::new(); n];
        for (i, node) in parts.nodes.iter().enumerate() {
            if let Some(list) = node.parent.and_then(|p| children.get_mut(p as usize)) {
                list.push(i);
            }
        }
        TopicClassifier { parts, children }
    }

    /// The model file of this classifier.
    pub fn to_bytes(&self) -> Vec<u8> {
        model::write(&self.parts)
    }

    /// The parts the classifier is made of.
    pub fn parts(&self) -> &ModelParts {
        &self.parts
    }

    /// The topics of an article, ranked by score (see the module docs for
    /// what is listed); empty when the title and text hold no content word
    /// or the best score is below the model's `min_score`.
    pub fn classify(
        &self,
        article_title: Option<&str>,
        text: &str,
        entities: &[crate::entities::Entity],
    ) -> Vec<Topic> {
        let terms = article_terms(article_title, text);
        if terms.is_empty() {
            return Vec::new();
        }
        let lexicon = &self.parts.lexicon;
        let scale = per_100_words(&terms);
        // The terms' evidence serves both the model's features and, with the
        // entities added, the second-level topics: it is summed once.
        let mut evidence = term_evidence(lexicon, self.parts.nodes.len(), &terms);
        let scores = self.scores_from(&terms, &evidence, scale);
        let best = scores.iter().copied().fold(0.0, f64::max);
        if best < f64::from(self.parts.min_score) {
            return Vec::new();
        }
        add_entity_evidence(lexicon, &mut evidence, entities);
        for e in &mut evidence {
            *e *= scale;
        }
        self.listed(&scores, &evidence, scale)
    }

    /// The calibrated scores of the top-level topics, in the order of the
    /// model's classes.
    pub fn top_scores(&self, terms: &Terms) -> Vec<f64> {
        let evidence = term_evidence(&self.parts.lexicon, self.parts.nodes.len(), terms);
        self.scores_from(terms, &evidence, per_100_words(terms))
    }

    /// [`top_scores`](Self::top_scores) given the terms' lexicon evidence in
    /// all (`raw`) and the factor to per 100 words (`scale`).
    fn scores_from(&self, terms: &Terms, raw: &[f32], scale: f32) -> Vec<f64> {
        let parts = &self.parts;
        let top_evidence: Vec<f32> = if parts.model.reads_lexicon() {
            parts
                .classes
                .iter()
                .map(|&n| raw[n as usize] * scale)
                .collect()
        } else {
            Vec::new()
        };
        let logits = parts.model.logits(terms, &top_evidence);
        linear::softmax(&logits, parts.temperature)
            .into_iter()
            .map(f64::from)
            .collect()
    }

    /// The output list for top-level `scores` and node `evidence` (per 100
    /// words, which is `scale` times the evidence in all).
    fn listed(&self, scores: &[f64], evidence: &[f32], scale: f32) -> Vec<Topic> {
        let min_evidence = CHILD_MIN_EVIDENCE.max(CHILD_MIN_TOTAL * scale);
        let best = scores.iter().copied().fold(0.0, f64::max);
        let mut out = Vec::new();
        for (&node, &score) in self.parts.classes.iter().zip(scores) {
            let node = node as usize;
            if score < TOP_FLOOR && score < best {
                continue;
            }
            out.push(self.topic(node, score));
            if score < PARENT_FLOOR {
                continue;
            }
            let children = &self.children[node];
            let total: f32 = children.iter().map(|&c| evidence[c]).sum::<f32>() + CHILD_SMOOTHING;
            for &child in children {
                let share = evidence[child] / total;
                if evidence[child] >= min_evidence && share >= CHILD_MIN_SHARE {
                    out.push(self.topic(child, score * f64::from(share)));
                }
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.level.cmp(&b.level)));
        out
    }

    fn topic(&self, node: usize, score: f64) -> Topic {
        let n = &self.parts.nodes[node];
        Topic {
            code: n.code.clone(),
            label: n.label.clone(),
            score: (score * 10_000.0).round() / 10_000.0,
            level: n.level,
            parent: n
                .parent
                .and_then(|p| self.parts.nodes.get(p as usize))
                .map(|p| p.code.clone()),
        }
    }
}

/// The terms of an article as the classifier reads it: the text, and the
/// title counting [`TITLE_WEIGHT`] times.
pub fn article_terms(title: Option<&str>, text: &str) -> Terms {
    let mut terms = Terms::of(text, 1.0);
    if let Some(title) = title {
        terms.add(title, TITLE_WEIGHT);
    }
    terms
}

/// The lexicon evidence of every one of `node_count` nodes for `terms`, per
/// 100 words, with the words of `entities`' names added again in proportion
/// to their salience.
pub fn evidence(
    lexicon: &Lexicon,
    node_count: usize,
    terms: &Terms,
    entities: &[crate::entities::Entity],
) -> Vec<f32> {
    let mut evidence = term_evidence(lexicon, node_count, terms);
    add_entity_evidence(lexicon, &mut evidence, entities);
    let scale = per_100_words(terms);
    for e in &mut evidence {
        *e *= scale;
    }
    evidence
}

/// The lexicon evidence in all (not per 100 words) of every one of
/// `node_count` nodes for `terms`.
fn term_evidence(lexicon: &Lexicon, node_count: usize, terms: &Terms) -> Vec<f32> {
    let mut evidence = vec![0f32; node_count];
    for (hash, &count) in &terms.counts {
        add_term(lexicon, &mut evidence, *hash, count);
    }
    evidence
}

/// Adds to `evidence` (in all) the words of `entities`' names, each
/// counting [`ENTITY_WEIGHT`] times the entity's salience.
fn add_entity_evidence(
    lexicon: &Lexicon,
    evidence: &mut [f32],
    entities: &[crate::entities::Entity],
) {
    for entity in entities {
        let salience = entity.salience.clamp(0.0, 1.0) as f32;
        if salience > 0.0 {
            for hash in Terms::of(&entity.name, 1.0).counts.keys() {
                add_term(lexicon, evidence, *hash, ENTITY_WEIGHT * salience);
            }
        }
    }
}

/// Adds `amount` occurrences of the term `hash` to `evidence`.
fn add_term(lexicon: &Lexicon, evidence: &mut [f32], hash: u64, amount: f32) {
    for &(node, weight) in lexicon.get(&hash).into_iter().flatten() {
        if let Some(e) = evidence.get_mut(node as usize) {
            *e += amount * weight;
        }
    }
}

/// The factor from evidence in all to evidence per 100 words of `terms`.
fn per_100_words(terms: &Terms) -> f32 {
    100.0 / (terms.words + LENGTH_SMOOTHING)
}

#[cfg(test)]
mod tests;
