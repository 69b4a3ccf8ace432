//! Reported speech: the clauses a sentence gives to a source without quotation marks around all of them, found from a verb of saying and the words around it.
//!
//! Three frames are read, one sentence at a time, outside direct quotes:
//! - **verb, then content**: `The minister said (that) the plan would cost
//!   jobs`, `She told reporters the deal was dead`, `Analysts believe rates
//!   will rise`, `..., adding that the team was tired`. The content runs from
//!   after the verb (its listener and a `that` skipped) to the end of the
//!   sentence, and must read as a clause: it opens like a subject (or with
//!   `that`) and has a finite verb within its first words, so `announced his
//!   retirement` is not speech;
//! - **content, then verb**: `The plan would cost jobs, the minister said`,
//!   `..., said Mr Smith, the former mayor`;
//! - **according to**: `According to police, the driver fled` and `The
//!   driver fled, according to police`.
//!
//! A content that holds quoted words is **mixed** speech (`He said the deal
//! was "a disaster for farmers"`); one that is all inside quotation marks is
//! left to direct quote finding. Passives (`is said to be`), infinitives
//! (`refused to say`) and verbs used as nouns (`a warning`) are not frames.
//! Each verb is looked at once and the words after a content are not read
//! again for a frame inside it, so the time is linear in the sentence.

use std::ops::Range;

use super::attribution::{Word, words_of};
use super::clause_words::{
    blocks_verb, cannot_open, is_auxiliary_word, is_finite, is_listener_word, is_subject_pronoun,
    is_time_word, opens_adverbial,
};
use super::lexicon::{
    frames_with_as, is_view_verb, reporting_verb, takes_infinitive, takes_listener,
};
use super::marks::Part;

/// The longest stretch before a verb read for its subject, in bytes.
const FRAME_BYTES: usize = 400;
/// Words after a verb within which a `that` opens its content.
const THAT_WINDOW: usize = 8;
/// A content must show a finite verb within this many words.
const FINITE_WINDOW: usize = 12;
/// A subject between a comma and a trailing verb has at most this many words.
const TRAILING_SUBJECT: usize = 6;
/// A content has at least this many words.
const MIN_CONTENT_WORDS: usize = 3;

/// Where the words that name a reported statement's source are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The clause before the verb (`the former mayor, NAME, said`), bytes.
    Before(Range<usize>),
    /// The noun phrase after the verb (`said NAME, who...`), bytes.
    After(Range<usize>),
    /// `according to X`: the words after `to`, bytes.
    According(Range<usize>),
    /// A participle (`..., adding that...`): the source of the sentence's
    /// previous statement.
    Previous,
}

/// One statement of reported speech, before its source is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    /// The reported content, in bytes, without the closing full stop.
    pub content: Range<usize>,
    /// The lemma of the verb (`accord` for `according to`).
    pub verb: &'static str,
    /// Byte offset of the verb: where the statement is attributed.
    pub at: usize,
    pub source: Source,
    /// Indices of the direct-quote parts inside the content (mixed speech).
    pub parts: Range<usize>,
    /// Index of the sentence, to tie a participle to its sentence.
    pub sentence: usize,
}

/// The reported speech of `text`: `sentences` are its sentence spans in
/// bytes and `parts` its direct-quote parts, both in text order. Linear in
/// the text.
pub fn find(text: &str, sentences: &[Range<usize>], parts: &[Part]) -> Vec<Reported> {
    let mut found = Vec::new();
    let mut first_part = 0;
    for (index, sentence) in sentences.iter().enumerate() {
        // Parts that end before the sentence; one opened in an earlier
        // sentence and still open covers the start of this one.
        while parts
            .get(first_part)
            .is_some_and(|p| p.close_end.unwrap_or(p.words.end) <= sentence.start)
        {
            first_part += 1;
        }
        let last_part = first_part
            + parts[first_part..]
                .iter()
                .take_while(|p| p.open < sentence.end)
                .count();
        let scan = Sentence::new(text, sentence.clone(), parts, first_part..last_part);
        scan.statements(index, &mut found);
    }
    found
}

