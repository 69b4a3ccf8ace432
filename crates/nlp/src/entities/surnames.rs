//! Declined person names in Polish and Russian: whether "Tuska" or "Tuskowi" can be a case of "Tusk", "Путиным" of "Путин", for the person the name belongs to.
//!
//! Both languages decline surnames, so an article names Donald Tusk as
//! "Tusk", "Tuska", "Tuskowi", "Tuskiem", and Владимир Путин as "Путина",
//! "Путину", "Путиным". A rule swaps one case ending for the nominative
//! ending it comes from; persons.rs tries the rules only on a name that
//! joins no fuller name as written, and only towards a name the article
//! holds, so a wrong guess finds nothing.
//!
//! Which rules apply depends on the person: a woman's surname that ends in
//! a consonant does not decline ("Ewa Kopacz", so "Kopacza" is not her), and
//! an adjectival surname has masculine and feminine forms that are two
//! people ("Kowalskiego" is a Kowalski, "Kowalskiej" a Kowalska). The sex is
//! read from the first name, as both languages allow: a woman's ends in -a
//! (Polish) or -а/-я (Russian), apart from the few men's names listed.

/// Who a rule may apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sex {
    Male,
    Female,
    Any,
}

use Sex::{Any, Female, Male};

/// Polish (ending, nominative ending, who) rules.
const PL: &[(&str, &str, Sex)] = &[
    // Men's surnames in a consonant: Tusk, Nowak, Macron.
    ("a", "", Male),
    ("owi", "", Male),
    ("em", "", Male),
    ("iem", "", Male),
    ("ie", "", Male),
    ("u", "", Male),
    // Men's adjectival surnames: Kaczyński, Nawrocki, Wesoły.
    ("iego", "i", Male),
    ("ego", "y", Male),
    ("iemu", "i", Male),
    ("emu", "y", Male),
    ("im", "i", Male),
    ("ym", "y", Male),
    // Women's adjectival surnames: Kowalska, Zielona (the instrumental
    // "Kowalską" needs no rule: the keys ignore the ogonek).
    ("iej", "a", Female),
    ("ej", "a", Female),
    // Surnames in -a, of either sex: Duda, Wałęsa.
    ("y", "a", Any),
    ("i", "a", Any),
    ("ę", "a", Any),
    ("ie", "a", Any),
    ("dzie", "da", Any),
    ("ce", "ka", Any),
    ("dze", "ga", Any),
    ("rze", "ra", Any),
    // Men's surnames in -o: Fredro, Kościuszko.
    ("y", "o", Male),
    ("i", "o", Male),
    ("ę", "o", Male),
    ("ą", "o", Male),
    ("ce", "ko", Male),
];

/// Russian (ending, nominative ending, who) rules.
const RU: &[(&str, &str, Sex)] = &[
    // Men's surnames in a consonant: Путин, Лавров, Трамп, Шольц.
    ("а", "", Male),
    ("у", "", Male),
    ("ым", "", Male),
    ("ом", "", Male),
    ("ем", "", Male),
    ("е", "", Male),
    // Men's surnames in -й and -ь: Гайдай, Гоголь.
    ("я", "й", Male),
    ("ю", "й", Male),
    ("ем", "й", Male),
    ("е", "й", Male),
    ("я", "ь", Male),
    ("ю", "ь", Male),
    ("ем", "ь", Male),
    ("е", "ь", Male),
    // Men's adjectival surnames: Зеленский, Белый, Толстой.
    ("ого", "ий", Male),
    ("ого", "ый", Male),
    ("ого", "ой", Male),
    ("его", "ий", Male),
    ("ому", "ий", Male),
    ("ому", "ый", Male),
    ("ому", "ой", Male),
    ("ему", "ий", Male),
    ("им", "ий", Male),
    ("ым", "ый", Male),
    ("ом", "ий", Male),
    ("ом", "ый", Male),
    ("ом", "ой", Male),
    // Women's adjectival surnames: Толстая.
    ("ой", "ая", Female),
    ("ую", "ая", Female),
    // Surnames in -а (women's -ова, -ина, and Дуда of either sex) and -я.
    ("ой", "а", Any),
    ("ою", "а", Any),
    ("у", "а", Any),
    ("ы", "а", Any),
    ("и", "а", Any),
    ("е", "а", Any),
    ("и", "я", Any),
    ("е", "я", Any),
    ("ю", "я", Any),
    ("ей", "я", Any),
];

