//! The taxonomy lexicon: for each term, how strongly it points at each top-level and second-level Media Topic, built from the labels and definitions of every topic's descendants and from [`super::cues`].
//!
//! Every topic of the taxonomy lends the words and word pairs of its label
//! (weight [`LABEL_WEIGHT`]) and definition (weight 1) to its top-level
//! ancestor and, below the top, to its second-level ancestor. A term's weight
//! for a topic is then the product of three parts, each in [0, 1]:
//!
//! - *share*: the topic's part of all the term's mass at that level, so
//!   "peace" (almost all in conflict, war and peace) counts fully and
//!   "government" (spread over politics, society, health...) little;
//! - *mass*: `1 - exp(-m / 2)` of the term's mass `m` in the topic, so one
//!   passing word in one definition counts less than a label word;
//! - *rarity in news*: `ln(N / df) / ln(20)` capped at 1, from the term's
//!   document frequency in a news corpus, so a word in more than one
//!   article in twenty ("year", "people") is discounted and one in every
//!   article counts nothing.

use rustc_hash::FxHashMap;

use super::cues::CUES;
use super::taxonomy::MediaTopic;
use super::terms::phrase_hashes;

/// How much more a label word counts than a definition word (cues count as labels).
pub const LABEL_WEIGHT: f32 = 3.0;

/// Weights below this are dropped from the lexicon.
const MIN_WEIGHT: f32 = 0.05;

/// A topic the classifier can output: a top-level one or one of their children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub code: String,
    pub label: String,
    /// 1 or 2.
    pub level: u8,
    /// Index of the parent node, for level 2.
    pub parent: Option<u16>,
}

/// Term hash to `(node index, weight)` pairs, over the top-level and second-level nodes.
pub type Lexicon = FxHashMap<u64, Vec<(u16, f32)>>;

/// The output nodes of `taxonomy`: its top-level topics first, then the
/// second-level ones, each group in the file's order.
pub fn nodes(taxonomy: &[MediaTopic]) -> Vec<Node> {
    let mut nodes: Vec<Node> = taxonomy
        .iter()
        .filter(|t| t.level() == 1)
        .map(|t| Node {
            code: t.code.clone(),
            label: t.label.clone(),
            level: 1,
            parent: None,
        })
        .collect();
    let tops = nodes.len();
    for topic in taxonomy.iter().filter(|t| t.level() == 2) {
        let parent = topic
            .top()
            .and_then(|top| nodes[..tops].iter().position(|n| n.code == top))
            .and_then(|i| u16::try_from(i).ok());
        if parent.is_some() {
            nodes.push(Node {
                code: topic.code.clone(),
                label: topic.label.clone(),
                level: 2,
                parent,
            });
        }
    }
    nodes
}

/// Builds the lexicon over `nodes` (from [`nodes`]) from the taxonomy and the
/// cues; `document_frequency` gives, for a term hash, the share of news
/// articles it occurs in (0 when unseen).
pub fn build(
    taxonomy: &[MediaTopic],
    nodes: &[Node],
    document_frequency: &dyn Fn(u64) -> f32,
) -> Lexicon {
    let index: FxHashMap<&str, u16> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Some((n.code.as_str(), u16::try_from(i).ok()?)))
        .collect();
    // Mass per term and node, kept apart by level so shares are taken
    // among the topics of one level.
    let mut mass: [FxHashMap<u64, FxHashMap<u16, f32>>; 2] = Default::default();
    let mut add = |level: usize, node: u16, text: &str, weight: f32| {
        for hash in phrase_hashes(text) {
            *mass[level]
                .entry(hash)
                .or_default()
                .entry(node)
                .or_insert(0.0) += weight;
        }
    };
    for topic in taxonomy {
        let ancestors = [topic.top(), topic.second()];
        for (level, code) in ancestors.iter().enumerate() {
            let Some(&node) = code.and_then(|c| index.get(c)) else {
                continue;
            };
            add(level, node, &topic.label, LABEL_WEIGHT);
            add(level, node, &topic.definition, 1.0);
        }
    }
    for (code, cues) in CUES {
        if let Some(&node) = index.get(code) {
            for cue in *cues {
                add(0, node, cue, LABEL_WEIGHT);
            }
        }
    }
    let mut lexicon = Lexicon::default();
    for level in &mass {
        for (&hash, by_node) in level {
            let total: f32 = by_node.values().sum();
            let rarity = rarity(document_frequency(hash));
            for (&node, &m) in by_node {
                let weight = (m / total) * (1.0 - (-m / 2.0).exp()) * rarity;
                if weight >= MIN_WEIGHT {
                    lexicon.entry(hash).or_default().push((node, weight));
                }
            }
        }
    }
    for entries in lexicon.values_mut() {
        entries.sort_by_key(|&(node, _)| node);
    }
    lexicon
}

/// The rarity factor of a term found in `df` (a share in [0, 1]) of news articles.
fn rarity(df: f32) -> f32 {
    if df <= 0.05 {
        1.0
    } else {
        ((1.0 / df).ln() / 20f32.ln()).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::terms::word_hash;
    use super::*;

    fn topic(code: &str, label: &str, definition: &str, path: &[&str]) -> MediaTopic {
        MediaTopic {
            code: code.into(),
            label: label.into(),
            definition: definition.into(),
            path: path.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn taxonomy() -> Vec<MediaTopic> {
        vec![
            topic(
                "medtop:16000000",
                "conflict, war and peace",
                "Military activities",
                &["medtop:16000000"],
            ),
            topic(
                "medtop:11000000",
                "politics",
                "Government and its activities",
                &["medtop:11000000"],
            ),
            topic(
                "medtop:16000001",
                "armed conflict",
                "Use of weapons by a government",
                &["medtop:16000000", "medtop:16000001"],
            ),
            topic(
                "medtop:11000001",
                "election",
                "Voting for a government",
                &["medtop:11000000", "medtop:11000001"],
            ),
        ]
    }

    fn weight(lexicon: &Lexicon, word: &str, node: u16) -> f32 {
        lexicon
            .get(&word_hash(word))
            .and_then(|e| e.iter().find(|(n, _)| *n == node))
            .map_or(0.0, |(_, w)| *w)
    }

    #[test]
    fn nodes_list_top_levels_first_and_children_point_at_parents() {
        let nodes = nodes(&taxonomy());
        let levels: Vec<u8> = nodes.iter().map(|n| n.level).collect();
        assert_eq!(levels, [1, 1, 2, 2]);
        assert_eq!(nodes[2].parent, Some(0));
        assert_eq!(nodes[3].parent, Some(1));
    }

    #[test]
    fn a_term_of_one_topic_outweighs_a_shared_one_and_common_news_words_fade() {
        let taxonomy = taxonomy();
        let nodes = nodes(&taxonomy);
        let lexicon = build(&taxonomy, &nodes, &|_| 0.0);
        // "weapon" is only in the conflict subtree; "government" in both.
        assert!(weight(&lexicon, "weapon", 0) > weight(&lexicon, "government", 0));
        assert!(weight(&lexicon, "election", 1) > 0.5);
        // Children get their own evidence.
        assert!(weight(&lexicon, "election", 3) > 0.5);
        assert_eq!(weight(&lexicon, "election", 2), 0.0);
        let common = build(&taxonomy, &nodes, &|_| 0.9);
        assert!(weight(&common, "election", 1) < 0.05);
    }
}
