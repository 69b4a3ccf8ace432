//! Keywords: the multi-word keyphrases that name an article's story, by YAKE or TextRank over one tokenisation of the text.
//!
//! Candidates come from [`document`]: one to three words inside a stretch
//! of a sentence without punctuation or numbers, never starting or ending
//! with a stop word, case and plural variants merged and shown in their most
//! frequent form. [`Method::Yake`] (the default, chosen by
//! `enricher eval keywords`, see the README) and [`Method::TextRank`] rank
//! them; a frequency baseline is there to measure both against. The chosen
//! phrases never repeat each other: a phrase inside a better one or
//! overlapping it is skipped ("North Korean troops" keeps out "Korean
//! troops", "secretary general mark" keeps out "general mark rutte"), and
//! one that holds a better one takes its place ("North Korean troops"
//! replaces "North Korean", at its rank).
//!
//! Stop words and word keys come from the text's language ([`Lexicon`]):
//! English by default, or any of [`LANGUAGES`].

use serde::Serialize;

use crate::text::Segments;

mod additions;
mod lexicon;
mod module;
mod stopwords;
#[cfg(test)]
pub(crate) mod test_texts;
mod text_terms;
mod textrank;
mod yake;

pub use lexicon::{LANGUAGES, Lexicon};
pub use module::{KeywordsModule, KeywordsSettings};
pub use stopwords::is_stop_word;
use text_terms::TextTerms;
pub use text_terms::term_key;

/// One keyphrase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// The phrase as the text most often writes it.
    pub term: String,
    /// Its weight relative to the best phrase, which has 1, in (0, 1].
    pub score: f64,
}

/// How candidates are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// YAKE (Campos et al. 2020).
    Yake,
    /// TextRank (Mihalcea and Tarau 2004).
    TextRank,
    /// Occurrences times words: a baseline.
    Frequency,
}

impl Method {
    /// All methods, for evaluations.
    pub const ALL: [Method; 3] = [Method::Yake, Method::TextRank, Method::Frequency];

    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Method::Yake => "yake",
            Method::TextRank => "textrank",
            Method::Frequency => "frequency",
        }
    }
}

/// The `top` best keyphrases of `text` by YAKE, best first. Linear in the
/// text's length; never panics.
pub fn keywords(text: &str, top: usize) -> Vec<Keyword> {
    keywords_by(text, top, Method::Yake)
}

/// [`keywords`] of an English text already segmented (`segments` must be
/// those of `text`), for a caller that shares one
/// [`segment`](crate::text::segment) between modules.
pub fn keywords_of<'a>(text: &'a str, segments: &Segments<'a>, top: usize) -> Vec<Keyword> {
    keywords_in(text, segments, top, Lexicon::english())
}

/// [`keywords_of`] a text in the language of `lexicon`: its stop words
/// stay out of the phrases' ends.
pub fn keywords_in<'a>(
    text: &'a str,
    segments: &Segments<'a>,
    top: usize,
    lexicon: &Lexicon,
) -> Vec<Keyword> {
    if top == 0 {
        return Vec::new();
    }
    rank(
        &TextTerms::from_segments(text, segments, lexicon),
        top,
        Method::Yake,
    )
}

/// The `top` best keyphrases of `text` by `method`, best first.
pub fn keywords_by(text: &str, top: usize, method: Method) -> Vec<Keyword> {
    if top == 0 {
        return Vec::new();
    }
    rank(&TextTerms::new(text), top, method)
}

/// The `top` best candidates of `doc` by `method`, repeats left out.
fn rank(doc: &TextTerms<'_>, top: usize, method: Method) -> Vec<Keyword> {
    // Every method's value made "higher is better" and positive.
    let values: Vec<f64> = match method {
        Method::Yake => yake::candidate_scores(doc)
            .into_iter()
            .map(|s| {
                if s > 0.0 && s.is_finite() {
                    1.0 / s
                } else {
                    0.0
                }
            })
            .collect(),
        Method::TextRank => textrank::candidate_scores(doc),
        Method::Frequency => doc
            .candidates
            .iter()
            .map(|c| f64::from(c.tf) * c.len as f64)
            .collect(),
    };
    let mut order: Vec<usize> = (0..doc.candidates.len())
        .filter(|&i| values.get(i).is_some_and(|v| *v > 0.0))
        .collect();
    // Ties go to the phrase seen first (candidates are in text order).
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    let mut chosen: Vec<(usize, f64)> = Vec::with_capacity(top.min(doc.candidates.len()));
    for i in order {
        if chosen.len() == top {
            break;
        }
        let Some(candidate) = doc.candidates.get(i) else {
            continue;
        };
        let terms_of = |j: usize| doc.candidates.get(j).map_or(&[][..], |c| c.terms());
        if chosen
            .iter()
            .any(|&(j, _)| repeats(terms_of(j), candidate.terms()))
        {
            continue;
        }
        // A phrase holding chosen ones takes the place of the first of them
        // (and its score); the others go.
        let mut held = chosen
            .iter()
            .enumerate()
            .filter(|&(_, &(j, _))| holds(candidate.terms(), terms_of(j)))
            .map(|(at, _)| at);
        match held.next() {
            Some(first) => {
                let rest: Vec<usize> = held.collect();
                if let Some(slot) = chosen.get_mut(first) {
                    slot.0 = i;
                }
                for at in rest.into_iter().rev() {
                    chosen.remove(at);
                }
            }
            None => chosen.push((i, values[i])),
        }
    }
    let best = chosen.first().map_or(1.0, |&(_, v)| v);
    chosen
        .into_iter()
        .filter_map(|(i, value)| {
            Some(Keyword {
                term: doc.candidates.get(i)?.surface(),
                score: value / best,
            })
        })
        .collect()
}

/// Whether `inner` occurs as a contiguous run in `outer`.
fn holds(outer: &[u32], inner: &[u32]) -> bool {
    !inner.is_empty() && outer.windows(inner.len()).any(|w| w == inner)
}

/// Whether `b` repeats the chosen phrase `a`: it lies inside `a`, or they
/// are two windows on one longer phrase ("secretary general mark" and
/// "general mark rutte"), where the end of one is the start of the other.
/// A phrase that holds `a` and more ("North Korean troops" after "North
/// Korean") says more, and replaces it.
fn repeats(a: &[u32], b: &[u32]) -> bool {
    let inside = holds;
    let overlap = |first: &[u32], second: &[u32]| {
        (1..first.len().min(second.len())).any(|k| first.get(first.len() - k..) == second.get(..k))
    };
    inside(a, b) || overlap(a, b) || overlap(b, a)
}

#[cfg(test)]
mod language_tests;
#[cfg(test)]
mod tests;
