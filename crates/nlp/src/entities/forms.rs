//! Name forms: the cleaned mentions that share one normalised key and the type the tagger gave them.
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
    /// The type the tagger gave every mention of the form: one name tagged
    /// with two types is two forms, so grouping never changes a mention's type.
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

/// The forms of `mentions` (in text order), one per key and type, and, for
/// each mention, the index of its form. A mention whose key is empty gets no
/// form (`None`).
pub fn build(chars: &[char], mentions: &[Cleaned]) -> (Vec<Form>, Vec<Option<usize>>) {
    let mut forms: Vec<Form> = Vec::new();
    let mut by_key: FxHashMap<(String, EntityType), usize> = FxHashMap::default();
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
        let form = *by_key.entry((key.clone(), mention.kind)).or_insert(next);
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
        form.surface = most_written(form, &spellings);
    }
    (forms, form_of)
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
    fn one_name_tagged_with_two_types_is_two_forms_each_keeping_its_type() {
        // "Jordan" tagged PER once and LOC twice: the tagger's types stand.
        let text = "Jordan said Jordan and Jordan agreed.";
        let (forms, form_of) = at(
            text,
            &[(0, 6, Person), (12, 18, Location), (23, 29, Location)],
        );
        assert_eq!(forms.len(), 2);
        assert_eq!((forms[0].kind, forms[1].kind), (Person, Location));
        assert_eq!(form_of, [Some(0), Some(1), Some(1)]);
        assert_eq!(forms[0].key, forms[1].key);
    }

    #[test]
    fn the_spelling_written_most_often_names_the_form() {
        let text = "ERDOGAN said Erdoğan and Erdoğan";
        let (forms, _) = at(text, &[(0, 7, Person), (13, 20, Person), (25, 32, Person)]);
        assert_eq!(forms.len(), 1);
        assert_eq!(forms[0].surface, "Erdoğan");
    }
}
