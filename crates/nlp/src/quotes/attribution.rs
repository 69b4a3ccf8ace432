//! Attribution: the speaker a quote's own sentence names, from the words just before its opening mark or just after its closing one.
//!
//! The frames read, in this order of trust:
//! - an introduction ending in a colon: `X said: "..."`, `X told reporters: "..."`;
//! - the words after the quote: `"...," X said`, `"...," said X`,
//!   `"...," the minister added`, `"...", according to X`;
//! - a verb of saying earlier in the quote's sentence, for a quote inside a
//!   sentence: `X said the issue was "the terms of engagement"`.
//!
//! The subject is an entity mention (a PERSON gives its canonical name; an
//! organisation or a place gives no person), a pronoun or a "the" + role
//! noun phrase (resolved by [`Referents`]), or a nominal such as "a
//! spokesman" or "the magazine", which names nobody.

use std::ops::Range;

use super::lexicon::{is_auxiliary, is_personal_pronoun, is_role_noun, is_speech_verb};
use super::people::{People, Referents};
use crate::text::{TokenKind, tokens};

/// The longest frame read on either side of a quote, in bytes.
const FRAME_BYTES: usize = 400;
/// A verb of saying after a quote is at most this many words in ("the
/// European cross-country champion said" is five).
const SUBJECT_WORDS: usize = 6;

/// What a quote's own frame says about its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The speaking person's entity index, or `None` when the speaker is not
    /// a person entity ("a spokesman", "the magazine", an organisation).
    pub speaker: Option<usize>,
    /// Whether the attribution stands right beside the quote (`"No," he
    /// said` or `He said: "No."`): a short quote with one is direct speech,
    /// not a scare quote.
    pub adjacent: bool,
    /// Byte offset of the attribution, where its speaker becomes the latest
    /// person for back-references.
    pub at: usize,
}

/// One word or punctuation token of a frame, in byte offsets into the text.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    punct: bool,
}

/// Abbreviations whose full stop does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "St"
            | "Sen"
            | "Gen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Jr"
            | "Sr"
            | "Co"
            | "Inc"
            | "Ltd"
            | "Corp"
            | "No"
            | "vs"
            | "Mt"
            | "Capt"
    ) || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
}

/// The tokens of `text[range]`, rounded inward to character boundaries.
fn words_of(text: &str, range: Range<usize>) -> Vec<Word<'_>> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    tokens(slice)
        .map(|t| Word {
            text: t.text(),
            start: start + t.span.start,
            end: start + t.span.end,
            punct: t.kind == TokenKind::Punct,
        })
        .collect()
}

