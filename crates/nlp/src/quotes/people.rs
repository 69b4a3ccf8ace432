//! The people a quote can be given to: entity mentions in byte offsets, and the running record of who "he", "she" and "the minister" refer back to.
//!
//! A back-reference resolves to the nearest earlier *anchor*: a PERSON
//! mention in subject position outside any quote ("Rutte said", "But Greene
//! believes", "According to Rutte"), or the speaker of an earlier quote. A
//! role ("the Secretary General", "the chairman") first looks for a person
//! written with that title ("Secretary General Mark Rutte"), and otherwise
//! resolves like a pronoun. Names after a preposition or a conjunction of a
//! subordinate clause ("hosted by Gordon Brown", "if Radcliffe opts out")
//! are not anchors.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::language::Lang;
use super::lexicon::Gender;
use crate::entities::{Entity, EntityType};
use crate::text::{Token, TokenKind, tokens};

/// How far back (in bytes) the subject test looks for the start of a clause.
const SUBJECT_WINDOW: usize = 120;
/// How many mentions back "the company" may look for its organisation.
const RECENT_MENTIONS: usize = 24;
/// How many of the latest anchors a pronoun may pass over for one of its gender.
const RECENT_ANCHORS: usize = 8;
/// At most this many words may stand between a clause start and a subject
/// ("Menatep Group's managing director Tim Osborne").
const SUBJECT_WORDS: usize = 6;

/// One entity mention, in byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionAt {
    pub bytes: Range<usize>,
    /// Index into the entities.
    pub entity: usize,
    pub person: bool,
    /// An organisation or a place, which may speak as an institution
    /// ("Tesco said", "Downing Street said").
    pub institution: bool,
}

/// Every entity mention of an article in text order, in bytes.
#[derive(Debug)]
pub struct People<'a> {
    pub text: &'a str,
    pub entities: &'a [Entity],
    pub mentions: Vec<MentionAt>,
    /// The article's language, whose word lists read the names' positions.
    pub lang: Lang,
}