/// One sentence's words, each known to be inside or outside a quote, with
/// what the frames look up about each word computed once, so that reading
/// every verb of a long sentence stays linear.
struct Sentence<'t, 'p> {
    words: Vec<Word<'t>>,
    quoted: Vec<bool>,
    /// The lemma of each word outside quotes that is a verb of saying.
    lemmas: Vec<Option<&'static str>>,
    /// The last comma before each word.
    previous_comma: Vec<Option<usize>>,
    /// Where the clause of each word starts: after the last `;` or `:`.
    clause_start: Vec<usize>,
    /// Where a content that starts at each word ends (see [`Self::cuts`]).
    content_end: Vec<usize>,
    /// Whether the sentence opens with a stretch up to its first comma that
    /// holds no quote and no finite verb: a name, so a comma right before a
    /// verb closes an apposition (`NAME, the former mayor, said`, `NAME, who
    /// ..., said`) rather than a content (`The plan failed, said NAME`).
    opens_with_name: bool,
    parts: &'p [Part],
    part_range: Range<usize>,
}

impl<'t, 'p> Sentence<'t, 'p> {
    fn new(text: &'t str, span: Range<usize>, parts: &'p [Part], part_range: Range<usize>) -> Self {
        let mut words = words_of(text, span);
        // The full stop that ends the sentence is not content.
        while words
            .last()
            .is_some_and(|w| w.punct && matches!(w.text, "." | "!" | "?" | "…"))
        {
            words.pop();
        }
        let mut quoted = Vec::with_capacity(words.len());
        let mut next = part_range.start;
        for word in &words {
            while next < part_range.end
                && parts
                    .get(next)
                    .is_some_and(|p| p.close_end.unwrap_or(p.words.end) <= word.start)
            {
                next += 1;
            }
            let inside = next < part_range.end
                && parts.get(next).is_some_and(|p| {
                    p.open <= word.start && word.start < p.close_end.unwrap_or(p.words.end)
                });
            quoted.push(inside);
        }
        let mut previous_comma = Vec::with_capacity(words.len());
        let mut clause_start = Vec::with_capacity(words.len());
        let (mut comma, mut clause) = (None, 0);
        for (k, word) in words.iter().enumerate() {
            previous_comma.push(comma);
            clause_start.push(clause);
            match word.text {
                "," => comma = Some(k),
                ";" | ":" => clause = k + 1,
                _ => {}
            }
        }
        let first_comma = words
            .iter()
            .position(|w| w.text == ",")
            .unwrap_or(words.len());
        let lemmas = words
            .iter()
            .zip(&quoted)
            .map(|(w, &q)| (!w.punct && !q).then(|| reporting_verb(w.text)).flatten())
            .collect();
        let opens_with_name = first_comma > 0
            && !quoted[..first_comma].iter().any(|&q| q)
            && !words[..first_comma]
                .iter()
                .any(|w| !w.punct && is_finite(w.text));
        let mut sentence = Sentence {
            opens_with_name,
            words,
            quoted,
            lemmas,
            previous_comma,
            clause_start,
            content_end: Vec::new(),
            parts,
            part_range,
        };
        sentence.content_end = sentence.cuts();
        sentence
    }

    /// For each word `j`, where a content that starts there ends: at the
    /// first cut after `j`, a cut being a semicolon, the `and` before a
    /// second verb of saying of the same subject (`... and said ...`), or the
    /// comma before a trailing attribution (`..., Mr Thomas said`). One pass
    /// to mark the cuts and one backwards to spread them.
    fn cuts(&self) -> Vec<usize> {
        let words = &self.words;
        let len = words.len();
        let mut cut = vec![false; len];
        // The next punctuation at or after each word.
        let mut next_punct = vec![len; len + 1];
        for k in (0..len).rev() {
            next_punct[k] = if words[k].punct { k } else { next_punct[k + 1] };
        }
        for k in 0..len {
            if words[k].text == ";" {
                cut[k] = true;
                continue;
            }
            if self.lemmas[k].is_none() {
                continue;
            }
            let mut back = k;
            for _ in 0..3 {
                match back.checked_sub(1) {
                    Some(b) if words[b].text == "also" || is_auxiliary_word(words[b].text) => {
                        back = b;
                    }
                    _ => break,
                }
            }
            if let Some(b) = back.checked_sub(1)
                && matches!(words[b].text, "and" | "but")
            {
                cut[b] = true;
                continue;
            }
            // `, X said` or `, said X` closing the sentence.
            let rest_ends = next_punct[k + 1] >= len || words[next_punct[k + 1]].text == ";";
            if let Some(comma) = self.previous_comma[k]
                && k - comma <= TRAILING_SUBJECT + 1
                && next_punct[comma + 1] >= k
                && rest_ends
                && len - k <= TRAILING_SUBJECT + 2
            {
                cut[comma] = true;
            }
        }
        let mut end = vec![len; len + 1];
        for j in (0..len).rev() {
            end[j] = if j + 1 < len && cut[j + 1] {
                j + 1
            } else {
                end[j + 1]
            };
        }
        end
    }

