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
//!
//! The word lists are the article's language's ([`Lang`]); the frames that
//! only other languages have (inverted verbs after auxiliaries, dropped
//! subjects, `so Merkel`, `selon lui`) are in [`super::frames`].

use std::ops::Range;

use super::language::Lang;
use super::lexicon::{is_organisation_noun, is_role_noun, is_speech_verb, lower, reporting_verb};
use super::people::{MentionAt, People, Referents};
use crate::text::{TokenKind, tokens};

/// The longest frame read on either side of a quote, in bytes.
const FRAME_BYTES: usize = 400;
/// A verb of saying after a quote is at most this many words in ("the
/// European cross-country champion said" is five).
const SUBJECT_WORDS: usize = 6;

/// Who a frame names as the speaker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Who {
    /// The speaker's entity index: a person, or an organisation that speaks
    /// ("Tesco said"); `None` for a nameless source ("a spokesman").
    pub entity: Option<usize>,
    /// Byte range of the words in the frame that name the speaker (the name,
    /// the pronoun or the role phrase), when they resolve to an entity.
    pub mention: Option<(usize, usize)>,
    /// The entity a spokesperson or representative speaks for ("a Downing
    /// Street spokesman", "Madonna's spokeswoman").
    pub on_behalf_of: Option<usize>,
}

impl Who {
    pub(super) fn entity(entity: usize, bytes: &Range<usize>) -> Self {
        Who {
            entity: Some(entity),
            mention: Some((bytes.start, bytes.end)),
            on_behalf_of: None,
        }
    }

    /// A back-reference (`he`, `the minister`) at `bytes` that resolved to
    /// `entity`, or to nobody.
    pub(super) fn resolved(entity: Option<usize>, bytes: Range<usize>) -> Self {
        Who {
            entity,
            mention: entity.map(|_| (bytes.start, bytes.end)),
            on_behalf_of: None,
        }
    }
}

/// What a quote's own frame says about its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Who speaks, as far as the frame says.
    pub who: Who,
    /// Whether the attribution stands right beside the quote (`"No," he
    /// said` or `He said: "No."`): a short quote with one is direct speech,
    /// not a scare quote.
    pub adjacent: bool,
    /// Byte offset of the attribution, where its speaker becomes the latest
    /// person for back-references.
    pub at: usize,
    /// The lemma of the verb of saying (`according to` gives `accord`), or
    /// `None` for an introduction by a colon alone.
    pub verb: Option<&'static str>,
}