impl<'a> People<'a> {
    /// Index the mentions of `entities` (code-point offsets into `text`) by
    /// byte offset: one sort of the mention ends and one sweep of the text.
    /// Mentions outside the text or empty are dropped.
    pub fn new(text: &'a str, entities: &'a [Entity]) -> Self {
        // (code point, mention index, is end)
        let mut ends: Vec<(usize, usize, bool)> = Vec::new();
        let mut raw: Vec<(usize, EntityType)> = Vec::new();
        for (index, entity) in entities.iter().enumerate() {
            for mention in &entity.mentions {
                if mention.start >= mention.end {
                    continue;
                }
                let slot = raw.len();
                raw.push((index, entity.kind));
                ends.push((mention.start, slot, false));
                ends.push((mention.end, slot, true));
            }
        }
        ends.sort_unstable();
        let mut bytes: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); raw.len()];
        let mut positions = text
            .char_indices()
            .map(|(at, _)| at)
            .chain(std::iter::once(text.len()))
            .enumerate();
        let mut current = positions.next();
        for (code_point, slot, is_end) in ends {
            while let Some((cp, _)) = current {
                if cp >= code_point {
                    break;
                }
                current = positions.next();
            }
            let Some((cp, byte)) = current else { break };
            if cp != code_point {
                continue;
            }
            if let Some(entry) = bytes.get_mut(slot) {
                if is_end {
                    entry.1 = Some(byte);
                } else {
                    entry.0 = Some(byte);
                }
            }
        }
        let mut mentions: Vec<MentionAt> = bytes
            .into_iter()
            .zip(raw)
            .filter_map(|(range, (entity, kind))| match range {
                (Some(start), Some(end)) if start < end => Some(MentionAt {
                    bytes: start..end,
                    entity,
                    person: kind == EntityType::Person,
                    institution: matches!(kind, EntityType::Organization | EntityType::Location),
                }),
                _ => None,
            })
            .collect();
        mentions.sort_by_key(|m| (m.bytes.start, m.bytes.end));
        People {
            text,
            entities,
            mentions,
            lang: Lang::En,
        }
    }

    /// The same mentions, read with the word lists of `lang`.
    pub fn in_language(self, lang: Lang) -> Self {
        People { lang, ..self }
    }

    /// The mentions that overlap the byte range `bytes`, in text order.
    pub fn within(&self, bytes: Range<usize>) -> impl Iterator<Item = &MentionAt> {
        // Mentions of one text do not overlap, so their ends are in order too.
        let first = self
            .mentions
            .partition_point(|m| m.bytes.end <= bytes.start);
        self.mentions[first..]
            .iter()
            .take_while(move |m| m.bytes.start < bytes.end)
            .filter(move |m| m.bytes.end > bytes.start)
    }

    /// The latest organisation mentioned before byte `at`, among the few
    /// mentions before it: what "the company" refers back to.
    pub fn latest_organisation(&self, at: usize) -> Option<&MentionAt> {
        let before = self.mentions.partition_point(|m| m.bytes.start < at);
        self.mentions[..before]
            .iter()
            .rev()
            .take(RECENT_MENTIONS)
            .find(|m| {
                self.entities
                    .get(m.entity)
                    .is_some_and(|e| e.kind == EntityType::Organization)
            })
    }

    /// The canonical name of entity `index`.
    pub fn name(&self, index: usize) -> Option<&'a str> {
        self.entities.get(index).map(|e| e.name.as_str())
    }

    /// Whether the mention at byte `start` is the subject of its clause, the
    /// word just before it when that word is a role noun (its title), and the
    /// gender of an honorific just before it (`Mr` Greenspan).
    fn position(&self, start: usize) -> (bool, Option<String>, Option<Gender>) {
        let mut from = start.saturating_sub(SUBJECT_WINDOW);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        let Some(window) = self.text.get(from..start) else {
            return (false, None, None);
        };
        let (window, line_start) = match window.rfind('\n') {
            Some(at) => (&window[at + 1..], true),
            None => (window, from == 0),
        };
        let before: Vec<Token<'_>> = tokens(window).collect();
        let last_word = before.last().filter(|t| t.kind == TokenKind::Word);
        let lang = self.lang;
        let title = last_word
            .filter(|t| lang.is_role_noun(t.text()))
            .map(|t| t.text().to_lowercase());
        let honorific = last_word.and_then(|t| lang.honorific_gender(t.text()));
        let window_start = start - window.len();
        let clause = subject_before(&before, lang).unwrap_or(line_start.then_some(0));
        // "Dr Fox accused Mr Blair": another person opens the clause.
        let subject = clause.is_some_and(|clause| {
            !self
                .within(window_start + clause..start)
                .any(|m| m.person && m.bytes.end <= start)
        });
        (subject, title, honorific)
    }
}

