//! Base forms of inflected place names: "Курске" may be Курск, "Warszawie" Warszawa, "Russlands" Russland. The caller keeps only the forms the gazetteer (or the article) knows.
//!
//! Russian and Polish decline place names: a text writes "в Курске", "из
//! Москвы", "w Warszawie", "do Niemiec", while the gazetteer holds the
//! nominative. German adds a genitive -s ("Russlands Armee") and a dative
//! plural -n ("in den Niederlanden"). Rather than analyse the word, each
//! rule here swaps one common case ending for the nominative ending it may
//! come from, and every word of the name gets all its swaps; the many
//! candidates are cheap lookups, and only one the gazetteer knows is ever
//! used, so a wrong guess costs nothing ("Курске" gives Курск, Курска,
//! Курскя, ...; only Курск is a place).
//!
//! The rules, by language, as (ending, nominative ending):
//! - ru: the endings of the three noun declensions in the singular
//!   (Курск-а/-у/-ом/-е, Москв-ы/-е/-у/-ой, Германи-и/-ю/-ей, Казан-и/-ью,
//!   Кита-я/-ю/-ем/-е), of plurals (Нидерланд-ов/-ах/-ам/-ами), and of
//!   adjectives (Нижн-ем, Южн-ой, Соединённ-ых);
//! - pl: the same for Polish, with the consonant changes before the
//!   locative -e that are regular (Kana-dzie -> Kana-da, Pol-sce -> Pol-ska,
//!   Pra-dze -> Pra-ga, Madry-cie -> Madry-t), the genitive plural without
//!   ending (Chin -> Chiny), and the few country names whose stem changes
//!   ([`PL_IRREGULAR`]: Niemiec, Niemczech -> Niemcy). The ó/o, ń/n, ś/s
//!   changes ("Krakowie" -> Kraków, "Poznania" -> Poznań, "Białorusi" ->
//!   Białoruś) and the instrumental -ą ("Warszawą") need no rule: the
//!   lookup key ignores diacritics;
//! - de: the genitive -s after any letter but s, x, z and ß ("Moskaus"),
//!   and the -n of a dative plural or a weak adjective ("Niederlanden",
//!   "Vereinigten Staaten").

/// Names of more words than this are tried with the last word inflected only.
const MAX_WORDS: usize = 3;

/// At most this many candidates are returned for one name.
const MAX_CANDIDATES: usize = 256;

/// A base form shorter than this (in characters) is not tried.
const MIN_BASE_CHARS: usize = 3;

/// Russian (ending, nominative ending) pairs, longest endings first within
/// each group only for reading; every matching rule applies.
const RU: &[(&str, &str)] = &[
    // -ия nouns: Германия, Россия, Франция.
    ("ии", "ия"),
    ("ию", "ия"),
    ("ией", "ия"),
    ("иею", "ия"),
    // -а nouns: Москва, Прага, Уфа.
    ("ы", "а"),
    ("и", "а"),
    ("е", "а"),
    ("у", "а"),
    ("ой", "а"),
    ("ою", "а"),
    // -я nouns: Земля.
    ("и", "я"),
    ("е", "я"),
    ("ю", "я"),
    ("ей", "я"),
    // Hard masculine nouns: Курск, Киев, Берлин, Париж.
    ("а", ""),
    ("у", ""),
    ("ом", ""),
    ("ем", ""),
    ("е", ""),
    // Soft nouns: Ярославль (masculine), Казань, Тверь (feminine).
    ("я", "ь"),
    ("ю", "ь"),
    ("ем", "ь"),
    ("е", "ь"),
    ("и", "ь"),
    ("ью", "ь"),
    // Masculine -й: Китай, Шанхай.
    ("я", "й"),
    ("ю", "й"),
    ("ем", "й"),
    ("е", "й"),
    // Neuter -о: Иваново.
    ("а", "о"),
    ("у", "о"),
    ("ом", "о"),
    ("е", "о"),
    // Plurals: Нидерланды, Филиппины, Штаты.
    ("ов", "ы"),
    ("ах", "ы"),
    ("ам", "ы"),
    ("ами", "ы"),
    ("ах", "и"),
    ("ам", "и"),
    ("ями", "и"),
    // Adjectives: Нижний, Южная, Соединённые, Красное.
    ("ого", "ий"),
    ("ого", "ый"),
    ("ого", "ой"),
    ("его", "ий"),
    ("ому", "ий"),
    ("ому", "ый"),
    ("ому", "ой"),
    ("ему", "ий"),
    ("ым", "ый"),
    ("им", "ий"),
    ("ом", "ий"),
    ("ом", "ый"),
    ("ем", "ий"),
    ("ой", "ая"),
    ("ую", "ая"),
    ("ей", "яя"),
    ("юю", "яя"),
    ("ых", "ые"),
    ("их", "ие"),
    ("ым", "ые"),
    ("им", "ие"),
    ("ыми", "ые"),
    ("ими", "ие"),
    ("ого", "ое"),
    ("ом", "ое"),
];

