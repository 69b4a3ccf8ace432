//! Attribution frames of the languages other than English: the verb inverted after a quote (`sagte Merkel`, `dijo el ministro`, `a déclaré le ministre`, `a-t-il ajouté`, `заявил министр`), the perfect with its subject inside (`hat Merkel gesagt`), a dropped subject (`«…», dijo.`, `– Nie ustąpimy – powiedziała.`), `so Merkel` and `aldus Rutte`, "according to" phrases (`según`, `selon lui`, `по его словам`, `jej zdaniem`, `dem Minister zufolge`), and role phrases with their articles (`el ministro`, `die Kanzlerin`, `министр`).

use std::ops::Range;

use super::attribution::{Attributor, Found, Who, Word, phrase_after};
use super::language::{Lang, inverted_pronoun};
use super::lexicons::key;

/// At most this many words stand between an auxiliary and its participle
/// around the subject (`hat die Bundeskanzlerin gesagt`).
const SUBJECT_WORDS: usize = 6;
/// At most this many words of a phrase are read for its role noun (`dijo a
/// los periodistas el ministro`).
const ROLE_WORDS: usize = 6;

impl Attributor<'_, '_> {
    /// The person a pronoun `word` refers to, with its span.
    fn pronoun_word(&mut self, word: &Word<'_>) -> Who {
        let entity = self.refs.pronoun(word.start, word.text);
        Who::resolved(entity, word.start..word.end)
    }

    /// The person the pronoun at `range` inside `word` refers to (`il` of `a-t-il`).
    fn pronoun_in(&mut self, word: &Word<'_>, range: Range<usize>) -> Who {
        let text = word.text.get(range.clone()).unwrap_or_default();
        let bytes = word.start + range.start..word.start + range.end;
        let entity = self.refs.pronoun(bytes.start, text);
        Who::resolved(entity, bytes)
    }

