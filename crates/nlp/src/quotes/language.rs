//! The article's language as quote finding reads it: which word lists, quotation marks and frames apply. English (also for an article of unknown language) keeps its own lists in [`super::lexicon`], unchanged; the others read [`super::lexicons`].

use std::ops::Range;

use super::lexicon::{self, Gender};
use super::lexicons::{INDEXES, Index, LEXICONS, Lexicon, gender_in, key, listed};

/// The languages whose quotes `quotes` finds (ISO 639-1).
pub const SUPPORTED: &[&str] = &["en", "de", "es", "fr", "it", "nl", "pl", "pt", "ru"];

/// A language quote finding knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    De,
    Es,
    Fr,
    It,
    Nl,
    Pl,
    Pt,
    Ru,
}

impl Lang {
    /// The language of an ISO 639-1 code (any case); English for `None` or
    /// a language it does not know.
    pub fn from_code(code: Option<&str>) -> Self {
        match code.map(str::to_ascii_lowercase).as_deref() {
            Some("de") => Lang::De,
            Some("es") => Lang::Es,
            Some("fr") => Lang::Fr,
            Some("it") => Lang::It,
            Some("nl") => Lang::Nl,
            Some("pl") => Lang::Pl,
            Some("pt") => Lang::Pt,
            Some("ru") => Lang::Ru,
            _ => Lang::En,
        }
    }

    /// The position in [`LEXICONS`], `None` for English.
    fn slot(self) -> Option<usize> {
        match self {
            Lang::En => None,
            Lang::De => Some(0),
            Lang::Es => Some(1),
            Lang::Fr => Some(2),
            Lang::It => Some(3),
            Lang::Nl => Some(4),
            Lang::Pl => Some(5),
            Lang::Pt => Some(6),
            Lang::Ru => Some(7),
        }
    }