    /// Every statement of the sentence, appended to `found`.
    fn statements(&self, sentence: usize, found: &mut Vec<Reported>) {
        let words = &self.words;
        if let Some(statement) = self.according_to(sentence) {
            found.push(statement);
            return;
        }
        let mut i = 0;
        // Where a content before its verb may start: after the last such
        // content. A content after its verb may be taken in once more by the
        // trailing attribution that reports it (`Guidance said e-mails
        // should go, Mr Thomas said`), so each word is in at most two.
        let mut floor = 0;
        while i < words.len() {
            let Some(lemma) = self.lemmas[i] else {
                i += 1;
                continue;
            };
            if blocks_verb(&words[..i]) {
                i += 1;
                continue;
            }
            if let Some(statement) = self.forward(i, lemma, sentence) {
                i = self.index_after(statement.content.end).max(i + 1);
                found.push(statement);
                continue;
            }
            if let Some(statement) = self.backward(i, lemma, floor, sentence) {
                i = self.index_after(statement.content.end).max(i + 1);
                floor = i;
                found.push(statement);
                continue;
            }
            i += 1;
        }
    }

    /// The index of the first word at or after byte `at`.
    fn index_after(&self, at: usize) -> usize {
        self.words.partition_point(|w| w.start < at)
    }

    /// Whether word `k` is outside quotes and not punctuation.
    fn plain(&self, k: usize) -> bool {
        self.words.get(k).is_some_and(|w| !w.punct) && !self.quoted.get(k).copied().unwrap_or(true)
    }