/// Polish (ending, nominative ending) pairs.
const PL: &[(&str, &str)] = &[
    // -ia and -ja nouns: Hiszpania, Brytania, Francja, Rosja.
    ("ii", "ia"),
    ("ię", "ia"),
    ("ji", "ja"),
    ("ję", "ja"),
    // -a nouns: Warszawa, Ukraina, Praga, Kanada, Polska, Bruksela.
    ("y", "a"),
    ("i", "a"),
    ("ie", "a"),
    ("ę", "a"),
    ("ce", "ka"),
    ("dze", "ga"),
    ("rze", "ra"),
    ("dzie", "da"),
    ("cie", "ta"),
    // Masculine nouns: Berlin, Londyn, Kraków, Wrocław, Poznań, Madryt.
    ("a", ""),
    ("u", ""),
    ("owi", ""),
    ("em", ""),
    ("ie", ""),
    ("ia", ""),
    ("iu", ""),
    ("iem", ""),
    ("cie", "t"),
    ("dzie", "d"),
    ("rze", "r"),
    // Feminine soft nouns: Białoruś, Łódź (Białorusi, Łodzi).
    ("i", ""),
    // Neuter -o: Kosowo, Maroko.
    ("a", "o"),
    ("u", "o"),
    ("ie", "o"),
    ("em", "o"),
    // Plurals: Chiny, Czechy, Indie, Stany, Filipiny.
    ("ach", "y"),
    ("ach", "e"),
    ("ów", "y"),
    ("om", "y"),
    ("ami", "y"),
    ("ii", "ie"),
    ("", "y"),
    // Adjectives: Nowy (Jork), Wielka (Brytania), Zjednoczone (Stany).
    ("ego", "y"),
    ("iego", "i"),
    ("emu", "y"),
    ("iemu", "i"),
    ("ym", "y"),
    ("im", "i"),
    ("ej", "a"),
    ("iej", "a"),
    ("ych", "e"),
    ("ich", "ie"),
    ("ym", "e"),
    ("ymi", "e"),
];

/// Polish country names whose stem changes in declension, each form with
/// its nominative (the other forms of these follow the rules above).
const PL_IRREGULAR: &[(&str, &str)] = &[
    ("niemczech", "niemcy"),
    ("niemiec", "niemcy"),
    ("węgier", "węgry"),
    ("węgrzech", "węgry"),
    ("włoszech", "włochy"),
];

/// German (ending, nominative ending) pairs; see [`german_rule_applies`].
const DE: &[(&str, &str)] = &[("s", ""), ("n", "")];

