//! Viterbi decoding: the best-scoring BIO label sequence of a sentence, given per-token label scores and label-transition weights.
//!
//! Transitions that BIO forbids (an `I-X` that does not follow `B-X` or
//! `I-X`) are never taken, so every decoded sequence reads as entities. Time
//! and memory are linear in the sentence's length.

use super::labels::{Label, N_LABELS, allowed};

/// Label-transition weights: `weights[previous][next]`, with row
/// `N_LABELS` for the start of a sentence.
pub type Transitions = [[f32; N_LABELS]; N_LABELS + 1];

/// Scratch space reused across sentences, so decoding does not allocate per sentence.
#[derive(Debug, Default)]
pub struct Decoder {
    backpointers: Vec<[u8; N_LABELS]>,
}

impl Decoder {
    /// The best labels for `emissions` (one score per label and token) under
    /// `transitions`, written to `out` (cleared first).
    pub fn decode(
        &mut self,
        emissions: &[[f32; N_LABELS]],
        transitions: &Transitions,
        out: &mut Vec<Label>,
    ) {
        out.clear();
        let Some(first) = emissions.first() else {
            return;
        };
        self.backpointers.clear();
        self.backpointers.resize(emissions.len(), [0; N_LABELS]);
        let mut scores = [f32::NEG_INFINITY; N_LABELS];
        for (label, score) in scores.iter_mut().enumerate() {
            if allowed(None, label) {
                *score = first[label] + transitions[N_LABELS][label];
            }
        }
        // Transitions the BIO rule forbids cost -inf, so every label can
        // take the best of all previous labels in one loop the compiler
        // vectorises; ties go to the lowest previous label.
        let mut allowed_transitions = [[f32::NEG_INFINITY; N_LABELS]; N_LABELS];
        for (previous, row) in allowed_transitions.iter_mut().enumerate() {
            for (next, cost) in row.iter_mut().enumerate() {
                if ALLOWED[previous][next] {
                    *cost = transitions[previous][next];
                }
            }
        }
        for (emission, backpointers) in emissions.iter().zip(&mut self.backpointers).skip(1) {
            let mut best = [f32::NEG_INFINITY; N_LABELS];
            let mut from = [0u8; N_LABELS];
            for (previous, row) in allowed_transitions.iter().enumerate() {
                for label in 0..N_LABELS {
                    let score = scores[previous] + row[label];
                    if score > best[label] {
                        best[label] = score;
                        from[label] = previous as u8;
                    }
                }
            }
            for label in 0..N_LABELS {
                scores[label] = best[label] + emission[label];
            }
            *backpointers = from;
        }
        let mut label =
            (0..N_LABELS).fold(0, |best, l| if scores[l] > scores[best] { l } else { best });
        out.resize(emissions.len(), 0);
        for t in (0..emissions.len()).rev() {
            out[t] = label;
            label = usize::from(self.backpointers[t][label]);
        }
    }
}

/// [`allowed`] as a table, `ALLOWED[previous][next]`.
const ALLOWED: [[bool; N_LABELS]; N_LABELS] = {
    let mut table = [[false; N_LABELS]; N_LABELS];
    let mut previous = 0;
    while previous < N_LABELS {
        let mut next = 0;
        while next < N_LABELS {
            // Mirrors `labels::allowed`: O and B-X anywhere, I-X after its own type.
            let next_is_inside = next != 0 && next % 2 == 0;
            table[previous][next] =
                !next_is_inside || (previous != 0 && (previous - 1) / 2 == (next - 1) / 2);
            next += 1;
        }
        previous += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;
    use crate::ner::labels::{OUTSIDE, begin, inside};

    fn no_transitions() -> Transitions {
        [[0.0; N_LABELS]; N_LABELS + 1]
    }

    #[test]
    fn the_table_agrees_with_the_bio_rule() {
        for (previous, row) in ALLOWED.iter().enumerate() {
            for (next, &ok) in row.iter().enumerate() {
                assert_eq!(ok, allowed(Some(previous), next));
            }
        }
    }

    #[test]
    fn an_inside_label_is_never_decoded_without_its_begin() {
        let person_inside = inside(EntityType::Person);
        let mut emissions = vec![[0.0; N_LABELS]; 2];
        emissions[0][OUTSIDE] = 10.0;
        emissions[1][person_inside] = 5.0;
        let mut out = Vec::new();
        Decoder::default().decode(&emissions, &no_transitions(), &mut out);
        assert_ne!(out[1], person_inside);
        // With B-PER nearly as good a start, B-PER I-PER wins.
        emissions[0][begin(EntityType::Person)] = 9.5;
        Decoder::default().decode(&emissions, &no_transitions(), &mut out);
        assert_eq!(out, [begin(EntityType::Person), person_inside]);
    }

    #[test]
    fn transitions_can_outweigh_emissions() {
        let mut emissions = vec![[0.0; N_LABELS]; 2];
        emissions[1][OUTSIDE] = 1.0;
        let mut transitions = no_transitions();
        transitions[OUTSIDE][begin(EntityType::Location)] = 2.0;
        let mut out = Vec::new();
        Decoder::default().decode(&emissions, &transitions, &mut out);
        assert_eq!(out, [OUTSIDE, begin(EntityType::Location)]);
    }

    #[test]
    fn empty_and_long_sentences_decode() {
        let mut out = vec![3];
        let mut decoder = Decoder::default();
        decoder.decode(&[], &no_transitions(), &mut out);
        assert!(out.is_empty());
        let emissions = vec![[0.0; N_LABELS]; 100_000];
        decoder.decode(&emissions, &no_transitions(), &mut out);
        assert_eq!(out.len(), 100_000);
    }
}
