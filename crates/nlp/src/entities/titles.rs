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
//!
//! An article in another language uses these words and its own
//! (local_titles.rs), with the differences of its spelling: a title may end
//! in a complement after its office ("presidente del Gobierno"), a German
//! compound ending in an office is one ("Außenministerin"), a declined
//! office is one ("президентом"), and a hyphenated word is an office when
//! its last part is ("US-Präsident", "экс-президент"). English keeps
//! exactly its own rules.

use std::sync::LazyLock;

use super::local_titles::{LANGUAGES, LocalTitles, local_titles};

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
    /// Ends a title after an office ("Gobierno" in "presidente del Gobierno").
    Complement,
    Name,
}

/// A compound ending in one of the heads is an office when it is at least
/// this many letters longer ("Kremlchef", not a name that merely ends so).
const MIN_COMPOUND_PREFIX: usize = 3;

/// The role of one whitespace-separated word: its hyphen-separated parts,
/// without a trailing dot, must all be title words ("Secretary-General",
/// "President-elect", "Gen."), and it is an office if any part is one.
fn role(word: &str, local: Option<&LocalTitles>) -> Role {
    if let Some(local) = local {
        return local_role(word, local);
    }
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

/// The role of a word in an article of a language with its own list: the
/// whole word (with its inner dots and hyphens, "sig.ra", "г-н",
/// "porta-voz") in that list, else its hyphen-separated parts, each a
/// title word of English or the language and the word an office if its
/// last part is one ("US-Präsident", "CDU-Chef", "vice-président").
fn local_role(word: &str, local: &LocalTitles) -> Role {
    let lower = word.strip_suffix('.').unwrap_or(word).to_lowercase();
    let bare = without_elided_article(&lower);
    if bare.is_empty() {
        return Role::Qualifier;
    }
    if let Some(role) = local_word_role(bare, local) {
        return role;
    }
    let parts: Vec<&str> = bare.split('-').collect();
    let roles: Vec<Role> = parts
        .iter()
        .map(|part| local_word_role(part, local).unwrap_or_else(|| english_role(part)))
        .collect();
    match roles.last() {
        Some(Role::Office) if parts.len() > 1 => Role::Office,
        _ if roles.contains(&Role::Name) => Role::Name,
        _ if roles.contains(&Role::Office) => Role::Office,
        _ if roles.contains(&Role::Complement) => Role::Complement,
        _ => Role::Qualifier,
    }
}

/// French and Italian elide an article or preposition into the next word
/// ("ministre de l'Intérieur", "ministro dell'Economia"): the word without it.
fn without_elided_article(word: &str) -> &str {
    const ELIDED: &[&str] = &["all", "d", "dall", "dell", "l", "nell", "sull"];
    match word.split_once(['\'', '’']) {
        Some((article, rest)) if ELIDED.contains(&article) => rest,
        _ => word,
    }
}

/// The role of one lower-case word in the language's own lists, if it has one.
fn local_word_role(word: &str, local: &LocalTitles) -> Option<Role> {
    let is_office = |w: &str| local.offices.binary_search(&w).is_ok();
    if is_office(word)
        || local.case_endings.iter().any(|(ending, nominative)| {
            word.strip_suffix(ending)
                .is_some_and(|stem| !stem.is_empty() && is_office(&format!("{stem}{nominative}")))
        })
        || local.compound_heads.iter().any(|head| {
            word.strip_suffix(head)
                .is_some_and(|stem| stem.chars().count() >= MIN_COMPOUND_PREFIX)
        })
    {
        Some(Role::Office)
    } else if local.complements.binary_search(&word).is_ok() {
        Some(Role::Complement)
    } else if local.qualifiers.binary_search(&word).is_ok() {
        Some(Role::Qualifier)
    } else {
        None
    }
}

/// The role of one lower-case word in the English lists.
fn english_role(word: &str) -> Role {
    if OFFICES.binary_search(&word).is_ok() {
        Role::Office
    } else if QUALIFIERS.binary_search(&word).is_ok() {
        Role::Qualifier
    } else {
        Role::Name
    }
}

/// How many of the leading `words` of a person mention are a title: the
/// longest run of title words that ends in an office (or, in a language
/// with complements, in a complement after an office), but never all the
/// words, so a bare "King" or "Judge" (surnames too) is kept as written.
/// `language` (ISO 639-1) adds that language's title words; English and
/// `None` use the English ones alone.
pub fn leading_title_words(words: &[&str], language: Option<&str>) -> usize {
    let local = local_titles(language);
    let mut cut = 0;
    let mut office_seen = false;
    for (i, word) in words.iter().enumerate().take(words.len().saturating_sub(1)) {
        match role(word, local) {
            Role::Office => {
                cut = i + 1;
                office_seen = true;
            }
            Role::Complement if office_seen => cut = i + 1,
            Role::Complement | Role::Qualifier => {}
            Role::Name => break,
        }
    }
    cut
}

/// Whether `key` (a mention's [`super::keys::name_key`]) is an honorific of
/// `language` that names nobody alone ("frau", "mme", "pani").
pub fn is_lone_honorific(key: &str, language: Option<&str>) -> bool {
    let Some(language) = language else {
        return false;
    };
    HONORIFIC_KEYS
        .iter()
        .find(|(code, _)| *code == language)
        .is_some_and(|(_, keys)| keys.iter().any(|h| h == key))
}

/// The honorifics' [`super::keys::name_key`]s of every language with
/// local titles ([`LANGUAGES`]), folded once rather than at each mention.
static HONORIFIC_KEYS: LazyLock<Vec<(&'static str, Vec<String>)>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .filter_map(|&code| Some((code, local_titles(Some(code))?)))
        .map(|(code, local)| {
            let keys = local.honorifics.iter().map(|h| super::keys::name_key(h));
            (code, keys.collect())
        })
        .collect()
});

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
            assert_eq!(
                leading_title_words(&words(name), None),
                expected,
                "{name:?}"
            );
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
        assert_eq!(leading_title_words(&words("Judge"), None), 0);
        assert_eq!(leading_title_words(&words("President Chancellor"), None), 1);
        assert_eq!(leading_title_words(&[], None), 0);
    }

    /// Checks how many leading words of each name are a title in `language`.
    fn assert_local_title_words(language: &str, cases: &[(&str, usize)]) {
        for &(name, expected) in cases {
            assert_eq!(
                leading_title_words(&words(name), Some(language)),
                expected,
                "{language}: {name:?}"
            );
        }
    }

    #[test]
    fn german_titles_compounds_and_hyphenated_offices_are_cut() {
        assert_local_title_words(
            "de",
            &[
                ("Bundeskanzler Olaf Scholz", 1),
                ("Bundeskanzlerin Angela Merkel", 1),
                ("Außenministerin Annalena Baerbock", 1),
                ("Kremlchef Wladimir Putin", 1),
                ("US-Präsident Joe Biden", 1),
                ("CDU-Chef Friedrich Merz", 1),
                ("Herr Müller", 1),
                ("Frau Dr. Schmidt", 2),
                ("ehemalige Kanzlerin Angela Merkel", 2),
                ("Präsidenten Macron", 1),
                ("Thomas Müller", 0),
                ("Frau", 0),
            ],
        );
    }

    #[test]
    fn spanish_titles_end_in_their_portfolio() {
        assert_local_title_words(
            "es",
            &[
                ("Sr. García", 1),
                ("doña Letizia", 1),
                ("presidente Pedro Sánchez", 1),
                ("presidente del Gobierno Pedro Sánchez", 3),
                ("ministra de Defensa Margarita Robles", 3),
                ("ministro de Asuntos Exteriores José Manuel Albares", 4),
                ("primer ministro Keir Starmer", 2),
                ("Gobierno Vasco", 0),
            ],
        );
    }

    #[test]
    fn french_m_is_a_title_only_in_french() {
        assert_local_title_words(
            "fr",
            &[
                ("M. Macron", 1),
                ("Mme Borne", 1),
                ("président Emmanuel Macron", 1),
                ("Premier ministre Gabriel Attal", 2),
                ("ministre de l'Intérieur Gérald Darmanin", 3),
                ("ministre des Affaires étrangères Jean-Noël Barrot", 4),
                ("vice-président Kamala Harris", 1),
            ],
        );
        assert_eq!(leading_title_words(&words("M. Night Shyamalan"), None), 0);
        assert_eq!(
            leading_title_words(&words("M. Night Shyamalan"), Some("en")),
            0
        );
    }

    #[test]
    fn italian_dutch_and_portuguese_titles_are_cut() {
        assert_local_title_words(
            "it",
            &[
                ("Sig.ra Rossi", 1),
                ("presidente del Consiglio Giorgia Meloni", 3),
                ("ministro degli Esteri Antonio Tajani", 3),
                ("ministro dell'Economia Giancarlo Giorgetti", 2),
                ("don Luigi Ciotti", 1),
            ],
        );
        assert_local_title_words(
            "nl",
            &[
                ("de heer Wilders", 2),
                ("mevrouw Kaag", 1),
                ("minister-president Rutte", 1),
                ("oud-premier Balkenende", 1),
            ],
        );
        assert_local_title_words(
            "pt",
            &[
                ("Sr. Silva", 1),
                ("primeiro-ministro Luís Montenegro", 1),
                ("presidente da República Marcelo Rebelo de Sousa", 3),
            ],
        );
    }

    #[test]
    fn polish_and_russian_offices_are_cut_in_any_case() {
        assert_local_title_words(
            "pl",
            &[
                ("pan Kowalski", 1),
                ("pani Kowalska", 1),
                ("premier Donald Tusk", 1),
                ("premiera Tuska", 1),
                ("prezydentem Dudą", 1),
                ("prezes PiS Jarosław Kaczyński", 2),
                ("były prezydent Lech Wałęsa", 2),
            ],
        );
        assert_local_title_words(
            "ru",
            &[
                ("господин Иванов", 1),
                ("президент Владимир Путин", 1),
                ("президентом Путиным", 1),
                ("премьер-министр Михаил Мишустин", 1),
                ("глава МИД Сергей Лавров", 2),
                ("экс-президент Дмитрий Медведев", 1),
                ("председателя Володина", 1),
            ],
        );
    }

    #[test]
    fn a_local_title_never_takes_the_last_word_and_english_words_still_count() {
        assert_local_title_words(
            "de",
            &[
                ("Präsident", 0),
                ("General Mark Milley", 1),
                ("Prof. Dr. Drosten", 2),
            ],
        );
    }

    #[test]
    fn lone_honorifics_are_known_per_language() {
        for &language in LANGUAGES {
            let local = local_titles(Some(language)).expect("a language with lists");
            for honorific in local.honorifics {
                let key = crate::entities::keys::name_key(honorific);
                assert!(is_lone_honorific(&key, Some(language)), "{honorific}");
            }
        }
        assert!(is_lone_honorific("frau", Some("de")));
        assert!(is_lone_honorific("mme", Some("fr")));
        assert!(is_lone_honorific("sigra", Some("it")));
        assert!(!is_lone_honorific("frau", Some("fr")));
        assert!(!is_lone_honorific("mme", None));
    }
}