/// Polish men's first names that end in -a.
const PL_MEN_IN_A: &[&str] = &[
    "barnaba",
    "bonawentura",
    "jarema",
    "kosma",
    "kuba",
    "zawisza",
];

/// Russian men's first names (and common short forms) that end in -а or -я.
const RU_MEN_IN_A: &[&str] = &[
    "алёша",
    "алеша",
    "вася",
    "гаврила",
    "данила",
    "дима",
    "женя",
    "иона",
    "илья",
    "коля",
    "кузьма",
    "лёва",
    "лева",
    "лука",
    "миша",
    "никита",
    "паша",
    "петя",
    "саша",
    "савва",
    "фома",
    "юра",
];

fn rules(language: Option<&str>) -> &'static [(&'static str, &'static str, Sex)] {
    match language {
        Some("pl") => PL,
        Some("ru") => RU,
        _ => &[],
    }
}

/// Whether `language` declines surnames by these rules.
pub fn declines(language: Option<&str>) -> bool {
    !rules(language).is_empty()
}

/// The sex a first name says, if it says one.
fn sex_of(first_name: &str, language: Option<&str>) -> Sex {
    let lower = first_name.to_lowercase();
    let (feminine, men) = match language {
        Some("pl") => (lower.ends_with('a'), PL_MEN_IN_A),
        Some("ru") => (lower.ends_with(['а', 'я']), RU_MEN_IN_A),
        _ => return Any,
    };
    if !feminine || men.contains(&lower.as_str()) {
        Male
    } else {
        Female
    }
}

/// The forms `word` may be a case of, lower case, for a person of `sex`.
fn bases(word: &str, sex: Sex, language: Option<&str>) -> Vec<String> {
    let lower = word.to_lowercase();
    let mut out = Vec::new();
    for &(ending, nominative, who) in rules(language) {
        if who != Any && sex != Any && who != sex {
            continue;
        }
        let Some(stem) = lower.strip_suffix(ending) else {
            continue;
        };
        // "Kowalski" is no case of "Kowalska": the -a rules do not reach
        // adjectival women's names.
        let adjectival = ["sk", "ck", "dzk"].iter().any(|s| stem.ends_with(s));
        if who == Any && nominative == "a" && ending == "i" && adjectival {
            continue;
        }
        if stem.chars().count() < 2 {
            continue;
        }
        let base = format!("{stem}{nominative}");
        if !out.contains(&base) {
            out.push(base);
        }
    }
    out
}

/// Whether the name written `words` is a case of the name `full` (both as
/// written, split at white space): it matches the last words of `full`,
/// word for word either as written or as one of the word's base forms for
/// the person `full` names, with at least one word declined. Keys compare
/// words ([`super::keys::name_key`]), so case and diacritics do not matter.
pub fn is_declined_form_of(words: &[&str], full: &[&str], language: Option<&str>) -> bool {
    if words.is_empty() || words.len() > full.len() {
        return false;
    }
    // A one-word name gives no first name to read: its sex is open.
    let sex = if full.len() > 1 {
        sex_of(full[0], language)
    } else {
        Any
    };
    let tail = &full[full.len() - words.len()..];
    let mut declined = false;
    for (word, target) in words.iter().zip(tail) {
        let target = super::keys::name_key(target);
        if super::keys::name_key(word) == target {
            continue;
        }
        if bases(word, sex, language)
            .iter()
            .any(|base| super::keys::name_key(base) == target)
        {
            declined = true;
        } else {
            return false;
        }
    }
    declined
}