/// One word or punctuation token of a frame, in byte offsets into the text.
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub punct: bool,
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
pub fn words_of(text: &str, range: Range<usize>) -> Vec<Word<'_>> {
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
pub fn ends_sentence(words: &[Word<'_>], i: usize) -> bool {
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

/// Whether `words[i]` ends a sentence in `lang` (English: [`ends_sentence`]).
pub fn ends_sentence_in(words: &[Word<'_>], i: usize, lang: Lang) -> bool {
    if lang == Lang::En {
        return ends_sentence(words, i);
    }
    let Some(word) = words.get(i) else {
        return false;
    };
    match word.text {
        "!" | "?" | ";" | ":" => true,
        "." => !i
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .is_some_and(|prev| !prev.punct && lang.is_abbreviation(prev.text)),
        _ => false,
    }
}

/// `words` (of `text`) with words joined by hyphens made one word
/// (`porte-parole`, `a-t-il`, `пресс-секретарь`, `SPD-Vorsitzende`), as
/// the word lists of the languages other than English hold them.
fn joined<'a>(text: &'a str, words: Vec<Word<'a>>) -> Vec<Word<'a>> {
    let mut out: Vec<Word<'a>> = Vec::with_capacity(words.len());
    let mut iter = words.into_iter().peekable();
    while let Some(word) = iter.next() {
        if word.punct && word.text == "-" {
            let left = out.last().filter(|w| !w.punct && w.end == word.start);
            let right = iter.peek().filter(|w| !w.punct && w.start == word.end);
            if let (Some(left), Some(right)) = (left.copied(), right.copied())
                && let Some(merged) = text.get(left.start..right.end)
            {
                iter.next();
                out.pop();
                out.push(Word {
                    text: merged,
                    start: left.start,
                    end: right.end,
                    punct: false,
                });
                continue;
            }
        }
        out.push(word);
    }
    out
}

/// Reads the frames around quotes for one article.
pub struct Attributor<'p, 'a> {
    pub people: &'p People<'a>,
    pub refs: Referents<'p, 'a>,
}

impl<'a> Attributor<'_, 'a> {
    /// The words of `text[range]` as this language's lists read them.
    pub(super) fn words(&self, range: Range<usize>) -> Vec<Word<'a>> {
        let text = self.people.text;
        let words = words_of(text, range);
        match self.people.lang {
            Lang::En => words,
            _ => joined(text, words),
        }
    }
}

impl Attributor<'_, '_> {
    /// The article's language.
    pub(super) fn lang(&self) -> Lang {
        self.people.lang
    }

    /// Whether `words[i]` ends a sentence.
    pub(super) fn ends_sentence(&self, words: &[Word<'_>], i: usize) -> bool {
        ends_sentence_in(words, i, self.lang())
    }

    /// Whether `words[k]` is a verb of saying, and its lemma: a form of one
    /// (English: [`is_speech_verb`], with the lemma [`reporting_verb`]
    /// gives), a French inverted form (`déclare-t-il`, `dit-elle`), or the
    /// finite part of a separable verb whose particle ends the clause
    /// (`teilte das Ministerium mit`, `voegde hij toe`).
    pub(super) fn speech_verb(&self, words: &[Word<'_>], k: usize) -> Option<Option<&'static str>> {
        let word = words.get(k).filter(|w| !w.punct)?;
        let lang = self.lang();
        if lang == Lang::En {
            return is_speech_verb(word.text).then(|| reporting_verb(word.text));
        }
        if let Some(lemma) = lang.verb_lemma(word.text) {
            return Some(Some(lemma));
        }
        if let Some((head, _)) = super::language::inverted_pronoun(word.text, lang)
            && let Some(lemma) = lang.verb_lemma(head)
        {
            return Some(Some(lemma));
        }
        let candidates = lang.separable(word.text);
        if candidates.is_empty() {
            return None;
        }
        let clause = words.get(k + 1..).unwrap_or_default();
        let stop = clause
            .iter()
            .position(|w| w.punct && matches!(w.text, "." | "!" | "?" | ";"))
            .unwrap_or(clause.len());
        let clause = &clause[..stop];
        candidates.iter().find_map(|&(particle, lemma)| {
            clause
                .iter()
                .enumerate()
                .any(|(i, w)| {
                    !w.punct
                        && super::lexicons::key(w.text) == particle
                        && clause.get(i + 1).is_none_or(|n| n.punct)
                })
                .then_some(Some(lemma))
        })
    }

    /// The speaker an entity mention among `words` names, scanning forwards:
    /// a person, else an organisation or place that heads the phrase
    /// (`said Tesco`, `said the Bank of England`, not `said the head of the IMF`).
    fn named_in(&self, words: &[Word<'_>]) -> Option<Who> {
        let (first, last) = (words.first()?, words.last()?);
        let range = first.start..last.end;
        if let Some(m) = self.people.within(range.clone()).find(|m| m.person) {
            return Some(Who::entity(m.entity, &m.bytes));
        }
        let lang = self.lang();
        let head = words
            .iter()
            .find(|w| !w.punct && !lang.is_determiner(w.text))?;
        self.people
            .within(range)
            .find(|m| m.institution && m.bytes.start == head.start && !self.possessive(m))
            .map(|m| Who::entity(m.entity, &m.bytes))
    }

    /// Whether a mention is a possessive modifier (`the BBC's correspondent`).
    fn possessive(&self, mention: &MentionAt) -> bool {
        let after = self
            .people
            .text
            .get(mention.bytes.end..)
            .unwrap_or_default();
        after.starts_with("'s") || after.starts_with("’s")
    }

    /// The speaker named by a noun phrase that follows its verb (`said
    /// Robert Sinche, head of...`, `said the magazine`).
    pub(super) fn after_verb(&mut self, phrase: &[Word<'_>]) -> Option<Who> {
        if let Some(who) = self.spokesperson(phrase) {
            return Some(who);
        }
        if let Some(who) = self.named_in(phrase) {
            return Some(who);
        }
        let first = phrase.first()?;
        if self.lang().is_personal_pronoun(first.text) {
            let entity = self.refs.pronoun(first.start, first.text);
            return Some(Who::resolved(entity, first.start..first.end));
        }
        self.role(phrase)
    }

    /// The speaker named by the words before a verb (`the Alliance chief`,
    /// `he`, `Mr Balls, who stepped down..., had`): the nearest person
    /// mention or pronoun, read backwards, else a "the" + role phrase, else
    /// an organisation right before the verb (`Tesco said`). An apposition
    /// right before the verb is read last: in `Tobias Meyer, Sotheby's head
    /// of art, said` the subject is Tobias Meyer.
    pub(super) fn before_verb(&mut self, region: &[Word<'_>]) -> Option<Who> {
        let lang = self.lang();
        let mut region = region;
        while region.last().is_some_and(|w| lang.is_auxiliary(w.text)) {
            region = &region[..region.len() - 1];
        }
        let clause = region
            .iter()
            .rposition(|w| w.punct && w.text == ",")
            .map_or(region, |at| &region[at + 1..]);
        if let Some(who) = self.spokesperson(region) {
            return Some(who);
        }
        // `The party said it would...`: "it" right before the verb is the
        // latest organisation named.
        if let Some(it) = region
            .last()
            .filter(|w| lang == Lang::En && matches!(w.text, "it" | "It"))
        {
            let organisation = self.people.latest_organisation(it.start)?;
            return Some(Who::resolved(Some(organisation.entity), it.start..it.end));
        }
        if let Some((_, inner)) = region.split_last().filter(|(last, _)| last.text == ",")
            && let Some(open) = inner.iter().rposition(|w| w.text == ",")
        {
            // `Global Sports Communications, Chepkemei's management
            // company, said`: the head of the apposition speaks.
            let head = &inner[..open];
            if let Some(found) = self.nearest_person(head) {
                return found;
            }
            if let Some(who) = self.named_in(head) {
                return Some(who);
            }
        }
        if let Some(found) = self.nearest_person(region) {
            return found;
        }
        if let Some(who) = self.role(clause) {
            return Some(who);
        }
        // `Tesco said`, not `a member of the Cabinet says`.
        let last = clause.last()?;
        let mention = self
            .people
            .within(last.start..last.end)
            .find(|m| m.institution && m.bytes.end == last.end)?;
        let governed = clause
            .iter()
            .rev()
            .filter(|w| w.end <= mention.bytes.start)
            .find(|w| match lang {
                Lang::En => !matches!(w.text, "the" | "The" | "a" | "an"),
                _ => !lang.is_determiner(w.text),
            })
            .is_some_and(|w| match lang {
                Lang::En => {
                    matches!(w.text, "of" | "for" | "from" | "at" | "in" | "by" | "with")
                }
                _ => lang.is_preposition(w.text),
            });
        (!governed).then(|| Who::entity(mention.entity, &mention.bytes))
    }

    /// The nearest person mention or personal pronoun in `region`, read
    /// backwards: `Some(speaker)` when there is one.
    fn nearest_person(&mut self, region: &[Word<'_>]) -> Option<Option<Who>> {
        let lang = self.lang();
        for word in region.iter().rev().filter(|w| !w.punct) {
            if lang.is_personal_pronoun(word.text) {
                let entity = self.refs.pronoun(word.start, word.text);
                return Some(Some(Who::resolved(entity, word.start..word.end)));
            }
            if let Some(mention) = self.people.within(word.start..word.end).find(|m| m.person) {
                return Some(Some(Who::entity(mention.entity, &mention.bytes)));
            }
        }
        None
    }

    /// "the" + words + a role noun: the person that role refers back to;
    /// "the company", "the ministry": the latest organisation named.
    fn role(&mut self, phrase: &[Word<'_>]) -> Option<Who> {
        if self.lang() != Lang::En {
            return self.role_in_language(phrase);
        }
        let mut words: Vec<&Word<'_>> = phrase.iter().filter(|w| !w.punct).collect();
        if words
            .first()
            .is_some_and(|w| matches!(w.text, "But" | "And" | "So" | "However" | "Yet"))
        {
            words.remove(0);
        }
        // `the MP for Hartlepool`: the head noun comes before its complement.
        if let Some(at) = words
            .iter()
            .skip(1)
            .position(|w| matches!(w.text, "for" | "of" | "at" | "in" | "from"))
        {
            words.truncate(at + 1);
        }
        let (first, last) = (words.first()?, words.last()?);
        if !first.text.eq_ignore_ascii_case("the") || words.len() > 5 {
            return None;
        }
        if words.len() == 2 && is_organisation_noun(last.text) {
            let organisation = self.people.latest_organisation(first.start)?;
            return Some(Who::resolved(
                Some(organisation.entity),
                first.start..last.end,
            ));
        }
        if !is_role_noun(last.text) {
            return None;
        }
        let entity = self.refs.role(first.start, last.text)?;
        Some(Who::resolved(Some(entity), first.start..last.end))
    }

    /// A spokesperson among `words` (`a Downing Street spokesman`,
    /// `Madonna's spokeswoman Liz Rosenberg`, `a spokesman for the
    /// ministry`, `John Smith, a Tesco spokesman,`): the spokesperson speaks,
    /// named when a person stands right after the word or in apposition,
    /// on behalf of the other entity named around it.
    fn spokesperson(&self, words: &[Word<'_>]) -> Option<Who> {
        let lang = self.lang();
        let k = words.iter().position(|w| lang.is_spokesperson(w.text))?;
        let (first, last) = (words.first()?, words.last()?);
        let spokes = &words[k];
        // Named right after the word (`spokeswoman Liz Rosenberg`), or last
        // before the verb (`spokeswoman for women Sandra Gidley said`) unless
        // that name is the one spoken for (`a spokeswoman for Madonna`).
        let named_after = words
            .get(k + 1)
            .filter(|w| !w.punct)
            .and_then(|w| self.people.within(w.start..w.end).find(|m| m.person))
            .or_else(|| {
                let closing = self
                    .people
                    .within(spokes.end..last.end)
                    .filter(|m| m.person && m.bytes.end == last.end)
                    .last()?;
                let before = words.iter().rev().find(|w| w.end <= closing.bytes.start)?;
                (!lang.is_of_word(before.text)).then_some(closing)
            });
        let named_before = words[..k]
            .iter()
            .rposition(|w| w.text == ",")
            .and_then(|comma| {
                self.people
                    .within(first.start..words[comma].start)
                    .filter(|m| m.person)
                    .last()
            });
        let speaker = named_after.or(named_before);
        // The principal: the nearest other entity before the word, or the
        // first after `for`.
        let before = words[..k]
            .iter()
            .rposition(|w| w.text == ",")
            .map_or(first.start, |comma| words[comma].end);
        let principal = self
            .people
            .within(before..spokes.start)
            .filter(|m| speaker.is_none_or(|s| s.bytes != m.bytes))
            .last()
            .or_else(|| {
                let after_for = match lang {
                    Lang::En => words[k..].iter().position(|w| w.text == "for")? + k,
                    // `Sprecher des Ministeriums`, `rzecznik rządu`: the
                    // entity after the word, governed or in the genitive.
                    _ => words[k..]
                        .iter()
                        .position(|w| lang.is_of_word(w.text))
                        .map_or(k, |at| at + k),
                };
                self.people
                    .within(words[after_for].end..last.end)
                    .find(|m| speaker.is_none_or(|s| s.bytes != m.bytes))
            });
        Some(Who {
            entity: speaker.map(|m| m.entity),
            mention: speaker.map(|m| (m.bytes.start, m.bytes.end)),
            on_behalf_of: principal.map(|m| m.entity),
        })
    }

    /// The source named by the words `bytes` before a verb of reported speech.
    pub fn subject(&mut self, bytes: Range<usize>) -> Who {
        let words = self.words(bytes);
        self.before_verb(&words).unwrap_or_default()
    }

    /// The source named by the noun phrase `bytes` after a verb of reported
    /// speech or `according to`.
    pub fn object(&mut self, bytes: Range<usize>) -> Who {
        let words = self.words(bytes);
        self.after_verb(&phrase_after(&words)).unwrap_or_default()
    }

    /// The attribution in the words before the opening mark at byte `open`:
    /// `segments` are the stretches of text outside quotes that lead up to it
    /// in its sentence, in text order, the last ending at `open`. Also says
    /// whether it ends in a colon (an introduction, which outranks the words
    /// after the quote).
    pub fn leading(&mut self, segments: &[Range<usize>], open: usize) -> (Option<Found>, bool) {
        let words: Vec<Word<'_>> = segments
            .iter()
            .flat_map(|s| self.words(s.start.max(s.end.saturating_sub(FRAME_BYTES))..s.end))
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
            .find(|&i| self.ends_sentence(&words, i))
            .map_or(0, |i| i + 1);
        let sentence = &words[from..body];
        let adjacent = colon || comma;
        if let Some(found) = self.according_to(sentence) {
            return (Some(found), colon);
        }
        if let Some((k, verb)) =
            (0..sentence.len()).find_map(|k| Some((k, self.speech_verb(sentence, k)?)))
        {
            let who = match self.lang() {
                Lang::En => self.before_verb(&sentence[..k]),
                // `Dazu sagte Scholz:`, `Как заявил министр,`, `Dijo:`.
                _ => self
                    .before_verb(&sentence[..k])
                    .or_else(|| self.after_verb_at(sentence, k)),
            }
            .unwrap_or_default();
            let at = sentence.get(k).map_or(open, |w| w.start);
            return (
                Some(Found {
                    who,
                    adjacent,
                    at,
                    verb,
                }),
                colon,
            );
        }
        if colon {
            // "His message to the chancellor was:" — a colon introduces the
            // quote even without a verb of saying.
            let lang = self.lang();
            let who = match sentence.iter().find(|w| !w.punct) {
                Some(first)
                    if lang == Lang::En && matches!(first.text, "His" | "Her" | "He" | "She")
                        || lang != Lang::En && lang.is_personal_pronoun(first.text) =>
                {
                    let entity = self.refs.pronoun(first.start, first.text);
                    Who::resolved(entity, first.start..first.end)
                }
                _ => self.named_in(sentence).unwrap_or_default(),
            };
            return (
                Some(Found {
                    who,
                    adjacent,
                    at: open,
                    verb: None,
                }),
                true,
            );
        }
        (None, false)
    }

    /// `according to X` anywhere in a frame.
    pub fn according_to(&mut self, sentence: &[Word<'_>]) -> Option<Found> {
        if self.lang() != Lang::En {
            return self.according_in_language(sentence);
        }
        let at = sentence.windows(2).position(|pair| {
            pair[0].text.eq_ignore_ascii_case("according")
                && pair[1].text.eq_ignore_ascii_case("to")
        })?;
        let phrase = phrase_after(&sentence[at + 2..]);
        if phrase.is_empty() {
            return None;
        }
        let who = self.after_verb(&phrase).unwrap_or_default();
        Some(Found {
            who,
            adjacent: at == 0,
            at: sentence[at].start,
            verb: Some("accord"),
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
        let mut words = self.words(close_end..ceiling);
        if let Some(stop) = (0..words.len()).find(|&i| self.ends_sentence(&words, i)) {
            words.truncate(stop);
        }
        // A comma set outside the marks, British style: `"...", Mr Beith said`.
        let comma = words.first().is_some_and(|w| w.text == ",");
        let words = match words.first() {
            Some(w) if w.text == "," => &words[1..],
            _ => &words[..],
        };
        if self.lang() != Lang::En {
            return self.trailing_in_language(words, quoted, comma, fragment);
        }
        let first = words.first().filter(|w| !w.punct)?;
        let quoted = quoted.trim_end();
        let ended_sentence = quoted.ends_with(['.', '…']);
        // `"No," he said` is direct speech; `as "vacuous" and said` is not.
        let spoken = quoted.ends_with([',', '?', '!', '…', '-', '—']);
        let capital = first.text.chars().next().is_some_and(char::is_uppercase);
        if is_speech_verb(first.text) {
            let who = self
                .after_verb(&phrase_after(&words[1..]))
                .unwrap_or_default();
            return Some(Found {
                who,
                adjacent: true,
                at: first.start,
                verb: reporting_verb(first.text),
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
                let who = self
                    .after_verb(&phrase_after(&clause[1..]))
                    .unwrap_or_default();
                return Some(Found {
                    who,
                    adjacent: false,
                    at: verb.start,
                    verb: reporting_verb(verb.text),
                });
            }
        }
        None
    }

    /// A subject of at most a few words and then a verb of saying, at the
    /// start of `words`: `he said`, `the Alliance chief added`, `Mr
    /// Saldarriaga told the BBC`.
    pub fn subject_then_verb(&mut self, words: &[Word<'_>], spoken: bool) -> Option<Found> {
        let lang = self.lang();
        let first = words.first()?;
        let opens_clause = match lang {
            Lang::En => matches!(
                lower(first.text).as_str(),
                "and"
                    | "but"
                    | "or"
                    | "as"
                    | "while"
                    | "then"
                    | "when"
                    | "before"
                    | "after"
                    | "which"
            ),
            _ => lang.is_conjunction(first.text) || lang.is_preposition(first.text),
        };
        if opens_clause {
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
            if let Some(verb) = self.speech_verb(words, k) {
                let region = &words[..k];
                if region.iter().all(|w| w.punct || lang.is_auxiliary(w.text)) {
                    return None;
                }
                let who = self.before_verb(region).unwrap_or_default();
                return Some(Found {
                    who,
                    adjacent: spoken && count <= 3,
                    at: first.start,
                    verb,
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
pub fn phrase_after<'a>(words: &[Word<'a>]) -> Vec<Word<'a>> {
    words
        .iter()
        .take_while(|w| !w.punct || matches!(w.text, "-" | "'" | "’"))
        .copied()
        .collect()
}
