//! Name forms: the cleaned mentions that share one normalised key, with the type most of them were tagged with.
//!
//! Grouping works on forms, not mentions: "Rutte" written eight times is one
//! form to join to "Mark Rutte", and every rule then costs a map look-up per
//! distinct name rather than per mention.

use rustc_hash::FxHashMap;

use super::EntityType;
use super::clean::Cleaned;
use super::keys::key_tokens;

/// One distinct name in the article.
#[derive(Debug, Clone)]
pub struct Form {
    /// The folded words ([`key_tokens`]); never empty.
    pub tokens: Vec<String>,
    /// The words joined by spaces: the key two mentions must share.
    pub key: String,
    /// The spelling written most often (the first of equals), with runs of
    /// white space as one space.
    pub surface: String,
    /// The type most of the form's mentions were tagged with; on a tie, the
    /// type of the first mention among the tied ones.
    pub kind: EntityType,
    /// Indices of the form's mentions, in text order.
    pub mentions: Vec<usize>,
}

impl Form {
    /// Where the form is first met: the index of its first mention.
    pub fn first(&self) -> usize {
        self.mentions[0]
    }
}

/// The forms of `mentions` (in text order) and, for each mention, the index
/// of its form. A mention whose key is empty gets no form (`None`).
pub fn build(chars: &[char], mentions: &[Cleaned]) -> (Vec<Form>, Vec<Option<usize>>) {
    let mut forms: Vec<Form> = Vec::new();
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    let mut form_of = Vec::with_capacity(mentions.len());
    let mut spellings: Vec<String> = Vec::with_capacity(mentions.len());
    for (i, mention) in mentions.iter().enumerate() {
        let written: String = chars[mention.start..mention.end].iter().collect();
        let spelling = written.split_whitespace().collect::<Vec<_>>().join(" ");
        let tokens = key_tokens(&spelling);
        spellings.push(spelling);
        if tokens.is_empty() {
            form_of.push(None);
            continue;
        }
        let key = tokens.join(" ");
        let next = forms.len();
        let form = *by_key.entry(key.clone()).or_insert(next);
        if form == next {
            forms.push(Form {
                tokens,
                key,
                surface: String::new(),
                kind: mention.kind,
                mentions: Vec::new(),
            });
        }
        forms[form].mentions.push(i);
        form_of.push(Some(form));
    }
    for form in &mut forms {
        form.kind = majority_kind(form, mentions);
        form.surface = most_written(form, &spellings);
    }
    (forms, form_of)
}

/// The type most of `form`'s mentions carry, the earliest of equals.
fn majority_kind(form: &Form, mentions: &[Cleaned]) -> EntityType {
    let mut counts: FxHashMap<EntityType, usize> = FxHashMap::default();
    for &i in &form.mentions {
        *counts.entry(mentions[i].kind).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    form.mentions
        .iter()
        .map(|&i| mentions[i].kind)
        .find(|kind| counts.get(kind) == Some(&most))
        .expect("a form has at least one mention")
}

/// The spelling most of `form`'s mentions use, the earliest of equals.
fn most_written(form: &Form, spellings: &[String]) -> String {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for &i in &form.mentions {
        *counts.entry(spellings[i].as_str()).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    form.mentions
        .iter()
        .map(|&i| spellings[i].as_str())
        .find(|s| counts.get(s) == Some(&most))
        .expect("a form has at least one mention")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType::{Location, Person};

    fn at(text: &str, spans: &[(usize, usize, EntityType)]) -> (Vec<Form>, Vec<Option<usize>>) {
        let chars: Vec<char> = text.chars().collect();
        let mentions: Vec<Cleaned> = spans
            .iter()
            .map(|&(start, end, kind)| Cleaned { start, end, kind })
            .collect();
        build(&chars, &mentions)
    }

    #[test]
    fn same_surface_with_different_types_takes_the_majority_type() {
        // "Jordan" tagged LOC twice and PER once: one form, a LOCATION.
        let text = "Jordan said Jordan and Jordan agreed.";
        let (forms, form_of) = at(
            text,
            &[(0, 6, Person), (12, 18, Location), (23, 29, Location)],
        );
        assert_eq!(forms.len(), 1);
        assert_eq!(forms[0].kind, Location);
        assert_eq!(form_of, [Some(0), Some(0), Some(0)]);
    }

    #[test]
    fn a_tie_between_types_goes_to_the_first_mention() {
        let text = "Jordan, Jordan";
        let (forms, _) = at(text, &[(0, 6, Person), (8, 14, Location)]);
        assert_eq!(forms[0].kind, Person);
    }

    #[test]
    fn the_spelling_written_most_often_names_the_form() {
        let text = "ERDOGAN said Erdoğan and Erdoğan";
        let (forms, _) = at(text, &[(0, 7, Person), (13, 20, Person), (25, 32, Person)]);
        assert_eq!(forms.len(), 1);
        assert_eq!(forms[0].surface, "Erdoğan");
    }
}
