//! What a first pass over a document says, as evidence for the second: each token's label, and how the same word was labelled across the document.
//!
//! A name is usually written in full and in context once, then repeated
//! ("Mark Rutte ... Rutte said"); the repeats inherit the type the clear
//! mention got. The votes count the first pass's types over every
//! occurrence of a word, by the word as written and by its lower case
//! (which joins a headline's `JAPAN` with the body's `Japan`).

use rustc_hash::FxHashMap;

use super::analysed::AnalysedText;
use super::labels::{Label, kind, spans_from_labels, type_index};
use crate::text::hash;

/// The first pass's results over one document.
#[derive(Debug, Clone, Default)]
pub struct NonLocal {
    /// Each token's label, as `AnalysedText::tokens` orders them.
    pub labels: Vec<Label>,
    /// For each word of the vocabulary, the vote over the occurrences of the
    /// word as written ([`vote`]).
    pub exact_votes: Vec<u8>,
    /// Likewise over the occurrences of its lower-case form.
    pub lower_votes: Vec<u8>,
    /// For each token inside an entity of the first pass, the vote over the
    /// entities of the same text across the document, times two, plus one
    /// at the entity's first token; 0 outside entities.
    pub span_votes: Vec<u8>,
}

impl NonLocal {
    /// The evidence of the first pass's `labels` for the tokens of `doc`.
    pub fn new(doc: &AnalysedText, labels: Vec<Label>) -> Self {
        let mut exact = vec![[0u16; 5]; doc.vocab.len()];
        let mut lower: FxHashMap<u64, [u16; 5]> = FxHashMap::default();
        for (&id, &label) in doc.tokens.iter().zip(&labels) {
            let slot = kind(label).map_or(4, type_index);
            let counts = &mut exact[id as usize];
            counts[slot] = counts[slot].saturating_add(1);
            let counts = lower.entry(doc.vocab[id as usize].lower).or_default();
            counts[slot] = counts[slot].saturating_add(1);
        }
        let exact_votes = exact.iter().map(vote).collect();
        let lower_votes = doc
            .vocab
            .iter()
            .map(|w| lower.get(&w.lower).map_or(0, vote))
            .collect();
        let span_votes = span_votes(doc, &labels);
        NonLocal {
            labels,
            exact_votes,
            lower_votes,
            span_votes,
        }
    }
}

/// [`NonLocal::span_votes`] of a document's first-pass `labels`.
fn span_votes(doc: &AnalysedText, labels: &[Label]) -> Vec<u8> {
    let mut spans = Vec::new();
    for sentence in &doc.sentences {
        for span in spans_from_labels(&labels[sentence.clone()]) {
            let start = sentence.start + span.tokens.start;
            let end = sentence.start + span.tokens.end;
            let key = doc.tokens[start..end]
                .iter()
                .fold(0x5e7_u64, |h, &t| hash::mix(h, doc.vocab[t as usize].lower));
            spans.push((start..end, key, type_index(span.kind)));
        }
    }
    let mut counts: FxHashMap<u64, [u16; 5]> = FxHashMap::default();
    for (_, key, kind) in &spans {
        let c = counts.entry(*key).or_default();
        c[*kind] = c[*kind].saturating_add(1);
    }
    let mut votes = vec![0u8; labels.len()];
    for (range, key, _) in spans {
        let value = counts.get(&key).map_or(0, vote);
        for t in range.clone() {
            votes[t] = value << 1 | u8::from(t == range.start);
        }
    }
    votes
}

/// A vote from counts of (PER, ORG, LOC, MISC, O) labels: 0 when no
/// occurrence was in an entity; otherwise the most frequent type (1..=4,
/// ties to the earlier), plus 8 when entities outnumber the `O`s, plus 16
/// when the word occurs more than once.
fn vote(counts: &[u16; 5]) -> u8 {
    let mut best = 0;
    for t in 1..4 {
        if counts[t] > counts[best] {
            best = t;
        }
    }
    if counts[best] == 0 {
        return 0;
    }
    let entities: u32 = counts[..4].iter().map(|&c| u32::from(c)).sum();
    let total = entities + u32::from(counts[4]);
    let mut value = best as u8 + 1;
    if entities > u32::from(counts[4]) {
        value |= 8;
    }
    if total > 1 {
        value |= 16;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;
    use crate::ner::labels::{OUTSIDE, begin, inside};
    use crate::ner::name_lists::NameLists;

    #[test]
    fn votes_carry_a_type_to_the_other_occurrences_of_a_word() {
        let doc = AnalysedText::new(
            &[vec!["Mark", "Rutte", "said"], vec!["RUTTE", "said"]],
            &NameLists::default(),
            None,
        );
        let labels = vec![
            begin(EntityType::Person),
            inside(EntityType::Person),
            OUTSIDE,
            OUTSIDE,
            OUTSIDE,
        ];
        let nonlocal = NonLocal::new(&doc, labels);
        let rutte_caps = doc.tokens[3] as usize;
        let rutte = doc.tokens[1] as usize;
        let said = doc.tokens[2] as usize;
        assert_eq!(nonlocal.exact_votes[rutte], 1 | 8);
        assert_eq!(nonlocal.exact_votes[rutte_caps], 0);
        // Lower case joins them: one PER, one O, twice seen.
        assert_eq!(nonlocal.lower_votes[rutte_caps], 1 | 16);
        assert_eq!(nonlocal.lower_votes[said], 0);
    }

    #[test]
    fn vote_prefers_the_commoner_type_and_marks_majorities() {
        assert_eq!(vote(&[0, 0, 0, 0, 3]), 0);
        assert_eq!(vote(&[1, 2, 0, 0, 0]), 2 | 8 | 16);
        assert_eq!(vote(&[0, 0, 1, 0, 1]), 3 | 16);
    }
}
