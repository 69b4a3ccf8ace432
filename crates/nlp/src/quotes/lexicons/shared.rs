//! What every language's word lists are made of: the [`Lexicon`] type, the normalised key words are looked up by, and the verb index.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::super::lexicon::Gender;

/// The word lists of one language.
#[derive(Debug)]
pub struct Lexicon {
    /// Irregular verbs of saying: the lemma and its forms.
    pub verbs: &'static [(&'static str, &'static [&'static str])],
    /// Regular verbs of saying, by lemma; their forms come from `regular`.
    pub regular: &'static [&'static str],
    /// The forms of a regular verb (empty for a lemma the rule does not fit).
    pub regular_forms: fn(&'static str) -> Vec<String>,
    /// Separable verbs (German, Dutch): lemma, particle, and the forms of the
    /// finite part, which attribute only with the particle later in the
    /// clause (`teilte das Ministerium mit`, `voegde hij eraan toe`).
    pub separable: &'static [(&'static str, &'static str, &'static [&'static str])],
    /// Auxiliaries of the perfect and adverbs that stand between a subject
    /// and its verb or before an inverted verb (`a déclaré`, `ha anche detto`).
    pub auxiliaries: &'static [&'static str],
    /// The subject pronouns of one person, with their gender.
    pub pronouns: &'static [(&'static str, Gender)],
    /// Pronouns after (or inside) an "according to" phrase (`selon lui`,
    /// `по его словам`, `jej zdaniem`), with their gender.
    pub according_pronouns: &'static [(&'static str, Gender)],
    /// "According to" phrases that stand before their source, words
    /// separated by one space (`según`, `de acuerdo con`, `по словам`).
    pub according: &'static [&'static str],
    /// Words that attribute a quote when they come right after it, before
    /// the source (`„…“, so Merkel`, `'…', aldus Rutte`).
    pub after_quote: &'static [&'static str],
    /// "According to" words that follow their source (`dem Minister zufolge`).
    pub postpositions: &'static [&'static str],
    /// Articles and other determiners that open a noun phrase.
    pub determiners: &'static [&'static str],
    /// Conjunctions that open a new clause (`und`, `pero`, `но`).
    pub conjunctions: &'static [&'static str],
    /// Prepositions and subordinating conjunctions: a name after one is not
    /// the subject of its clause.
    pub prepositions: &'static [&'static str],
    /// The prepositions of "the spokesman for/of X".
    pub of_words: &'static [&'static str],
    /// Nouns naming a role one person holds (`ministro`, `Kanzlerin`).
    pub roles: &'static [&'static str],
    /// Roles that usually stay unnamed (`portavoz`, `Sprecher`).
    pub anonymous_roles: &'static [&'static str],
    /// Nouns naming an organisation by its kind (`le gouvernement`).
    pub organisations: &'static [&'static str],
    /// Words for someone who speaks for another (`porte-parole`, `rzecznik`).
    pub spokespersons: &'static [&'static str],
    /// Honorifics before a name, with the gender they show.
    pub honorifics: &'static [(&'static str, Gender)],
    /// Words that may stand in a title before a name (`ehemalige`, `ex`).
    pub title_modifiers: &'static [&'static str],
    /// Abbreviations whose full stop does not end a sentence.
    pub abbreviations: &'static [&'static str],
    /// Whether role and organisation nouns end compounds (`Außenminister`,
    /// `regeringswoordvoerder`).
    pub compounds: bool,
    /// Whether a verb of saying may stand without its subject (`«…», dijo.`),
    /// which then is the latest person named.
    pub pro_drop: bool,
    /// Whether a paragraph that opens with a dash is direct speech.
    pub dash_speech: bool,
    /// Whether an attribution may stand inside the marks between commas
    /// (`« Nous ne céderons pas, a déclaré le ministre, jamais. »`).
    pub incise: bool,
    /// Whether `»…«` opens with `»` (German books and some papers).
    pub reversed_guillemets: bool,
}

/// `word` in lower case, with `’` as `'` and `ё` as `е`; borrowed when it
/// already is.
pub fn key(word: &str) -> Cow<'_, str> {
    if word
        .chars()
        .all(|c| !c.is_uppercase() && c != '’' && c != 'ё')
    {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.chars()
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                '’' => '\'',
                'ё' => 'е',
                c => c,
            })
            .collect(),
    )
}

/// Whether the normalised `word` is in `list`, or (with `compounds`) ends a
/// longer word with one of its entries (`bundeskanzlerin` ends with
/// `kanzlerin`, `spd-vorsitzende` with `vorsitzende`).
pub fn listed(list: &[&str], word: &str, compounds: bool) -> bool {
    list.contains(&word)
        || (compounds
            && list.iter().any(|entry| {
                entry.len() >= 4
                    && word.len() > entry.len() + 2
                    && word.ends_with(entry)
                    && word.is_char_boundary(word.len() - entry.len())
            }))
}

/// The gender of `word` in a list of words with genders.
pub fn gender_in(list: &[(&str, Gender)], word: &str) -> Option<Gender> {
    list.iter().find(|(w, _)| *w == word).map(|&(_, g)| g)
}

/// A language's verbs of saying by form, built once.
#[derive(Debug, Default)]
pub struct Index {
    /// Form (normalised) -> lemma.
    pub forms: FxHashMap<String, &'static str>,
    /// Finite form of a separable verb -> (particle, lemma) candidates.
    pub separable: FxHashMap<String, Vec<(&'static str, &'static str)>>,
}

impl Index {
    pub fn new(lexicon: &Lexicon) -> Self {
        let mut index = Index::default();
        for &lemma in lexicon.regular {
            for form in (lexicon.regular_forms)(lemma) {
                index.forms.insert(key(&form).into_owned(), lemma);
            }
        }
        for &(lemma, forms) in lexicon.verbs {
            for form in forms {
                index.forms.insert(key(form).into_owned(), lemma);
            }
        }
        for &(lemma, particle, forms) in lexicon.separable {
            for form in forms {
                index
                    .separable
                    .entry(key(form).into_owned())
                    .or_default()
                    .push((particle, lemma));
            }
        }
        index
    }
}

/// The forms of a regular verb from its lemma: the lemma's ending replaced
/// by each of `endings` for the first rule in `rules` whose ending fits.
pub fn inflect(lemma: &str, rules: &[(&str, &[&str])]) -> Vec<String> {
    rules
        .iter()
        .find_map(|(ending, endings)| {
            let stem = lemma.strip_suffix(ending)?;
            Some(endings.iter().map(|e| format!("{stem}{e}")).collect())
        })
        .unwrap_or_default()
}
