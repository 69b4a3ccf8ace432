//! The tagger's labels: BIO tags over the four CoNLL types, and the conversions between tags, IOB1 gold and spans.
//!
//! CoNLL-2003 files are IOB1 (`I-X` starts an entity unless it follows
//! another `X`; `B-X` only splits two adjacent entities of one type). The
//! tagger predicts BIO instead (every entity starts with `B-X`), which
//! tells a decoder where each entity starts, and converts at the edges.

use std::ops::Range;

use crate::entities::EntityType;

/// The number of labels: `O`, then `B-X` and `I-X` for each of the four types.
pub const N_LABELS: usize = 1 + 2 * EntityType::ALL.len();

/// A label index in `0..N_LABELS`.
pub type Label = usize;

/// The label of tokens outside every entity.
pub const OUTSIDE: Label = 0;

/// The index of `kind` in [`EntityType::ALL`].
pub fn type_index(kind: EntityType) -> usize {
    match kind {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Location => 2,
        EntityType::Misc => 3,
    }
}

/// The `B-` label of `kind`.
pub fn begin(kind: EntityType) -> Label {
    1 + 2 * type_index(kind)
}

/// The `I-` label of `kind`.
pub fn inside(kind: EntityType) -> Label {
    2 + 2 * type_index(kind)
}

/// The entity type of a label, `None` for [`OUTSIDE`] (and for indices out of range).
pub fn kind(label: Label) -> Option<EntityType> {
    if label == OUTSIDE {
        return None;
    }
    EntityType::ALL.get((label - 1) / 2).copied()
}

/// Whether a label starts an entity.
pub fn is_begin(label: Label) -> bool {
    label != OUTSIDE && label % 2 == 1
}

/// Whether `next` may follow `previous` in BIO: an `I-X` only after `B-X` or `I-X`.
pub fn allowed(previous: Option<Label>, next: Label) -> bool {
    if next == OUTSIDE || is_begin(next) {
        return true;
    }
    previous.is_some_and(|p| p != OUTSIDE && kind(p) == kind(next))
}

/// The label's text, as CoNLL writes it (`O`, `B-PER`, `I-LOC`).
pub fn name(label: Label) -> String {
    match kind(label) {
        None => "O".to_owned(),
        Some(t) if is_begin(label) => format!("B-{}", t.conll()),
        Some(t) => format!("I-{}", t.conll()),
    }
}

/// One entity in a sentence: token indices and type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    /// The token index range.
    pub tokens: Range<usize>,
    /// The entity's type.
    pub kind: EntityType,
}

/// The spans of a sentence tagged in IOB1 (or IOB2: both read the same way):
/// an entity starts at `B-X`, or at `I-X` after anything but `X`. Tags that
/// are not `O`, `B-X` or `I-X` of a known type count as `O`.
pub fn spans_from_iob<S: AsRef<str>>(tags: &[S]) -> Vec<Span> {
    let parsed: Vec<Option<(bool, EntityType)>> = tags
        .iter()
        .map(|tag| {
            let (prefix, suffix) = tag.as_ref().split_once('-')?;
            let kind = EntityType::from_conll(suffix)?;
            match prefix {
                "B" => Some((true, kind)),
                "I" => Some((false, kind)),
                _ => None,
            }
        })
        .collect();
    collect_spans(&parsed)
}

/// The spans of a sentence of BIO labels; an `I-X` that does not follow
/// `X` starts an entity, as conlleval reads it.
pub fn spans_from_labels(labels: &[Label]) -> Vec<Span> {
    let parsed: Vec<Option<(bool, EntityType)>> = labels
        .iter()
        .map(|&l| kind(l).map(|k| (is_begin(l), k)))
        .collect();
    collect_spans(&parsed)
}

/// Spans from per-token (starts-an-entity, type) pairs.
fn collect_spans(tags: &[Option<(bool, EntityType)>]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = match (open, tag) {
            (Some((_, open_kind)), Some((false, kind))) => open_kind == *kind,
            _ => false,
        };
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            spans.push(Span {
                tokens: start..i,
                kind,
            });
        }
        if let Some((_, kind)) = tag {
            open = Some((i, *kind));
        }
    }
    if let Some((start, kind)) = open {
        spans.push(Span {
            tokens: start..tags.len(),
            kind,
        });
    }
    spans
}

/// BIO labels for a sentence of `len` tokens with these spans.
pub fn labels_from_spans(spans: &[Span], len: usize) -> Vec<Label> {
    let mut labels = vec![OUTSIDE; len];
    for span in spans {
        for i in span.tokens.clone() {
            if let Some(label) = labels.get_mut(i) {
                *label = if i == span.tokens.start {
                    begin(span.kind)
                } else {
                    inside(span.kind)
                };
            }
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    #[test]
    fn iob1_starts_entities_at_i_after_another_type_and_at_b() {
        let tags = ["I-ORG", "O", "I-MISC", "I-PER", "I-PER", "B-PER", "I-LOC"];
        let spans = spans_from_iob(&tags);
        assert_eq!(
            spans,
            [
                Span {
                    tokens: 0..1,
                    kind: Organization
                },
                Span {
                    tokens: 2..3,
                    kind: Misc
                },
                Span {
                    tokens: 3..5,
                    kind: Person
                },
                Span {
                    tokens: 5..6,
                    kind: Person
                },
                Span {
                    tokens: 6..7,
                    kind: Location
                },
            ]
        );
    }

    #[test]
    fn bio_labels_round_trip_through_spans() {
        let tags = ["I-ORG", "I-ORG", "O", "I-PER", "B-PER", "I-PER"];
        let spans = spans_from_iob(&tags);
        let labels = labels_from_spans(&spans, tags.len());
        assert_eq!(
            labels.iter().map(|&l| name(l)).collect::<Vec<_>>(),
            ["B-ORG", "I-ORG", "O", "B-PER", "B-PER", "I-PER"]
        );
        assert_eq!(spans_from_labels(&labels), spans);
    }

    #[test]
    fn inside_only_follows_its_own_type() {
        assert!(allowed(Some(begin(Person)), inside(Person)));
        assert!(allowed(Some(inside(Person)), inside(Person)));
        assert!(!allowed(Some(begin(Location)), inside(Person)));
        assert!(!allowed(Some(OUTSIDE), inside(Person)));
        assert!(!allowed(None, inside(Misc)));
        assert!(allowed(None, begin(Misc)));
    }

    #[test]
    fn unknown_tags_count_as_outside() {
        assert!(spans_from_iob(&["X-PER", "I-FOO", "O", ""]).is_empty());
    }
}