/// Whether `words[i]` ends a sentence (or a clause that attribution does not
/// cross: a semicolon or a colon).
fn ends_sentence(words: &[Word<'_>], i: usize) -> bool {
    let Some(word) = words.get(i) else {
        return false;
    };
    match word.text {
        "!" | "?" | ";" | ":" => true,
        "." => !i
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .is_some_and(|prev| !prev.punct && is_abbreviation(prev.text)),
        _ => false,
    }
}

/// Reads the frames around quotes for one article.
pub struct Attributor<'p, 'a> {
    pub people: &'p People<'a>,
    pub refs: Referents<'p, 'a>,
}

impl Attributor<'_, '_> {
    /// The person entity one of `words` mentions, scanning forwards.
    fn person_in(&self, words: &[Word<'_>]) -> Option<usize> {
        let (first, last) = (words.first()?, words.last()?);
        self.people
            .within(first.start..last.end)
            .find(|m| m.person)
            .map(|m| m.entity)
    }

    /// The speaker named by a noun phrase that follows its verb (`said
    /// Robert Sinche, head of...`, `said the magazine`).
    fn after_verb(&mut self, phrase: &[Word<'_>]) -> Option<usize> {
        if let Some(entity) = self.person_in(phrase) {
            return Some(entity);
        }
        let first = phrase.first()?;
        if is_personal_pronoun(first.text) {
            return self.refs.pronoun(first.start, first.text);
        }
        self.role(phrase)
    }

    /// The speaker named by the words before a verb (`the Alliance chief`,
    /// `he`, `Mr Balls, who stepped down..., had`): the nearest person
    /// mention or pronoun, read backwards, else a "the" + role phrase. An
    /// apposition right before the verb is read last: in `Tobias Meyer,
    /// Sotheby's head of art, said` the subject is Tobias Meyer.
    fn before_verb(&mut self, region: &[Word<'_>]) -> Option<usize> {
        let mut region = region;
        while region.last().is_some_and(|w| is_auxiliary(w.text)) {
            region = &region[..region.len() - 1];
        }
        if let Some((_, inner)) = region.split_last().filter(|(last, _)| last.text == ",")
            && let Some(open) = inner.iter().rposition(|w| w.text == ",")
            && let Some(found) = self.nearest_person(&inner[..open])
        {
            return found;
        }
        if let Some(found) = self.nearest_person(region) {
            return found;
        }
        let clause = region
            .iter()
            .rposition(|w| w.punct && w.text == ",")
            .map_or(region, |at| &region[at + 1..]);
        self.role(clause)
    }

    /// The nearest person mention or personal pronoun in `region`, read
    /// backwards: `Some(speaker)` when there is one.
    fn nearest_person(&mut self, region: &[Word<'_>]) -> Option<Option<usize>> {
        for word in region.iter().rev().filter(|w| !w.punct) {
            if is_personal_pronoun(word.text) {
                return Some(self.refs.pronoun(word.start, word.text));
            }
            if let Some(mention) = self.people.within(word.start..word.end).find(|m| m.person) {
                return Some(Some(mention.entity));
            }
        }
        None
    }

    /// "the" + words + a role noun: the person that role refers back to.
    fn role(&mut self, phrase: &[Word<'_>]) -> Option<usize> {
        let words: Vec<&Word<'_>> = phrase.iter().filter(|w| !w.punct).collect();
        let (first, last) = (words.first()?, words.last()?);
        (first.text.eq_ignore_ascii_case("the") && words.len() <= 5 && is_role_noun(last.text))
            .then(|| self.refs.role(first.start, last.text))
            .flatten()
    }

    /// The attribution in the words before the opening mark at byte `open`:
    /// `segments` are the stretches of text outside quotes that lead up to it
    /// in its sentence, in text order, the last ending at `open`. Also says
    /// whether it ends in a colon (an introduction, which outranks the words
    /// after the quote).
    pub fn leading(&mut self, segments: &[Range<usize>], open: usize) -> (Option<Found>, bool) {
        let words: Vec<Word<'_>> = segments
            .iter()
            .flat_map(|s| {
                words_of(
                    self.people.text,
                    s.start.max(s.end.saturating_sub(FRAME_BYTES))..s.end,
                )
            })
            .collect();
        // Only the stretch right before the mark can introduce it.
        let last_segment = segments
            .last()
            .map_or("", |s| self.people.text.get(s.clone()).unwrap_or_default());
        let colon = last_segment.trim_end().ends_with(':');
        let comma = last_segment.trim_end().ends_with(',');
        let body = words
            .len()
            .saturating_sub(usize::from(words.last().is_some_and(|w| w.text == ":")));
        let from = (0..body)
            .rev()
            .find(|&i| ends_sentence(&words, i))
            .map_or(0, |i| i + 1);
        let sentence = &words[from..body];
        let adjacent = colon || comma;
        if let Some(found) = self.according_to(sentence) {
            return (Some(found), colon);
        }
        if let Some(k) = sentence
            .iter()
            .position(|w| !w.punct && is_speech_verb(w.text))
        {
            let speaker = self.before_verb(&sentence[..k]);
            let at = sentence.get(k).map_or(open, |w| w.start);
            return (
                Some(Found {
                    speaker,
                    adjacent,
                    at,
                }),
                colon,
            );
        }
        if colon {
            // "His message to the chancellor was:" — a colon introduces the
            // quote even without a verb of saying.
            let speaker = match sentence.iter().find(|w| !w.punct) {
                Some(first) if matches!(first.text, "His" | "Her" | "He" | "She") => {
                    self.refs.pronoun(first.start, first.text)
                }
                _ => self.person_in(sentence),
            };
            return (
                Some(Found {
                    speaker,
                    adjacent,
                    at: open,
                }),
                true,
            );
        }
        (None, false)
    }

    /// `according to X` anywhere in a frame.
    fn according_to(&mut self, sentence: &[Word<'_>]) -> Option<Found> {
        let at = sentence.windows(2).position(|pair| {
            pair[0].text.eq_ignore_ascii_case("according")
                && pair[1].text.eq_ignore_ascii_case("to")
        })?;
        let phrase = phrase_after(&sentence[at + 2..]);
        if phrase.is_empty() {
            return None;
        }
        let speaker = self.after_verb(&phrase);
        Some(Found {
            speaker,
            adjacent: at == 0,
            at: sentence[at].start,
        })
    }

    /// The attribution in the words after a closing mark that ends at byte
    /// `close_end`, reading no further than byte `ceiling`; `quoted` is the
    /// quote's words, whose last character tells whether its sentence goes
    /// on, and `fragment` says that the quote is part of a sentence (so the
    /// sentence's closing `, X said` is its attribution too).
    pub fn trailing(
        &mut self,
        quoted: &str,
        fragment: bool,
        close_end: usize,
        ceiling: usize,
    ) -> Option<Found> {
        let ceiling = ceiling.min(close_end.saturating_add(FRAME_BYTES));
        let mut words = words_of(self.people.text, close_end..ceiling);
        if let Some(stop) = (0..words.len()).find(|&i| ends_sentence(&words, i)) {
            words.truncate(stop);
        }
        // A comma set outside the marks, British style: `"...", Mr Beith said`.
        let words = match words.first() {
            Some(w) if w.text == "," => &words[1..],
            _ => &words[..],
        };
        let first = words.first().filter(|w| !w.punct)?;
        let quoted = quoted.trim_end();
        let ended_sentence = quoted.ends_with(['.', '…']);
        // `"No," he said` is direct speech; `as "vacuous" and said` is not.
        let spoken = quoted.ends_with([',', '?', '!', '…', '-', '—']);
        let capital = first.text.chars().next().is_some_and(char::is_uppercase);
        if is_speech_verb(first.text) {
            let speaker = self.after_verb(&phrase_after(&words[1..]));
            return Some(Found {
                speaker,
                adjacent: true,
                at: first.start,
            });
        }
        if let Some(found) = self.according_to(words) {
            return Some(found);
        }
        if ended_sentence && capital {
            return None; // a new sentence, not an attribution: `..." He said later that...`
        }
        if let Some(found) = self.subject_then_verb(words, spoken) {
            return Some(found);
        }
        if fragment {
            // `...prepared to "put up with" the attitudes they met, Prof Lovenduski said.`
            let clause = words
                .iter()
                .rposition(|w| w.text == ",")
                .map_or(words, |at| &words[at + 1..]);
            if clause.last().is_some_and(|w| is_speech_verb(w.text)) {
                return self.subject_then_verb(clause, false);
            }
            if let Some(verb) = clause.first().filter(|w| is_speech_verb(w.text)) {
                let speaker = self.after_verb(&phrase_after(&clause[1..]));
                return Some(Found {
                    speaker,
                    adjacent: false,
                    at: verb.start,
                });
            }
        }
        None
    }

    /// A subject of at most a few words and then a verb of saying, at the
    /// start of `words`: `he said`, `the Alliance chief added`, `Mr
    /// Saldarriaga told the BBC`.
    fn subject_then_verb(&mut self, words: &[Word<'_>], spoken: bool) -> Option<Found> {
        let first = words.first()?;
        if matches!(
            first.text.to_ascii_lowercase().as_str(),
            "and" | "but" | "or" | "as" | "while" | "then" | "when" | "before" | "after" | "which"
        ) {
            return None;
        }
        let mut count = 0;
        for (k, word) in words.iter().enumerate() {
            if word.punct {
                if matches!(word.text, "-" | "'" | "’") {
                    continue;
                }
                return None;
            }
            if is_speech_verb(word.text) {
                let region = &words[..k];
                if region.iter().all(|w| w.punct || is_auxiliary(w.text)) {
                    return None;
                }
                let speaker = self.before_verb(region);
                return Some(Found {
                    speaker,
                    adjacent: spoken && count <= 3,
                    at: first.start,
                });
            }
            count += 1;
            if count > SUBJECT_WORDS {
                return None;
            }
        }
        None
    }
}

/// The noun phrase after a verb of saying, up to the first comma or other
/// punctuation inside a word (`said Robert Sinche, head of...`).
fn phrase_after<'a>(words: &[Word<'a>]) -> Vec<Word<'a>> {
    words
        .iter()
        .take_while(|w| !w.punct || matches!(w.text, "-" | "'" | "’"))
        .copied()
        .collect()
}