    /// `X said (that) CONTENT`: the verb at `i`, its content after it.
    fn forward(&self, i: usize, lemma: &'static str, sentence: usize) -> Option<Reported> {
        let words = &self.words;
        let verb = &words[i];
        let previous = i.checked_sub(1).and_then(|k| words.get(k));
        let participle = verb.text.ends_with("ing");
        let source = if participle {
            // `..., adding that`: the previous statement's source.
            if previous.is_none_or(|w| w.text != ",") {
                return None;
            }
            Source::Previous
        } else if previous.is_some_and(|w| matches!(w.text, "and" | "but")) {
            // `X admitted ... and said ...`: the same subject.
            Source::Previous
        } else {
            // `"...," said X` is direct speech; `..., said X` has its
            // content before the verb, unless the comma closes an
            // apposition (`NAME, the former mayor, said ...`).
            let previous = previous?;
            if previous.text == "," {
                if !self.opens_with_name {
                    return None;
                }
            } else if previous.punct && !matches!(previous.text, "-" | "—" | "–") {
                return None;
            }
            if !self.plain(i - 1) && previous.text != "," {
                return None;
            }
            let start = self.clause_start[i];
            let from = words.get(start).map_or(verb.start, |w| w.start);
            Source::Before(from.max(verb.start.saturating_sub(FRAME_BYTES))..words[i - 1].end)
        };
        let mut j = i + 1;
        if lemma == "point" {
            if words.get(j).is_none_or(|w| w.text != "out") {
                return None;
            }
            j += 1;
        }
        let that = words[j..]
            .iter()
            .take(THAT_WINDOW)
            .zip(&self.lemmas[j..])
            .take_while(|(w, lemma)| {
                (!w.punct || matches!(w.text, "," | "'" | "’" | "-")) && lemma.is_none()
            })
            .position(|(w, _)| w.text == "that")
            .map(|k| j + k);
        let framed = frames_with_as(lemma) || lemma == "accuse";
        if let Some(k) = that.filter(|_| !framed) {
            j = k + 1;
        } else {
            if is_view_verb(lemma) && words.get(j).is_some_and(|w| w.text == "so") {
                return None;
            }
            if takes_listener(lemma) && !framed {
                let listener = words[j..]
                    .iter()
                    .take(5)
                    .take_while(|w| is_listener_word(w))
                    .count();
                // The content opens after the listener, or at a word that
                // opens a clause within it (`told the BBC the plan...`).
                let after = j + listener;
                j = (j + 1..after)
                    .rev()
                    .find(|&k| matches!(words[k].text, "the" | "a" | "he" | "she" | "it" | "they"))
                    .unwrap_or(after);
            }
            while words.get(j).is_some_and(is_time_word) {
                j += 1;
            }
        }
        if lemma == "tell"
            && words
                .get(j..j + 2)
                .is_some_and(|p| matches!(p[1].text, "story" | "tale"))
        {
            return None; // `tells the story of`
        }
        if lemma == "show" && that.is_none() {
            return None; // `the figures showed a rise`: data, not speech
        }
        if takes_infinitive(lemma) && words.get(j).is_some_and(|w| w.text == "not") {
            j += 1; // `warned Mr Brown not to be tempted`
        }
        let first = words.get(j)?;
        // `told researchers: "..."`: a colon introduces a direct quote.
        if words[j..].iter().take(4).any(|w| w.text == ":") {
            return None;
        }
        let infinitive = takes_infinitive(lemma) && first.text == "to";
        if that.is_none() && cannot_open(first) && !infinitive {
            return None;
        }
        if takes_infinitive(lemma) && that.is_none() && !infinitive && !takes_listener(lemma) {
            return None;
        }
        let end = self.content_end(j)?;
        if that.is_none() || framed {
            let window = &words[j..end.min(j + FINITE_WINDOW + 1)];
            let accepted = if framed {
                let marker = if lemma == "accuse" { "of" } else { "as" };
                window.iter().any(|w| w.text == marker)
                    || (matches!(lemma, "call" | "label" | "brand")
                        && self.quoted[j..end.min(j + FINITE_WINDOW + 1)]
                            .iter()
                            .any(|&q| q))
            } else if infinitive
                || is_subject_pronoun(first.text)
                || (matches!(lemma, "deny" | "admit") && first.text.ends_with("ing"))
            {
                true
            } else {
                window.iter().any(|w| !w.punct && is_finite(w.text))
            };
            if !accepted {
                return None;
            }
        }
        self.statement(j..end, lemma, verb.start, source, sentence)
    }

    /// `CONTENT, X said` or `CONTENT, said X[, ...]`: the verb at `i` after
    /// the sentence's content, with nothing after it but its subject, a
    /// listener, a time or an apposition. `For instance, said Mr Hogan,
    /// CONTENT` takes the content after.
    fn backward(
        &self,
        i: usize,
        lemma: &'static str,
        floor: usize,
        sentence: usize,
    ) -> Option<Reported> {
        let words = &self.words;
        let comma = self.previous_comma[i]?;
        let between = &words[comma + 1..i];
        let verb = &words[i];
        let inverted = between.is_empty();
        let (source, after) = if inverted {
            // `..., said X`: the phrase after the verb.
            let phrase = words[i + 1..]
                .iter()
                .take_while(|w| !w.punct || matches!(w.text, "-" | "'" | "’"))
                .count();
            // A name or a short description, not a clause (`warned Mr
            // Brown not to be tempted`).
            if phrase == 0
                || phrase > TRAILING_SUBJECT
                || words[i + 1..i + 1 + phrase]
                    .iter()
                    .any(|w| is_finite(w.text) || w.text == "to")
            {
                return None;
            }
            (
                Source::After(words[i + 1].start..words[i + phrase].end),
                i + 1 + phrase,
            )
        } else {
            if between.len() > TRAILING_SUBJECT
                || between
                    .iter()
                    .any(|w| w.punct && !matches!(w.text, "-" | "'" | "’"))
                || between.iter().any(|w| {
                    matches!(
                        w.text,
                        "that" | "who" | "whom" | "which" | "whose" | "with" | "when" | "if"
                    )
                })
            {
                return None;
            }
            let listener = words[i + 1..]
                .iter()
                .take_while(|w| is_listener_word(w) || is_time_word(w))
                .count();
            (
                Source::Before(between[0].start..between[between.len() - 1].end),
                i + 1 + listener,
            )
        };
        let tail_comma = match words.get(after) {
            None => false,
            Some(w) if w.text == "," => true,
            Some(_) => return None,
        };
        let start = skip_conjunction(words, self.clause_start[comma].max(floor), comma);
        let before_words = words[start..comma].iter().filter(|w| !w.punct).count();
        if inverted && tail_comma && before_words < MIN_CONTENT_WORDS {
            // `For instance, said Mr Hogan, filtering out links can stop spam.`
            let end = self.content_end(after + 1)?;
            return self.statement(after + 1..end, lemma, verb.start, source, sentence);
        }
        if words.get(start).is_some_and(opens_adverbial) {
            return None;
        }
        self.statement(start..comma, lemma, verb.start, source, sentence)
    }