/// Whether the tokens before a name, read backwards, show it in subject
/// position: `Some(Some(at))` at a clause that starts at byte `at` of the
/// tokens' text, `Some(None)` after a preposition or too far in, `None` when
/// the tokens ran out first.
fn subject_before(before: &[Token<'_>], lang: Lang) -> Option<Option<usize>> {
    let mut words = 0;
    let mut iter = before.iter().rev().peekable();
    while let Some(token) = iter.next() {
        let text = token.text();
        if token.kind == TokenKind::Punct {
            match text {
                "-" | "'" | "’" => continue,
                _ => return Some(Some(token.span.end)),
            }
        }
        let lower = text.to_ascii_lowercase();
        if lang == Lang::En
            && lower == "to"
            && iter
                .peek()
                .is_some_and(|t| t.text().eq_ignore_ascii_case("according"))
        {
            return Some(Some(token.span.end));
        }
        if lang.is_conjunction(text) || (lang != Lang::En && ends_according(text, lang)) {
            return Some(Some(token.span.end));
        }
        if lang.is_speech_verb(text) {
            // "..., said Ms Deans." names the subject; "Dr Fox told Mr Blair" does not.
            let inverted = iter.peek().is_none_or(|t| t.kind == TokenKind::Punct);
            return Some(inverted.then_some(token.span.end));
        }
        if lang.ends_subject_position(text) {
            return Some(None);
        }
        // Between a clause start and a name stand only names and titles:
        // "Tory co-chairman Liam Fox", not "they should get Trevor Beattie".
        let capital = text.chars().next().is_some_and(char::is_uppercase);
        if !capital && !lang.is_role_noun(text) && !lang.is_title_modifier(text) {
            return Some(None);
        }
        words += 1;
        if words > SUBJECT_WORDS {
            return Some(None);
        }
    }
    None
}

/// Whether `word` ends one of `lang`'s "according to" phrases (`según`,
/// `словам` of `по словам`): a name after it is the source.
fn ends_according(word: &str, lang: Lang) -> bool {
    let word = super::lexicons::key(word);
    lang.according()
        .iter()
        .any(|phrase| phrase.rsplit(' ').next() == Some(word.as_ref()))
}

fn gender_bit(gender: Gender) -> u8 {
    match gender {
        Gender::Male => 1,
        Gender::Female => 2,
    }
}

/// Who back-references refer to at a point of the text, kept up to date as
/// the quotes are attributed in text order (so each mention is looked at
/// once).
#[derive(Debug)]
pub struct Referents<'p, 'a> {
    people: &'p People<'a>,
    /// Byte ranges of every quote, in order: names inside them are not anchors.
    quoted: Vec<Range<usize>>,
    next_mention: usize,
    next_quote: usize,
    /// Where the last mention taken in ended.
    previous_end: Option<usize>,
    /// The latest anchors, newest last: (byte offset, entity).
    recent: VecDeque<(usize, usize)>,
    /// Per entity, the genders its honorifics showed (bit 1 male, bit 2 female).
    genders: Vec<u8>,
    /// The latest person written after each role noun ("chairman" -> Greenspan).
    titled: FxHashMap<String, usize>,
}

impl<'p, 'a> Referents<'p, 'a> {
    pub fn new(people: &'p People<'a>, quoted: Vec<Range<usize>>) -> Self {
        Referents {
            people,
            quoted,
            next_mention: 0,
            next_quote: 0,
            previous_end: None,
            recent: VecDeque::with_capacity(RECENT_ANCHORS),
            genders: vec![0; people.entities.len()],
            titled: FxHashMap::default(),
        }
    }

    /// Take in every mention that starts before byte `at`.
    fn advance(&mut self, at: usize) {
        while let Some(mention) = self.people.mentions.get(self.next_mention) {
            if mention.bytes.start >= at {
                break;
            }
            self.next_mention += 1;
            let start = mention.bytes.start;
            // "On top of the deal with Tanzania Mr Brown said": a name right
            // after another one starts a new phrase, whatever governed the first.
            let after_name = self
                .previous_end
                .replace(mention.bytes.end)
                .is_some_and(|end| {
                    self.people
                        .text
                        .get(end..start)
                        .is_some_and(|gap| !gap.is_empty() && gap.trim().is_empty())
                });
            if !mention.person {
                continue;
            }
            while self
                .quoted
                .get(self.next_quote)
                .is_some_and(|q| q.end <= start)
            {
                self.next_quote += 1;
            }
            let inside = self
                .quoted
                .get(self.next_quote)
                .is_some_and(|q| q.start <= start);
            let (subject, title, honorific) = self.people.position(start);
            let written = self
                .people
                .text
                .get(mention.bytes.clone())
                .and_then(|t| t.split_whitespace().next())
                .and_then(|w| self.people.lang.honorific_gender(w));
            if let (Some(gender), Some(seen)) =
                (written.or(honorific), self.genders.get_mut(mention.entity))
            {
                *seen |= gender_bit(gender);
            }
            if let Some(title) = title {
                self.titled.insert(title, mention.entity);
            }
            if (subject || after_name) && !inside {
                self.set_anchor(start, mention.entity);
            }
        }
    }

    fn set_anchor(&mut self, at: usize, entity: usize) {
        if self.recent.back().is_none_or(|&(pos, _)| pos <= at) {
            if self.recent.len() == RECENT_ANCHORS {
                self.recent.pop_front();
            }
            self.recent.push_back((at, entity));
        }
    }

    /// Record that `entity` is of `gender`, as a verb's ending showed it.
    pub fn observe_gender(&mut self, entity: usize, gender: Gender) {
        if let Some(seen) = self.genders.get_mut(entity) {
            *seen |= gender_bit(gender);
        }
    }

    /// Record that `entity` spoke at byte `at`: the next "he" may mean them.
    pub fn spoke(&mut self, at: usize, entity: usize) {
        self.advance(at);
        self.set_anchor(at, entity);
    }

    /// The latest anchor before byte `at`: (its byte offset, entity).
    pub fn anchor(&mut self, at: usize) -> Option<(usize, usize)> {
        self.advance(at);
        self.recent.back().copied()
    }

    /// The person the pronoun `word` at byte `at` refers to: the latest
    /// anchor whose honorifics do not say otherwise ("she" passes over a
    /// "Mr"), among the last few.
    pub fn pronoun(&mut self, at: usize, word: &str) -> Option<usize> {
        self.pronoun_of_gender(at, self.people.lang.pronoun_gender(word))
    }

    /// The person a reference of `gender` (or of either) at byte `at`
    /// refers to: a pronoun, or the dropped subject of a verb (`dijo`,
    /// Polish `powiedziała`, whose ending shows the gender).
    pub fn pronoun_of_gender(&mut self, at: usize, gender: Option<Gender>) -> Option<usize> {
        self.advance(at);
        let wanted = gender.map(gender_bit);
        self.recent
            .iter()
            .rev()
            .find(|&&(_, entity)| {
                let seen = self.genders.get(entity).copied().unwrap_or(0);
                wanted.is_none_or(|bit| seen == 0 || seen & bit != 0)
            })
            .map(|&(_, entity)| entity)
    }

    /// The person "the `role`" at byte `at` refers to.
    pub fn role(&mut self, at: usize, role: &str) -> Option<usize> {
        self.advance(at);
        let titled = self.titled.get(&role.to_lowercase()).copied();
        if self.people.lang.is_anonymous_role(role) {
            return titled;
        }
        titled.or(self.recent.back().map(|&(_, entity)| entity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Mention;
    use crate::quotes::tests::person;

    #[test]
    fn mentions_are_found_in_bytes_after_non_ascii_text() {
        let text = "Café owner José Núñez spoke. Núñez left.";
        let entities = [person("José Núñez", text, &["José Núñez", "Núñez"])];
        let people = People::new(text, &entities);
        let found: Vec<&str> = people
            .mentions
            .iter()
            .map(|m| &text[m.bytes.clone()])
            .collect();
        // The helper also finds "Núñez" inside "José Núñez".
        assert_eq!(found, ["José Núñez", "Núñez", "Núñez"]);
    }

    #[test]
    fn offsets_past_the_end_are_dropped_not_panicked_on() {
        let text = "short";
        let mut entity = person("Nobody", text, &[]);
        entity.mentions.push(Mention {
            start: 3,
            end: 99,
            text: "x".into(),
        });
        let entities = [entity];
        assert!(People::new(text, &entities).mentions.is_empty());
    }

    #[test]
    fn a_name_after_a_preposition_is_not_an_anchor() {
        let text = "Mr Chidambaram spoke. At a dinner hosted by finance minister Gordon Brown, he said so.";
        let entities = [
            person("Palaniappan Chidambaram", text, &["Mr Chidambaram"]),
            person("Gordon Brown", text, &["Gordon Brown"]),
        ];
        let people = People::new(text, &entities);
        let mut refs = Referents::new(&people, Vec::new());
        let he = text.find("he said").unwrap_or(0);
        assert_eq!(refs.pronoun(he, "he"), Some(0));
        assert_eq!(refs.role(he, "minister"), Some(1));
    }

    #[test]
    fn according_to_makes_an_anchor() {
        let text = "Putin spoke. According to Rutte, this matters. The chief said so.";
        let entities = [
            person("Vladimir Putin", text, &["Putin"]),
            person("Mark Rutte", text, &["Rutte"]),
        ];
        let people = People::new(text, &entities);
        let mut refs = Referents::new(&people, Vec::new());
        assert_eq!(refs.role(text.len(), "chief"), Some(1));
    }
}