    /// The speaker named after the verb of saying `words[k]`: the pronoun
    /// inside it (`déclare-t-il`), the phrase after it (`dijo el ministro`),
    /// a person in apposition after a comma (`dijo el portavoz del
    /// Gobierno, Pilar Alegría`), or, where the language drops its subjects
    /// and no subject follows (`«…», dijo.`, `dijo en rueda de prensa`),
    /// the latest person, of the verb's gender when it shows one.
    pub(super) fn after_verb_at(&mut self, words: &[Word<'_>], k: usize) -> Option<Who> {
        let lang = self.lang();
        let verb = *words.get(k)?;
        if let Some((_, pronoun)) = inverted_pronoun(verb.text, lang) {
            return Some(self.pronoun_in(&verb, pronoun));
        }
        let rest = words.get(k + 1..).unwrap_or_default();
        let phrase = phrase_after(rest);
        let mut who = self.after_verb(&phrase);
        who = self.apposition(rest, phrase.len(), who);
        let gender = lang.verb_gender(verb.text);
        if let (Some(gender), Some(entity)) = (gender, who.and_then(|w| w.entity)) {
            // `– …, – powiedziała Anna Nowak`: the verb shows her gender.
            self.refs.observe_gender(entity, gender);
        }
        let no_subject = phrase
            .first()
            .is_none_or(|w| lang.is_preposition(w.text) || lang.is_auxiliary(w.text));
        if who.is_none() && lang.pro_drop() && no_subject {
            let entity = self.refs.pronoun_of_gender(verb.start, gender);
            if let (Some(gender), Some(entity)) = (gender, entity) {
                self.refs.observe_gender(entity, gender);
            }
            who = Some(Who {
                entity,
                mention: None,
                on_behalf_of: None,
            });
        }
        who
    }

    /// `who`, or the person named in apposition after the `len` words of
    /// the phrase at the start of `rest` when that phrase names no person
    /// (`dijo el portavoz del Gobierno, Pilar Alegría`, `Selon le ministre
    /// de l'Intérieur, Gérald Darmanin`); a spokesperson keeps whom they
    /// speak for.
    fn apposition(&self, rest: &[Word<'_>], len: usize, who: Option<Who>) -> Option<Who> {
        let person_in_phrase = match (rest.first(), len.checked_sub(1).and_then(|l| rest.get(l))) {
            (Some(first), Some(last)) => {
                self.people.within(first.start..last.end).any(|m| m.person)
            }
            _ => false,
        };
        if person_in_phrase || len == 0 || rest.get(len).is_none_or(|w| w.text != ",") {
            return who;
        }
        let Some(next) = rest.get(len + 1) else {
            return who;
        };
        match self
            .people
            .within(next.start..next.end)
            .find(|m| m.person && m.bytes.start == next.start)
        {
            Some(mention) => Some(Who {
                on_behalf_of: who.and_then(|w| w.on_behalf_of),
                ..Who::entity(mention.entity, &mention.bytes)
            }),
            None => who,
        }
    }

    /// The attribution in the words after a quote: `so Merkel`, an inverted
    /// verb, "according to", a subject and its verb (`el ministro dijo`),
    /// or for a fragment the verb that ends its sentence.
    pub(super) fn trailing_in_language(
        &mut self,
        words: &[Word<'_>],
        quoted: &str,
        comma: bool,
        fragment: bool,
    ) -> Option<Found> {
        let lang = self.lang();
        // `«…», — заявил министр`, `„…” – powiedział`: the narrator's dash.
        let words = match words.first() {
            Some(w) if w.punct && w.text.chars().all(|c| matches!(c, '—' | '–' | '―')) => {
                &words[1..]
            }
            _ => words,
        };
        let first = *words.first().filter(|w| !w.punct)?;
        if lang.is_after_quote(first.text) {
            let phrase = phrase_after(&words[1..]);
            if !phrase.is_empty() {
                let who = self.after_verb(&phrase).unwrap_or_default();
                return Some(Found {
                    who,
                    adjacent: true,
                    at: first.start,
                    verb: Some("accord"),
                });
            }
        }
        if let Some(found) = self.inverted(words) {
            return Some(found);
        }
        if let Some(found) = self.according_to(words) {
            return Some(found);
        }
        let quoted = quoted.trim_end();
        let ended_sentence = quoted.ends_with(['.', '…']);
        let spoken = comma || quoted.ends_with([',', '?', '!', '…', '-', '—']);
        let capital = first.text.chars().next().is_some_and(char::is_uppercase);
        if ended_sentence && capital {
            return None; // a new sentence, not an attribution
        }
        if let Some(found) = self.subject_then_verb(words, spoken) {
            return Some(found);
        }
        if fragment {
            let clause = words
                .iter()
                .rposition(|w| w.text == ",")
                .map_or(words, |at| &words[at + 1..]);
            if clause
                .len()
                .checked_sub(1)
                .is_some_and(|last| self.speech_verb(clause, last).is_some())
            {
                return self.subject_then_verb(clause, false);
            }
            if let Some(found) = self.inverted(clause) {
                return Some(Found {
                    adjacent: false,
                    ..found
                });
            }
        }
        None
    }

    /// A verb of saying at the start of `words`, after at most a few
    /// auxiliaries and adverbs, with its subject after it (`dijo el
    /// ministro`, `ha detto`, `a-t-il ajouté`) or between the auxiliary and
    /// the participle (`hat Merkel gesagt`).
    fn inverted(&mut self, words: &[Word<'_>]) -> Option<Found> {
        let lang = self.lang();
        let first = words.first()?;
        let mut k = 0;
        let mut pronoun: Option<(usize, Range<usize>)> = None;
        while k < words.len().min(4) {
            let word = &words[k];
            if word.punct {
                return None;
            }
            if self.speech_verb(words, k).is_some() {
                break;
            }
            if lang.is_auxiliary(word.text) {
                k += 1;
                continue;
            }
            match inverted_pronoun(word.text, lang) {
                Some((head, range)) if lang.is_auxiliary(head) => {
                    pronoun = Some((k, range));
                    k += 1;
                }
                _ => break,
            }
        }
        if let Some(verb) = self.speech_verb(words, k) {
            let who = match pronoun {
                Some((at, range)) => self.pronoun_in(&words[at], range),
                None => self.after_verb_at(words, k).unwrap_or_default(),
            };
            return Some(Found {
                who,
                adjacent: true,
                at: first.start,
                verb,
            });
        }
        if k == 0 || pronoun.is_some() {
            return None;
        }
        for j in k + 1..words.len().min(k + 1 + SUBJECT_WORDS) {
            if words[j].punct {
                return None;
            }
            if let Some(verb) = self.speech_verb(words, j) {
                let who = self.before_verb(&words[k..j]).unwrap_or_default();
                return Some(Found {
                    who,
                    adjacent: true,
                    at: first.start,
                    verb,
                });
            }
        }
        None
    }

    /// A role or organisation noun among the first words of `phrase`, not
    /// governed by a preposition (`el ministro`, `die Bundeskanzlerin`,
    /// `министр`, `le gouvernement`; not `del ministro`): the person the
    /// role refers back to, or the latest organisation named.
    pub(super) fn role_in_language(&mut self, phrase: &[Word<'_>]) -> Option<Who> {
        let lang = self.lang();
        let words: Vec<Word<'_>> = phrase.iter().filter(|w| !w.punct).copied().collect();
        let skip = usize::from(words.first().is_some_and(|w| lang.is_conjunction(w.text)));
        for i in skip..words.len().min(skip + ROLE_WORDS) {
            let word = words[i];
            let role = lang.is_role_noun(word.text);
            if !role && !lang.is_organisation_noun(word.text) {
                continue;
            }
            let prev = i.checked_sub(1).map(|p| words[p]);
            let governs = |w: Option<Word<'_>>| {
                w.is_some_and(|w| lang.is_preposition(w.text) && !lang.is_determiner(w.text))
            };
            let article = prev.filter(|p| lang.is_determiner(p.text));
            let governed = lang.is_preposition(word.text)
                || match article {
                    Some(_) => governs(i.checked_sub(2).map(|p| words[p])),
                    None => governs(prev),
                };
            if governed {
                continue;
            }
            let start = article.map_or(word.start, |a| a.start);
            if !role {
                let organisation = self.people.latest_organisation(start)?;
                return Some(Who::resolved(Some(organisation.entity), start..word.end));
            }
            let noun = key(word.text);
            let entity = self.refs.role(start, super::language::elided(&noun))?;
            return Some(Who::resolved(Some(entity), start..word.end));
        }
        None
    }

    /// An "according to" phrase at the start of a clause in `sentence`
    /// (`Según el ministro,`, `…, selon lui`, `по его словам`, `jej
    /// zdaniem`), or a source before `zufolge`.
    pub(super) fn according_in_language(&mut self, sentence: &[Word<'_>]) -> Option<Found> {
        let lang = self.lang();
        for (i, word) in sentence.iter().enumerate() {
            if word.punct || (i > 0 && !sentence[i - 1].punct) {
                continue;
            }
            let found = |who| Found {
                who,
                adjacent: i == 0,
                at: word.start,
                verb: Some("accord"),
            };
            // `jej zdaniem`, `ihm zufolge`: a pronoun before a one-word phrase.
            if lang.is_according_pronoun(word.text)
                && sentence.get(i + 1).is_some_and(|next| {
                    lang.according().contains(&key(next.text).as_ref())
                        || lang.is_postposition(next.text)
                })
            {
                let who = self.pronoun_word(word);
                return Some(found(who));
            }
            let Some((end, inserted)) = according_phrase(sentence, i, lang) else {
                continue;
            };
            let who = match inserted {
                Some(at) => self.pronoun_word(&sentence[at]),
                None => {
                    let rest = &sentence[end..];
                    let phrase = phrase_after(rest);
                    match phrase.first() {
                        None => continue,
                        Some(first) if lang.is_according_pronoun(first.text) => {
                            self.pronoun_word(first)
                        }
                        Some(_) => {
                            let who = self.after_verb(&phrase);
                            self.apposition(rest, phrase.len(), who).unwrap_or_default()
                        }
                    }
                }
            };
            return Some(found(who));
        }
        // `Dem Minister zufolge`: the source before the word.
        let at = sentence
            .iter()
            .position(|w| !w.punct && lang.is_postposition(w.text))?;
        let start = sentence[..at]
            .iter()
            .rposition(|w| w.punct)
            .map_or(0, |p| p + 1);
        let phrase = &sentence[start..at];
        let head = phrase.first().filter(|_| phrase.len() <= SUBJECT_WORDS)?;
        let who = self.after_verb(phrase).unwrap_or_default();
        Some(Found {
            who,
            adjacent: start == 0,
            at: head.start,
            verb: Some("accord"),
        })
    }
}

/// The "according to" phrase of `lang` that starts at `sentence[i]`: the
/// index after it, and the index of a pronoun set inside it before its
/// last word (`по его словам`).
fn according_phrase(sentence: &[Word<'_>], i: usize, lang: Lang) -> Option<(usize, Option<usize>)> {
    'phrases: for phrase in lang.according() {
        let parts: Vec<&str> = phrase.split(' ').collect();
        let mut j = i;
        let mut inserted = None;
        for (n, part) in parts.iter().enumerate() {
            let Some(word) = sentence.get(j) else {
                continue 'phrases;
            };
            if key(word.text) == *part {
                j += 1;
                continue;
            }
            let last = n + 1 == parts.len();
            if last
                && n > 0
                && lang.is_according_pronoun(word.text)
                && sentence.get(j + 1).is_some_and(|w| key(w.text) == *part)
            {
                inserted = Some(j);
                j += 2;
                continue;
            }
            continue 'phrases;
        }
        return Some((j, inserted));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_inverted_pronouns_are_found_in_their_word() {
        assert_eq!(
            inverted_pronoun("déclare-t-il", Lang::Fr),
            Some(("déclare", 11..13))
        );
        assert_eq!(inverted_pronoun("a-t-elle", Lang::Fr), Some(("a", 4..8)));
        assert_eq!(inverted_pronoun("dit-on", Lang::Fr), Some(("dit", 4..6)));
        assert_eq!(inverted_pronoun("Jean-Marc", Lang::Fr), None);
        assert_eq!(inverted_pronoun("dit-il", Lang::Es), None);
    }
}