    /// `According to X, CONTENT` and `CONTENT, according to X`.
    fn according_to(&self, sentence: usize) -> Option<Reported> {
        let words = &self.words;
        let k = words.windows(2).position(|pair| {
            pair[0].text.eq_ignore_ascii_case("according")
                && pair[1].text.eq_ignore_ascii_case("to")
        })?;
        if self.quoted[k] {
            return None;
        }
        let phrase_end = k
            + 2
            + words[k + 2..]
                .iter()
                .take_while(|w| !w.punct || matches!(w.text, "-" | "'" | "’"))
                .count();
        if phrase_end == k + 2 {
            return None;
        }
        let source = Source::According(words[k + 2].start..words[phrase_end - 1].end);
        let at = words[k].start;
        let before = self.previous_comma[k];
        if words.get(phrase_end).is_some_and(|w| w.text == ",")
            && (k == 0 || before.is_some_and(|b| b + 1 == k))
        {
            // `According to X, CONTENT`, perhaps after an opening phrase.
            let start = phrase_end + 1;
            let end = self.content_end(start)?;
            return self.statement(start..end, "accord", at, source, sentence);
        }
        if let Some(comma) = before.filter(|&b| b + 1 == k) {
            let start = skip_conjunction(words, 0, comma);
            return self.statement(start..comma, "accord", at, source, sentence);
        }
        None
    }

    /// The word index where a content that starts at word `j` ends.
    fn content_end(&self, j: usize) -> Option<usize> {
        let end = *self.content_end.get(j)?;
        (end > j).then_some(end)
    }

    /// A statement over the words `range`, unless it is too short or all
    /// inside quotation marks (a direct quote).
    fn statement(
        &self,
        range: Range<usize>,
        verb: &'static str,
        at: usize,
        source: Source,
        sentence: usize,
    ) -> Option<Reported> {
        let mut range = range;
        while range.end > range.start && self.words[range.end - 1].text == "," {
            range.end -= 1;
        }
        let inner = self.words.get(range.clone())?;
        let (first, last) = (inner.first()?, inner.last()?);
        let content_words = inner.iter().filter(|w| !w.punct).count();
        if content_words < MIN_CONTENT_WORDS {
            return None;
        }
        let quoted = self.quoted.get(range.clone())?;
        let outside = inner.iter().zip(quoted).any(|(w, &q)| !q && !w.punct);
        if !outside {
            return None;
        }
        let bytes = first.start..last.end;
        // The parts inside the content: those that open in it and end in it.
        let sentence_parts = self.parts.get(self.part_range.clone()).unwrap_or_default();
        let from = sentence_parts.partition_point(|p| p.open < bytes.start);
        let to = sentence_parts.partition_point(|p| p.open < bytes.end);
        let inside = sentence_parts[from..to.max(from)]
            .iter()
            .take_while(|p| p.words.end <= bytes.end)
            .count();
        let parts = match inside {
            0 => 0..0,
            n => self.part_range.start + from..self.part_range.start + from + n,
        };
        Some(Reported {
            content: bytes,
            verb,
            at,
            source,
            parts,
            sentence,
        })
    }
}

