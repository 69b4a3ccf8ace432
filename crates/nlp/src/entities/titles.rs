//! Offices, ranks and honorifics that a tagger leaves in front of a person's name ("Secretary General Mark Rutte").
//!
//! A title is a run of words at the start of a PERSON mention ending in an
//! office or honorific ("President", "Minister", "Dr.", "Gen."), possibly
//! with qualifiers before it ("Prime", "Defence", "Deputy", "former") and
//! "of" inside ("Secretary of State"). Qualifiers alone are not a title:
//! they are cut only when an office follows them.
//!
//! Regnal and religious styles (King, Queen, Prince, Pope, Emir, Sheikh,
//! Sultan, ...) are deliberately *not* titles here: "Pope Francis", "King
//! Charles" and "Prince Harry" are the names these people go by, while
//! "Francis" or "Charles" alone would read as anyone. The bare "Charles"
//! still joins "King Charles" by its words (persons.rs).

/// Offices, ranks and honorifics: a title ends with one of these.
const OFFICES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "archbishop",
    "ayatollah",
    "bishop",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "cardinal",
    "ceo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "chief",
    "cmdr",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "councillor",
    "cpl",
    "dame",
    "director",
    "dr",
    "envoy",
    "executive",
    "gen",
    "general",
    "gov",
    "governor",
    "imam",
    "judge",
    "lieutenant",
    "lt",
    "maj",
    "marshal",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "mx",
    "officer",
    "premier",
    "president",
    "prof",
    "professor",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sir",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
];

/// Words that qualify an office ("Prime Minister", "Defence Secretary",
/// "former President") but are no title on their own.
const QUALIFIERS: &[&str] = &[
    "acting",
    "agriculture",
    "assistant",
    "attorney",
    "culture",
    "defence",
    "defense",
    "deputy",
    "economy",
    "education",
    "elect",
    "energy",
    "environment",
    "field",
    "finance",
    "first",
    "foreign",
    "former",
    "grand",
    "health",
    "home",
    "interim",
    "interior",
    "justice",
    "labor",
    "labour",
    "late",
    "lord",
    "major",
    "managing",
    "of",
    "prime",
    "rear",
    "senior",
    "supreme",
    "surgeon",
    "trade",
    "transport",
    "under",
    "vice",
];

/// What a word contributes to a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Office,
    Qualifier,
    Name,
}

/// The role of one whitespace-separated word: its hyphen-separated parts,
/// without a trailing dot, must all be title words ("Secretary-General",
/// "President-elect", "Gen."), and it is an office if any part is one.
fn role(word: &str) -> Role {
    let bare = word.strip_suffix('.').unwrap_or(word);
    let mut office = false;
    for part in bare.split('-') {
        let lower = part.to_lowercase();
        if OFFICES.binary_search(&lower.as_str()).is_ok() {
            office = true;
        } else if QUALIFIERS.binary_search(&lower.as_str()).is_err() {
            return Role::Name;
        }
    }
    if office {
        Role::Office
    } else {
        Role::Qualifier
    }
}

/// How many of the leading `words` of a person mention are a title: the
/// longest run of title words that ends in an office, but never all the
/// words, so a bare "King" or "Judge" (surnames too) is kept as written.
pub fn leading_title_words(words: &[&str]) -> usize {
    let mut cut = 0;
    for (i, word) in words.iter().enumerate().take(words.len().saturating_sub(1)) {
        match role(word) {
            Role::Office => cut = i + 1,
            Role::Qualifier => {}
            Role::Name => break,
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(OFFICES.is_sorted());
        assert!(QUALIFIERS.is_sorted());
    }

    /// Checks how many leading words of each name are a title.
    fn assert_title_words(cases: &[(&str, usize)]) {
        for &(name, expected) in cases {
            assert_eq!(leading_title_words(&words(name)), expected, "{name:?}");
        }
    }

    #[test]
    fn offices_with_their_qualifiers_are_a_title() {
        assert_title_words(&[
            ("Secretary General Mark Rutte", 2),
            ("Prime Minister Keir Starmer", 2),
            ("Defence Minister Boris Pistorius", 2),
            ("Secretary of State Marco Rubio", 3),
            ("Secretary-General António Guterres", 1),
            ("former President-elect Yoon", 2),
            ("Gen. Charles Q. Brown", 1),
            ("Mr. Rutte", 1),
        ]);
    }

    #[test]
    fn qualifiers_without_an_office_and_regnal_styles_are_kept() {
        assert_title_words(&[
            ("Foreign Aid", 0),
            ("Pope Francis", 0),
            ("King Charles III", 0),
            ("Generalissimo Franco", 0),
        ]);
    }

    #[test]
    fn a_title_never_takes_the_last_word() {
        assert_eq!(leading_title_words(&words("Judge")), 0);
        assert_eq!(leading_title_words(&words("President Chancellor")), 1);
        assert_eq!(leading_title_words(&[]), 0);
    }
}