    /// The word lists of a language other than English.
    pub fn lexicon(self) -> Option<&'static Lexicon> {
        self.slot().and_then(|s| LEXICONS.get(s).copied())
    }

    fn index(self) -> Option<&'static Index> {
        self.slot().and_then(|s| INDEXES.get(s))
    }

    /// Whether `word` is in the list `pick` gives, for a language other than English.
    fn has(self, word: &str, pick: fn(&Lexicon) -> &'static [&'static str]) -> bool {
        self.lexicon()
            .is_some_and(|l| listed(pick(l), &key(word), false))
    }

    /// A noun of `pick`'s list: the word itself, its compounds (German,
    /// Dutch), the part after an elided article (`l'ambassadeur`) or after
    /// a hyphen (`ex-ministro`, `vice-président`).
    fn has_noun(self, word: &str, pick: fn(&Lexicon) -> &'static [&'static str]) -> bool {
        let Some(lexicon) = self.lexicon() else {
            return false;
        };
        let word = key(word);
        let word = elided(&word);
        listed(pick(lexicon), word, lexicon.compounds)
            || word
                .rsplit_once('-')
                .is_some_and(|(_, last)| listed(pick(lexicon), last, false))
    }

    /// The lemma of a form of a verb of saying (`dijo` -> `decir`, `told` ->
    /// `tell`); for English, [`lexicon::reporting_verb`].
    pub fn verb_lemma(self, word: &str) -> Option<&'static str> {
        match self.index() {
            None => lexicon::reporting_verb(word),
            Some(index) => index.forms.get(key(word).as_ref()).copied(),
        }
    }

    /// Whether `word` is a form of a verb of saying on its own (not the
    /// finite part of a separable verb).
    pub fn is_speech_verb(self, word: &str) -> bool {
        match self.index() {
            None => lexicon::is_speech_verb(word),
            Some(index) => index.forms.contains_key(key(word).as_ref()),
        }
    }

    /// The separable verbs `word` is the finite part of, as (particle, lemma).
    pub fn separable(self, word: &str) -> &'static [(&'static str, &'static str)] {
        self.index()
            .and_then(|index| index.separable.get(key(word).as_ref()))
            .map_or(&[], Vec::as_slice)
    }

    /// The gender a past-tense verb shows (Russian `сказала`, Polish
    /// `powiedział`): the subject's, when it is one person.
    pub fn verb_gender(self, word: &str) -> Option<Gender> {
        let word = key(word);
        match self {
            Lang::Ru if word.ends_with("ла") || word.ends_with("лась") => {
                Some(Gender::Female)
            }
            Lang::Ru if word.ends_with('л') || word.ends_with("лся") => Some(Gender::Male),
            Lang::Pl if word.ends_with("ła") => Some(Gender::Female),
            Lang::Pl if word.ends_with('ł') => Some(Gender::Male),
            _ => None,
        }
    }

    /// Auxiliaries and adverbs between a subject and its verb of saying.
    pub fn is_auxiliary(self, word: &str) -> bool {
        match self {
            Lang::En => lexicon::is_auxiliary(word),
            _ => self.has(word, |l| l.auxiliaries),
        }
    }

    /// A pronoun that stands for one person as the subject of a verb of saying.
    pub fn is_personal_pronoun(self, word: &str) -> bool {
        match self.lexicon() {
            None => lexicon::is_personal_pronoun(word),
            Some(l) => gender_in(l.pronouns, &key(word)).is_some(),
        }
    }

    /// The gender a pronoun refers with.
    pub fn pronoun_gender(self, word: &str) -> Option<Gender> {
        match self.lexicon() {
            None => lexicon::pronoun_gender(word),
            Some(l) => {
                let word = key(word);
                gender_in(l.pronouns, &word).or_else(|| gender_in(l.according_pronouns, &word))
            }
        }
    }

    /// Whether `word` is a pronoun of an "according to" phrase (`selon lui`).
    pub fn is_according_pronoun(self, word: &str) -> bool {
        self.lexicon()
            .is_some_and(|l| gender_in(l.according_pronouns, &key(word)).is_some())
    }

    /// The gender an honorific shows (`Mr`, `Frau`, `Mme`, `pani`).
    pub fn honorific_gender(self, word: &str) -> Option<Gender> {
        match self.lexicon() {
            None => lexicon::honorific_gender(word),
            Some(l) => gender_in(l.honorifics, key(word).trim_end_matches('.')),
        }
    }

    pub fn is_role_noun(self, word: &str) -> bool {
        match self {
            Lang::En => lexicon::is_role_noun(word),
            _ => self.has_noun(word, |l| l.roles),
        }
    }

    pub fn is_anonymous_role(self, word: &str) -> bool {
        match self {
            Lang::En => lexicon::is_anonymous_role(word),
            _ => self.has_noun(word, |l| l.anonymous_roles),
        }
    }

    pub fn is_title_modifier(self, word: &str) -> bool {
        match self {
            Lang::En => lexicon::is_title_modifier(word),
            _ => self.has(word, |l| l.title_modifiers) || self.is_determiner(word),
        }
    }

    /// Words after which a name is not the subject of its clause.
    pub fn ends_subject_position(self, word: &str) -> bool {
        match self {
            Lang::En => lexicon::ends_subject_position(word),
            _ => self.is_preposition(word),
        }
    }

    pub fn is_organisation_noun(self, word: &str) -> bool {
        match self {
            Lang::En => lexicon::is_organisation_noun(word),
            _ => self.has_noun(word, |l| l.organisations),
        }
    }

    pub fn is_spokesperson(self, word: &str) -> bool {
        match self {
            Lang::En => lexicon::is_spokesperson(word),
            _ => self.has_noun(word, |l| l.spokespersons),
        }
    }

    /// Determiners that open a noun phrase (English: `the`, `a`).
    pub fn is_determiner(self, word: &str) -> bool {
        match self {
            Lang::En => matches!(word, "the" | "The" | "a" | "A"),
            _ => self.has(word, |l| l.determiners) || key(word).ends_with('\''),
        }
    }

    /// Conjunctions that open a new clause.
    pub fn is_conjunction(self, word: &str) -> bool {
        match self {
            Lang::En => matches!(
                lexicon::lower(word).as_str(),
                "and" | "but" | "or" | "so" | "yet"
            ),
            _ => self.has(word, |l| l.conjunctions),
        }
    }

    /// Prepositions and subordinating conjunctions, with the elided forms
    /// of French and Italian (`dell'`, `d'`, `qu'`).
    pub fn is_preposition(self, word: &str) -> bool {
        match self {
            Lang::En => lexicon::ends_subject_position(word),
            _ => {
                self.has(word, |l| l.prepositions)
                    || key(word).split_once('\'').is_some_and(|(head, _)| {
                        self.lexicon().is_some_and(|l| {
                            l.prepositions.contains(&head)
                                || ["d", "qu", "dell", "all", "nell", "sull", "dall"]
                                    .contains(&head)
                        })
                    })
            }
        }
    }

    /// The prepositions of "the spokesman for/of X".
    pub fn is_of_word(self, word: &str) -> bool {
        match self {
            Lang::En => matches!(word, "for" | "of"),
            _ => self.has(word, |l| l.of_words),
        }
    }

    /// Words that attribute a quote right after it (`so`, `aldus`).
    pub fn is_after_quote(self, word: &str) -> bool {
        self.has(word, |l| l.after_quote)
    }

    /// "According to" words after their source (`zufolge`).
    pub fn is_postposition(self, word: &str) -> bool {
        self.has(word, |l| l.postpositions)
    }

    /// The "according to" phrases, words separated by one space.
    pub fn according(self) -> &'static [&'static str] {
        self.lexicon().map_or(&[], |l| l.according)
    }

    /// Abbreviations whose full stop does not end a sentence; English keeps
    /// its own test in `attribution`.
    pub fn is_abbreviation(self, word: &str) -> bool {
        let mut chars = word.chars();
        let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
        initial || self.has(word, |l| l.abbreviations)
    }

    pub fn pro_drop(self) -> bool {
        self.lexicon().is_some_and(|l| l.pro_drop)
    }

    pub fn dash_speech(self) -> bool {
        self.lexicon().is_some_and(|l| l.dash_speech)
    }

    pub fn incise(self) -> bool {
        self.lexicon().is_some_and(|l| l.incise)
    }

    pub fn reversed_guillemets(self) -> bool {
        self.lexicon().is_some_and(|l| l.reversed_guillemets)
    }
}