/// The first word index of a content from `start` to `end`, past an
/// opening `But`, `And` or `So`.
fn skip_conjunction(words: &[Word<'_>], start: usize, end: usize) -> usize {
    match words.get(start) {
        Some(w) if start < end && matches!(w.text, "But" | "And" | "So" | "Yet") => start + 1,
        _ => start,
    }
}

#[cfg(test)]
mod tests {
    use crate::entities::EntityType;
    use crate::quotes::tests::{entity, person};
    use crate::quotes::{Quote, QuoteKind, find_quotes};

    /// (text, kind, verb, speaker) of each quote.
    fn found(quotes: &[Quote]) -> Vec<(&str, QuoteKind, Option<&str>, Option<&str>)> {
        quotes
            .iter()
            .map(|q| {
                (
                    q.text.as_str(),
                    q.kind,
                    q.verb.as_deref(),
                    q.speaker.as_deref(),
                )
            })
            .collect()
    }

    #[test]
    fn reported_speech_with_and_without_that_before_and_after_its_verb() {
        let text = "The minister said the plan would cost jobs. \
                    Jane Doe warned that prices would rise. \
                    The driver fled, according to police. \
                    Sales will fall this year, Jane Doe told reporters.";
        let entities = [
            person("Jane Doe", text, &["Jane Doe"]),
            entity("police", EntityType::Organization, text, &["police"]),
        ];
        assert_eq!(
            found(&find_quotes(text, &entities)),
            [
                (
                    "the plan would cost jobs",
                    QuoteKind::Indirect,
                    Some("say"),
                    None
                ),
                (
                    "prices would rise",
                    QuoteKind::Indirect,
                    Some("warn"),
                    Some("Jane Doe")
                ),
                (
                    "The driver fled",
                    QuoteKind::Indirect,
                    Some("accord"),
                    Some("police")
                ),
                (
                    "Sales will fall this year",
                    QuoteKind::Indirect,
                    Some("tell"),
                    Some("Jane Doe")
                ),
            ]
        );
    }

    #[test]
    fn quoted_words_inside_reported_speech_make_one_mixed_quote() {
        let text = "Tom Hill said the deal was \"a disaster for farmers\" and would not pass.";
        let entities = [person("Tom Hill", text, &["Tom Hill"])];
        let quotes = find_quotes(text, &entities);
        assert_eq!(
            found(&quotes),
            [(
                "the deal was \"a disaster for farmers\" and would not pass",
                QuoteKind::Mixed,
                Some("say"),
                Some("Tom Hill")
            )]
        );
        let mention = quotes[0].speaker_mention.expect("a mention");
        assert_eq!((mention.start, mention.end), (0, 8));
    }

    #[test]
    fn descriptor_chains_and_appositions_keep_the_named_speaker() {
        let text = "Ann Poe, the former mayor, said the vote was rigged. \
                    The city lost, said Bob Roe, who runs the club. \
                    The former police officer and candidate Carl Moe responded that nothing had changed.";
        let entities = [
            person("Ann Poe", text, &["Ann Poe"]),
            person("Bob Roe", text, &["Bob Roe"]),
            person("Carl Moe", text, &["Carl Moe"]),
        ];
        assert_eq!(
            found(&find_quotes(text, &entities)),
            [
                (
                    "the vote was rigged",
                    QuoteKind::Indirect,
                    Some("say"),
                    Some("Ann Poe")
                ),
                (
                    "The city lost",
                    QuoteKind::Indirect,
                    Some("say"),
                    Some("Bob Roe")
                ),
                (
                    "nothing had changed",
                    QuoteKind::Indirect,
                    Some("respond"),
                    Some("Carl Moe")
                ),
            ]
        );
    }

    #[test]
    fn a_participle_and_a_second_verb_keep_the_sentence_speaker_and_he_resolves() {
        let text = "\"We won,\" Ann Poe said, adding that the team was tired. \
                    She admitted the pitch was poor and said the fans were great. \
                    He said nothing.";
        let entities = [person("Ann Poe", text, &["Ann Poe"])];
        assert_eq!(
            found(&find_quotes(text, &entities)),
            [
                ("We won", QuoteKind::Direct, Some("say"), Some("Ann Poe")),
                (
                    "the team was tired",
                    QuoteKind::Indirect,
                    Some("add"),
                    Some("Ann Poe")
                ),
                (
                    "the pitch was poor",
                    QuoteKind::Indirect,
                    Some("admit"),
                    Some("Ann Poe")
                ),
                (
                    "the fans were great",
                    QuoteKind::Indirect,
                    Some("say"),
                    Some("Ann Poe")
                ),
            ]
        );
    }

    #[test]
    fn passives_infinitives_nouns_and_bare_objects_are_not_speech() {
        let text = "The company is said to be for sale. She refused to say where she was. \
                    The warning came late. He announced his retirement. Analysts think so. \
                    The claims were denied by the firm.";
        assert_eq!(found(&find_quotes(text, &[])), []);
    }

    #[test]
    fn a_spokesperson_speaks_on_behalf_of_the_organisation() {
        let text = "A Tesco spokesman said the stores would open. \
                    Tesco spokeswoman Ann Poe said prices would fall.";
        let entities = [
            entity("Tesco", EntityType::Organization, text, &["Tesco"]),
            person("Ann Poe", text, &["Ann Poe"]),
        ];
        let quotes = find_quotes(text, &entities);
        let spoken: Vec<(Option<&str>, Option<&str>)> = quotes
            .iter()
            .map(|q| (q.speaker.as_deref(), q.on_behalf_of.as_deref()))
            .collect();
        assert_eq!(
            spoken,
            [(None, Some("Tesco")), (Some("Ann Poe"), Some("Tesco"))]
        );
    }

    #[test]
    fn a_constituency_is_never_the_speaker_for_its_mp() {
        let text = "Hartlepool MP Iain Wright said the plan would fail. \
                    \"It is a scandal,\" said the MP for Hartlepool. \
                    The MP for Sedgefield, Tony Blair, said the vote was close.";
        let entities = [
            entity("Hartlepool", EntityType::Location, text, &["Hartlepool"]),
            entity("Sedgefield", EntityType::Location, text, &["Sedgefield"]),
            person("Iain Wright", text, &["Iain Wright"]),
            person("Tony Blair", text, &["Tony Blair"]),
        ];
        let quotes = find_quotes(text, &entities);
        let speakers: Vec<Option<&str>> = quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            speakers,
            [Some("Iain Wright"), Some("Iain Wright"), Some("Tony Blair")]
        );
    }

    #[test]
    fn it_before_a_verb_of_saying_is_the_latest_organisation() {
        let text = "The Labour Party met in Brighton. It said it would not return to Blackpool. \
                    A member of the Cabinet says the vote was close.";
        let entities = [
            entity(
                "Labour Party",
                EntityType::Organization,
                text,
                &["Labour Party"],
            ),
            entity("Cabinet", EntityType::Organization, text, &["Cabinet"]),
        ];
        let quotes = find_quotes(text, &entities);
        let speakers: Vec<Option<&str>> = quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Labour Party"), None], "{quotes:#?}");
    }

    #[test]
    fn the_company_refers_back_to_the_latest_organisation() {
        let text = "Rosneft bought the unit. But the company has said it intends to sue.";
        let entities = [entity(
            "Rosneft",
            EntityType::Organization,
            text,
            &["Rosneft"],
        )];
        let quotes = find_quotes(text, &entities);
        assert_eq!(
            found(&quotes),
            [(
                "it intends to sue",
                QuoteKind::Indirect,
                Some("say"),
                Some("Rosneft")
            )]
        );
    }

    #[test]
    fn ten_thousand_verbs_of_saying_in_a_row_end_in_a_bounded_result() {
        let text = format!("He said {}that it rained.", "said ".repeat(10_000));
        let quotes = find_quotes(&text, &[]);
        assert!(quotes.len() <= 1, "{}", quotes.len());
        // Contents before their verbs never overlap: 5,000 trailing
        // attributions give at most 5,000 quotes, none longer than its clause.
        let trailing = "Prices fell sharply, he said, ".repeat(5_000);
        let quotes = find_quotes(&trailing, &[]);
        assert!(quotes.len() <= 5_000, "{}", quotes.len());
        assert!(
            quotes.iter().all(|q| q.text.len() < 40),
            "{:?}",
            quotes.first()
        );
        let long = "She said the plan, which the board approved, would fail and ".repeat(2_000);
        let quotes = find_quotes(&long, &[]);
        assert!(!quotes.is_empty());
        for quote in &quotes {
            let at: String = long
                .chars()
                .skip(quote.start)
                .take(quote.end - quote.start)
                .collect();
            assert_eq!(at, quote.text);
        }
    }
}