/// Candidate base forms of `name` in `language` (ISO 639-1), lower case,
/// without `name` itself, at most [`MAX_CANDIDATES`]; none for a language
/// without rules (English among them) or a name of more than 160 bytes.
pub fn base_forms(name: &str, language: Option<&str>) -> Vec<String> {
    let rules: &[(&str, &str)] = match language {
        Some("ru") => RU,
        Some("pl") => PL,
        Some("de") => DE,
        _ => return Vec::new(),
    };
    if name.len() > super::key::MAX_NAME_BYTES {
        return Vec::new();
    }
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let Some(last) = words.len().checked_sub(1) else {
        return Vec::new();
    };
    let options: Vec<Vec<String>> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let mut forms = vec![(*word).to_owned()];
            if words.len() <= MAX_WORDS || i == last {
                forms.extend(word_bases(word, language, rules, i == last));
            }
            forms
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut choice = vec![0usize; options.len()];
    // Every combination of the words' forms, the last word varying fastest,
    // the unchanged name (all zeros) skipped.
    loop {
        let mut i = options.len();
        loop {
            if i == 0 {
                return out;
            }
            i -= 1;
            choice[i] += 1;
            if choice[i] < options[i].len() {
                break;
            }
            choice[i] = 0;
        }
        let candidate = choice
            .iter()
            .zip(&options)
            .map(|(&c, forms)| forms[c].as_str())
            .collect::<Vec<_>>()
            .join(" ");
        // Each word's forms are distinct and words hold no space, so no
        // two choices join into the same candidate.
        out.push(candidate);
        if out.len() >= MAX_CANDIDATES {
            return out;
        }
    }
}

/// The base forms of one lower-case word by `rules`; `last` says whether it
/// is the name's last word (German's genitive -s is only there).
fn word_bases(
    word: &str,
    language: Option<&str>,
    rules: &[(&str, &str)],
    last: bool,
) -> Vec<String> {
    let mut bases = Vec::new();
    if language == Some("pl")
        && let Some((_, base)) = PL_IRREGULAR.iter().find(|(form, _)| *form == word)
    {
        bases.push((*base).to_owned());
    }
    // Hyphenated names decline in their last part ("Санкт-Петербурге").
    let (head, tail) = match word.rsplit_once('-') {
        Some((head, tail)) => (Some(head), tail),
        None => (None, word),
    };
    for &(ending, nominative) in rules {
        let Some(stem) = tail.strip_suffix(ending) else {
            continue;
        };
        if language == Some("de") && !german_rule_applies(stem, ending, last) {
            continue;
        }
        let base = match head {
            Some(head) => format!("{head}-{stem}{nominative}"),
            None => format!("{stem}{nominative}"),
        };
        if base != word
            && base.chars().count() >= MIN_BASE_CHARS
            && stem.chars().count() >= 2
            && !bases.contains(&base)
        {
            bases.push(base);
        }
    }
    bases
}