/// A normalised word without an elided article or preposition before an
/// apostrophe (`l'ambassadeur`, `dell'azienda`): the noun.
pub fn elided(word: &str) -> &str {
    match word.split_once('\'') {
        Some((head, rest)) if !head.is_empty() && head.chars().count() <= 5 && !rest.is_empty() => {
            rest
        }
        _ => word,
    }
}

/// The French inverted pronoun in a word joined by hyphens (`déclare-t-il`,
/// `a-t-elle`, `dit-on`): the verb or auxiliary before it, and the
/// pronoun's byte range within the word.
pub fn inverted_pronoun(word: &str, lang: Lang) -> Option<(&str, Range<usize>)> {
    if lang != Lang::Fr {
        return None;
    }
    let (head, _) = word.split_once('-')?;
    let (rest, pronoun) = word.rsplit_once('-')?;
    if rest.is_empty()
        || !matches!(
            key(pronoun).as_ref(),
            "il" | "elle" | "on" | "ils" | "elles"
        )
    {
        return None;
    }
    Some((head, word.len() - pronoun.len()..word.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_other_codes_read_as_english() {
        assert_eq!(Lang::from_code(None), Lang::En);
        assert_eq!(Lang::from_code(Some("sv")), Lang::En);
        assert_eq!(Lang::from_code(Some("RU")), Lang::Ru);
        for code in SUPPORTED {
            let lang = Lang::from_code(Some(code));
            assert_eq!(lang == Lang::En, *code == "en", "{code}");
        }
    }

    #[test]
    fn verbs_of_saying_give_their_infinitive() {
        for (lang, form, lemma) in [
            (Lang::De, "sagte", "sagen"),
            (Lang::De, "erklärte", "erklären"),
            (Lang::De, "Betonte", "betonen"),
            (Lang::De, "gewarnt", "warnen"),
            (Lang::Es, "dijo", "decir"),
            (Lang::Es, "afirmó", "afirmar"),
            (Lang::Es, "señaló", "señalar"),
            (Lang::Es, "añadió", "añadir"),
            (Lang::Fr, "déclaré", "déclarer"),
            (Lang::Fr, "dit", "dire"),
            (Lang::Fr, "estime", "estimer"),
            (Lang::Fr, "rappelle", "rappeler"),
            (Lang::It, "detto", "dire"),
            (Lang::It, "dichiarato", "dichiarare"),
            (Lang::It, "aggiunto", "aggiungere"),
            (Lang::Nl, "zei", "zeggen"),
            (Lang::Nl, "verklaarde", "verklaren"),
            (Lang::Pl, "powiedział", "powiedzieć"),
            (Lang::Pl, "powiedziała", "powiedzieć"),
            (Lang::Pl, "podkreśla", "podkreślać"),
            (Lang::Pt, "disse", "dizer"),
            (Lang::Pt, "afirmou", "afirmar"),
            (Lang::Ru, "сказала", "сказать"),
            (Lang::Ru, "Заявил", "заявить"),
            (Lang::Ru, "подчёркивает", "подчёркивать"),
            (Lang::Ru, "поделилась", "поделиться"),
            (Lang::En, "told", "tell"),
        ] {
            assert_eq!(lang.verb_lemma(form), Some(lemma), "{lang:?} {form}");
            assert!(lang.is_speech_verb(form), "{lang:?} {form}");
        }
        for (lang, word) in [
            (Lang::It, "nota"),
            (Lang::Es, "pregunta"),
            (Lang::Fr, "demande"),
            (Lang::Nl, "vroeg"),
            (Lang::De, "teilte"),
            (Lang::Ru, "министр"),
        ] {
            assert!(!lang.is_speech_verb(word), "{lang:?} {word}");
        }
        assert_eq!(Lang::De.separable("teilte"), [("mit", "mitteilen")]);
    }

    #[test]
    fn nouns_match_compounds_elisions_and_hyphens() {
        assert!(Lang::De.is_role_noun("Außenministerin"));
        assert!(Lang::De.is_spokesperson("Regierungssprecher"));
        assert!(Lang::Nl.is_spokesperson("regeringswoordvoerder"));
        assert!(Lang::Fr.is_role_noun("l'ambassadeur"));
        assert!(Lang::Pt.is_role_noun("ex-ministro"));
        assert!(Lang::Fr.is_spokesperson("porte-parole"));
        assert!(!Lang::Es.is_role_noun("ministerio"));
        assert!(Lang::It.is_preposition("dell'azienda"));
        assert!(!Lang::It.is_preposition("l'azienda"));
    }

    #[test]
    fn genders_of_pronouns_honorifics_and_past_verbs() {
        assert_eq!(Lang::Ru.pronoun_gender("Она"), Some(Gender::Female));
        assert_eq!(Lang::Fr.honorific_gender("Mme"), Some(Gender::Female));
        assert_eq!(Lang::De.honorific_gender("Herr"), Some(Gender::Male));
        assert_eq!(Lang::Ru.verb_gender("заявила"), Some(Gender::Female));
        assert_eq!(Lang::Ru.verb_gender("поделился"), Some(Gender::Male));
        assert_eq!(Lang::Pl.verb_gender("dodała"), Some(Gender::Female));
        assert_eq!(Lang::Pl.verb_gender("dodali"), None);
        assert_eq!(Lang::Es.verb_gender("dijo"), None);
    }
}