/// The keys the last word of a name may have in the nominative, for any
/// person: what persons.rs looks fuller names up by before checking them
/// with [`is_declined_form_of`].
pub fn last_word_keys(words: &[&str], language: Option<&str>) -> Vec<String> {
    let Some(last) = words.last() else {
        return Vec::new();
    };
    let mut keys: Vec<String> = bases(last, Any, language)
        .iter()
        .map(|b| super::keys::name_key(b))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(form: &str, full: &str, language: &str) -> bool {
        let words: Vec<&str> = form.split_whitespace().collect();
        let full: Vec<&str> = full.split_whitespace().collect();
        is_declined_form_of(&words, &full, Some(language))
    }

    #[test]
    fn polish_mens_surnames_decline() {
        for form in ["Tuska", "Tuskowi", "Tuskiem", "Tusku"] {
            assert!(of(form, "Donald Tusk", "pl"), "{form}");
        }
        for form in ["Kaczyńskiego", "Kaczyńskiemu", "Kaczyńskim"] {
            assert!(of(form, "Jarosław Kaczyński", "pl"), "{form}");
        }
        // "Dudą" is "Duda" to the keys, which ignore the ogonek.
        for form in ["Dudy", "Dudzie", "Dudę"] {
            assert!(of(form, "Andrzej Duda", "pl"), "{form}");
        }
        assert!(of("Donalda Tuska", "Donald Tusk", "pl"));
    }

    #[test]
    fn polish_womens_surnames_decline_only_as_womens() {
        assert!(!of("Kopacza", "Ewa Kopacz", "pl"));
        assert!(of("Kopacza", "Jan Kopacz", "pl"));
        assert!(of("Kowalskiej", "Anna Kowalska", "pl"));
        assert!(!of("Kowalskiego", "Anna Kowalska", "pl"));
        assert!(!of("Kowalski", "Anna Kowalska", "pl"));
        assert!(!of("Kowalskiej", "Jan Kowalski", "pl"));
        // Kuba is a man.
        assert!(of("Wojewódzkiego", "Kuba Wojewódzki", "pl"));
    }

    #[test]
    fn russian_surnames_decline_by_the_persons_sex() {
        for form in ["Путина", "Путину", "Путиным", "Путине"] {
            assert!(of(form, "Владимир Путин", "ru"), "{form}");
        }
        for form in ["Зеленского", "Зеленскому", "Зеленским"] {
            assert!(of(form, "Владимир Зеленский", "ru"), "{form}");
        }
        assert!(of("Захаровой", "Мария Захарова", "ru"));
        assert!(of("Захарову", "Мария Захарова", "ru"));
        assert!(!of("Меркеля", "Ангела Меркель", "ru"));
        assert!(of("Никиты Михалкова", "Никита Михалков", "ru"));
        assert!(of("Владимира Путина", "Владимир Путин", "ru"));
    }

    #[test]
    fn a_name_as_written_or_another_name_is_no_declined_form() {
        assert!(!of("Tusk", "Donald Tusk", "pl"));
        assert!(!of("Nowaka", "Donald Tusk", "pl"));
        assert!(!of("Tuska Tuska Tuska", "Donald Tusk", "pl"));
        assert!(!of("", "Donald Tusk", "pl"));
        assert!(!of("Tuska", "Donald Tusk", "en"));
        assert!(!of("Tuska", "Donald Tusk", "de"));
    }

    #[test]
    fn last_word_keys_hold_every_nominative_guess() {
        let keys = last_word_keys(&["Путиным"], Some("ru"));
        assert!(keys.contains(&"путин".to_owned()), "{keys:?}");
        assert!(last_word_keys(&[], Some("ru")).is_empty());
        assert!(last_word_keys(&["Tuska"], None).is_empty());
    }
}