/// German's two rules where they are safe: the genitive -s only on the
/// last word and after a letter that is not s, x, z or ß (a name in -s
/// takes no -s: "des Iran", "von Paris"); the -n only after an e, as in
/// "Niederlanden" and "Vereinigten".
fn german_rule_applies(stem: &str, ending: &str, last: bool) -> bool {
    let before = stem.chars().last();
    match ending {
        "s" => {
            last && before.is_some_and(|c| c.is_alphabetic() && !matches!(c, 's' | 'x' | 'z' | 'ß'))
        }
        "n" => before == Some('e'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(name: &str, language: &str, base: &str) -> bool {
        base_forms(name, Some(language)).iter().any(|b| b == base)
    }

    #[test]
    fn russian_case_endings_give_the_nominative() {
        for (form, base) in [
            ("Курске", "курск"),
            ("Курска", "курск"),
            ("Курску", "курск"),
            ("Курском", "курск"),
            ("Германии", "германия"),
            ("Германию", "германия"),
            ("Германией", "германия"),
            ("Москве", "москва"),
            ("Москвы", "москва"),
            ("Москву", "москва"),
            ("Москвой", "москва"),
            ("Праги", "прага"),
            ("Казани", "казань"),
            ("Китае", "китай"),
            ("Нидерландах", "нидерланды"),
            ("Нидерландов", "нидерланды"),
            ("Санкт-Петербурге", "санкт-петербург"),
            ("Нью-Йорке", "нью-йорк"),
        ] {
            assert!(
                has(form, "ru", base),
                "{form} -> {base}: {:?}",
                base_forms(form, Some("ru"))
            );
        }
    }

    #[test]
    fn russian_adjective_and_noun_decline_together() {
        assert!(has("Южной Корее", "ru", "южная корея"));
        assert!(has("Нижнем Новгороде", "ru", "нижний новгород"));
        assert!(has("Соединённых Штатах", "ru", "соединённые штаты"));
    }

    #[test]
    fn polish_case_endings_give_the_nominative() {
        for (form, base) in [
            ("Warszawie", "warszawa"),
            ("Warszawy", "warszawa"),
            ("Warszawę", "warszawa"),
            ("Krakowie", "krakow"),
            ("Krakowa", "krakow"),
            ("Kanadzie", "kanada"),
            ("Polsce", "polska"),
            ("Pradze", "praga"),
            ("Francji", "francja"),
            ("Hiszpanii", "hiszpania"),
            ("Berlinie", "berlin"),
            ("Londynu", "londyn"),
            ("Madrycie", "madryt"),
            ("Poznania", "poznan"),
            ("Białorusi", "białorus"),
            ("Chinach", "chiny"),
            ("Chin", "chiny"),
            ("Stanów", "stany"),
            ("Indiach", "indie"),
        ] {
            assert!(
                has(form, "pl", base),
                "{form} -> {base}: {:?}",
                base_forms(form, Some("pl"))
            );
        }
    }

    #[test]
    fn polish_country_names_with_a_changing_stem_are_listed() {
        for form in ["Niemczech", "Niemiec", "Niemcom", "Niemcami"] {
            assert!(has(form, "pl", "niemcy"), "{form}");
        }
        assert!(has("Węgrzech", "pl", "węgry"));
        assert!(has("Włoszech", "pl", "włochy"));
        assert!(has("Stanach Zjednoczonych", "pl", "stany zjednoczone"));
        assert!(has("Wielkiej Brytanii", "pl", "wielka brytania"));
        assert!(has("Nowym Jorku", "pl", "nowy jork"));
    }

    #[test]
    fn german_genitive_s_and_dative_n_come_off_where_safe() {
        assert!(has("Russlands", "de", "russland"));
        assert!(has("Moskaus", "de", "moskau"));
        assert!(has("Niederlanden", "de", "niederlande"));
        assert!(has("Vereinigten Staaten", "de", "vereinigte staaten"));
        // No -s after s, x or z, nor inside a name, nor -n after another letter.
        assert!(base_forms("Halifax", Some("de")).is_empty());
        assert!(base_forms("Mainz", Some("de")).is_empty());
        assert!(base_forms("Kiews", Some("de")).contains(&"kiew".to_owned()));
        assert!(!has(
            "Vereinigtes Königreich",
            "de",
            "vereinigte königreich"
        ));
        assert!(base_forms("Berlin", Some("de")).is_empty());
    }

    #[test]
    fn english_and_unknown_languages_have_no_rules() {
        assert!(base_forms("Kursks", None).is_empty());
        assert!(base_forms("Kursks", Some("en")).is_empty());
        assert!(base_forms("Курске", Some("uk")).is_empty());
    }

    #[test]
    fn odd_names_give_bounded_output_and_no_panic() {
        for name in ["", " ", "а", "ы", "-е", "е-", "x y z w v u t s"] {
            let _ = base_forms(name, Some("ru"));
            let _ = base_forms(name, Some("pl"));
            let _ = base_forms(name, Some("de"));
        }
        let long = "Москвой ".repeat(5);
        assert!(base_forms(&long, Some("ru")).len() <= MAX_CANDIDATES);
        assert!(base_forms(&"ы".repeat(200), Some("ru")).is_empty());
    }
}
