//! The closed word lists of reported speech: words that open a clause or cannot, finite verbs, listeners, times, and the words that keep a verb from introducing speech.

use super::attribution::Word;
use super::lexicon::lower;

/// Words that cannot open a reported clause: prepositions, conjunctions
/// and adverbs of the verb (`said on Monday`, `told of`, `said goodbye`).
pub fn cannot_open(word: &Word<'_>) -> bool {
    if word.punct {
        return !matches!(word.text, "\"" | "“" | "'" | "‘" | "$" | "£" | "€");
    }
    matches!(
        word.text,
        "to" | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "of"
            | "about"
            | "into"
            | "over"
            | "after"
            | "before"
            | "during"
            | "than"
            | "so"
            | "and"
            | "or"
            | "but"
            | "nothing"
            | "goodbye"
            | "sorry"
            | "yes"
            | "hello"
            | "thanks"
            | "what"
            | "how"
            | "why"
            | "where"
            | "whether"
            | "who"
            | "which"
            | "when"
            | "up"
            | "out"
            | "off"
            | "down"
            | "back"
            | "under"
            | "through"
            | "across"
            | "against"
            | "between"
            | "without"
            | "within"
            | "around"
            | "near"
            | "behind"
            | "beyond"
            | "like"
            | "since"
            | "until"
    )
}

/// Words that open a phrase before a sentence's subject, not a statement
/// (`In a speech on Sunday, ...`, `Since he came to power, ...`).
pub fn opens_adverbial(word: &Word<'_>) -> bool {
    matches!(
        lower(word.text).as_str(),
        "in" | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "of"
            | "since"
            | "after"
            | "before"
            | "during"
            | "when"
            | "while"
            | "if"
            | "as"
            | "although"
            | "though"
            | "because"
            | "despite"
            | "based"
            | "even"
            | "speaking"
            | "asked"
            | "unlike"
            | "like"
            | "following"
            | "under"
            | "among"
            | "to"
    )
}

/// Words that show a finite verb (or a gerund clause after `deny`-type
/// verbs): modals, forms of be/have/do, and past tenses.
pub fn is_finite(word: &str) -> bool {
    let lowered = lower(word);
    let lower = lowered.as_str();
    matches!(
        lower,
        "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "is"
            | "was"
            | "are"
            | "were"
            | "has"
            | "had"
            | "have"
            | "did"
            | "does"
            | "do"
            | "won't"
            | "wouldn't"
            | "couldn't"
            | "isn't"
            | "wasn't"
            | "aren't"
            | "weren't"
            | "hasn't"
            | "hadn't"
            | "haven't"
            | "didn't"
            | "doesn't"
            | "don't"
            | "can't"
            | "cannot"
            | "needs"
            | "wants"
            | "lost"
            | "made"
            | "took"
            | "went"
            | "came"
            | "gave"
            | "saw"
            | "got"
            | "found"
            | "left"
            | "felt"
            | "kept"
            | "knew"
            | "thought"
            | "became"
            | "began"
            | "fell"
            | "rose"
            | "won"
            | "paid"
            | "sold"
            | "bought"
            | "led"
            | "met"
            | "ran"
            | "spent"
            | "stood"
            | "brought"
            | "held"
            | "meant"
            | "sent"
            | "built"
            | "grew"
    ) || (lower.len() > 4 && lower.ends_with("ed"))
        || matches!(
            lower,
            "it's" | "he's" | "she's" | "that's" | "there's" | "what's" | "it’s" | "he’s" | "she’s"
        )
        || lower.ends_with("'re")
        || lower.ends_with("'ll")
        || lower.ends_with("’re")
        || lower.ends_with("’ll")
}

/// A subject pronoun that opens a clause (`said he would`), so the content
/// is a clause whatever its verb.
pub fn is_subject_pronoun(word: &str) -> bool {
    matches!(
        word,
        "he" | "she"
            | "it"
            | "they"
            | "we"
            | "I"
            | "you"
            | "there"
            | "he's"
            | "she's"
            | "it's"
            | "there's"
            | "they're"
            | "we're"
            | "he'd"
            | "she'd"
            | "they'd"
            | "we'd"
            | "I'd"
    )
}

/// Listeners after `told`, `warned`, ...: object pronouns, the audience
/// words news uses, and names.
pub fn is_listener_word(word: &Word<'_>) -> bool {
    if word.punct {
        return matches!(word.text, "'" | "’" | "-");
    }
    let first = word.text.chars().next().unwrap_or(' ');
    first.is_uppercase()
        || matches!(
            word.text,
            "me" | "him"
                | "her"
                | "us"
                | "them"
                | "you"
                | "the"
                | "a"
                | "reporters"
                | "researchers"
                | "officials"
                | "police"
                | "MPs"
                | "journalists"
                | "delegates"
                | "members"
                | "supporters"
                | "viewers"
                | "listeners"
                | "readers"
                | "fans"
                | "investors"
                | "analysts"
                | "colleagues"
                | "staff"
                | "workers"
                | "parliament"
                | "programme"
                | "newspaper"
                | "magazine"
                | "conference"
                | "committee"
                | "court"
                | "s"
        )
}

/// Whether the word before a verb keeps it from introducing speech: a
/// passive (`is said to`, `was also denied`), an infinitive (`refused to
/// say`), a noun use (`a warning`, `the claims`), the narrator (`I think`).
/// Adverbs in between (`also`, `widely`) are looked past.
pub fn blocks_verb(before: &[Word<'_>]) -> bool {
    let previous = before.iter().rev().take(3).find(|w| {
        !(w.text == "also" || w.text == "not" || (w.text.len() > 4 && w.text.ends_with("ly")))
    });
    previous.is_some_and(|w| {
        matches!(
            lower(w.text).as_str(),
            "is" | "was"
                | "are"
                | "were"
                | "be"
                | "been"
                | "being"
                | "to"
                | "a"
                | "an"
                | "the"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "this"
                | "of"
                | "i"
                | "we"
                | "you"
        )
    })
}

/// Time words that may stand between a verb and its content (`said on
/// Monday the plan...`, `said yesterday`).
pub fn is_time_word(word: &Word<'_>) -> bool {
    matches!(
        lower(word.text).as_str(),
        "yesterday"
            | "today"
            | "tonight"
            | "earlier"
            | "later"
            | "recently"
            | "also"
            | "now"
            | "on"
            | "last"
            | "this"
            | "week"
            | "month"
            | "year"
            | "night"
            | "morning"
            | "evening"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Auxiliaries between a conjunction and a verb (`and has said`).
pub fn is_auxiliary_word(word: &str) -> bool {
    matches!(
        word,
        "has" | "have" | "had" | "will" | "would" | "later" | "then"
    )
}
