//! Nationality adjectives and demonyms ("Russian", "Ukrainians", "North Korean", "Briton") mapped to the country they name.
//!
//! The tagger marks these as MISC; they tell the resolver which countries a
//! story is about ("Russian troops" makes "Kursk" Russian) and give the MISC
//! entity its country. A word that names more than one country ("Korean",
//! "Samoan" aside, "Virgin Islander") is left out rather than guessed, except
//! where news means one of them almost always: "Congolese" is the DR Congo's,
//! "Dominican" the Dominican Republic's, "Guinean" Guinea's (the others
//! have "Bissau-Guinean", "Equatoguinean"). Slang ("Kiwi", "Aussie",
//! "Brit") and ethnic or regional words that name no one country
//! ("Kurdish", "Arab", "Basque") are left out too.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::key::key;

/// Each country's words, by ISO2. "Russian(s)" stands for both "Russian"
/// and "Russians".
const DEMONYMS: &[(&str, &[&str])] = &[
    ("AD", &["Andorran(s)"]),
    ("AE", &["Emirati(s)", "Emirian(s)"]),
    ("AF", &["Afghan(s)", "Afghani(s)", "Afghanistani(s)"]),
    ("AG", &["Antiguan(s)", "Barbudan(s)"]),
    ("AI", &["Anguillan(s)"]),
    ("AL", &["Albanian(s)"]),
    ("AM", &["Armenian(s)"]),
    ("AO", &["Angolan(s)"]),
    ("AR", &["Argentine(s)", "Argentinian(s)", "Argentinean(s)"]),
    ("AS", &["American Samoan(s)"]),
    ("AT", &["Austrian(s)"]),
    ("AU", &["Australian(s)"]),
    ("AW", &["Aruban(s)"]),
    ("AX", &["Ålander(s)", "Ålandish"]),
    ("AZ", &["Azerbaijani(s)", "Azeri(s)", "Azerbaijanian(s)"]),
    ("BA", &["Bosnian(s)", "Herzegovinian(s)", "Bosniak(s)"]),
    ("BB", &["Barbadian(s)", "Bajan(s)"]),
    ("BD", &["Bangladeshi(s)"]),
    ("BE", &["Belgian(s)"]),
    ("BF", &["Burkinabe", "Burkinabé", "Burkinese"]),
    ("BG", &["Bulgarian(s)"]),
    ("BH", &["Bahraini(s)"]),
    ("BI", &["Burundian(s)"]),
    ("BJ", &["Beninese", "Beninois"]),
    ("BM", &["Bermudian(s)", "Bermudan(s)"]),
    ("BN", &["Bruneian(s)"]),
    ("BO", &["Bolivian(s)"]),
    ("BR", &["Brazilian(s)"]),
    ("BS", &["Bahamian(s)"]),
    ("BT", &["Bhutanese"]),
    ("BW", &["Botswanan(s)", "Motswana", "Batswana"]),
    ("BY", &["Belarusian(s)", "Belarussian(s)", "Belorussian(s)"]),
    ("BZ", &["Belizean(s)"]),
    ("CA", &["Canadian(s)"]),
    ("CD", &["Congolese"]),
    ("CF", &["Central African(s)"]),
    ("CH", &["Swiss"]),
    ("CI", &["Ivorian(s)", "Ivoirian(s)"]),
    ("CK", &["Cook Islander(s)"]),
    ("CL", &["Chilean(s)"]),
    ("CM", &["Cameroonian(s)"]),
    ("CN", &["Chinese"]),
    ("CO", &["Colombian(s)"]),
    ("CR", &["Costa Rican(s)"]),
    ("CU", &["Cuban(s)"]),
    ("CV", &["Cape Verdean(s)", "Cabo Verdean(s)"]),
    ("CW", &["Curaçaoan(s)"]),
    ("CY", &["Cypriot(s)"]),
    ("CZ", &["Czech(s)"]),
    ("DE", &["German(s)"]),
    ("DJ", &["Djiboutian(s)"]),
    ("DK", &["Danish", "Dane(s)"]),
    ("DO", &["Dominican(s)"]),
    ("DZ", &["Algerian(s)"]),
    ("EC", &["Ecuadorian(s)", "Ecuadorean(s)"]),
    ("EE", &["Estonian(s)"]),
    ("EG", &["Egyptian(s)"]),
    ("EH", &["Sahrawi(s)", "Saharawi(s)", "Western Saharan(s)"]),
    ("ER", &["Eritrean(s)"]),
    ("ES", &["Spanish", "Spaniard(s)"]),
    ("ET", &["Ethiopian(s)"]),
    ("FI", &["Finnish", "Finn(s)"]),
    ("FJ", &["Fijian(s)"]),
    ("FK", &["Falkland Islander(s)", "Falklander(s)"]),
    ("FM", &["Micronesian(s)"]),
    ("FO", &["Faroese"]),
    (
        "FR",
        &[
            "French",
            "Frenchman",
            "Frenchmen",
            "Frenchwoman",
            "Frenchwomen",
        ],
    ),
    ("GA", &["Gabonese"]),
    (
        "GB",
        &[
            "British",
            "Briton(s)",
            "English",
            "Englishman",
            "Englishmen",
            "Englishwoman",
            "Englishwomen",
            "Scottish",
            "Scot(s)",
            "Welsh",
            "Welshman",
            "Welshmen",
            "Northern Irish",
        ],
    ),
    ("GD", &["Grenadian(s)"]),
    ("GE", &["Georgian(s)"]),
    ("GF", &["French Guianese", "Guianan(s)"]),
    ("GH", &["Ghanaian(s)"]),
    ("GI", &["Gibraltarian(s)"]),
    ("GL", &["Greenlander(s)", "Greenlandic"]),
    ("GM", &["Gambian(s)"]),
    ("GN", &["Guinean(s)"]),
    ("GP", &["Guadeloupean(s)"]),
    ("GQ", &["Equatorial Guinean(s)", "Equatoguinean(s)"]),
    ("GR", &["Greek(s)", "Hellenic"]),
    ("GT", &["Guatemalan(s)"]),
    ("GU", &["Guamanian(s)"]),
    ("GW", &["Bissau-Guinean(s)"]),
    ("GY", &["Guyanese"]),
    ("HK", &["Hongkonger(s)", "Hong Konger(s)", "Hong Kongese"]),
    ("HN", &["Honduran(s)"]),
    ("HR", &["Croatian(s)", "Croat(s)"]),
    ("HT", &["Haitian(s)"]),
    ("HU", &["Hungarian(s)"]),
    ("ID", &["Indonesian(s)"]),
    (
        "IE",
        &["Irish", "Irishman", "Irishmen", "Irishwoman", "Irishwomen"],
    ),
    ("IL", &["Israeli(s)"]),
    ("IM", &["Manx"]),
    ("IN", &["Indian(s)"]),
    ("IQ", &["Iraqi(s)"]),
    ("IR", &["Iranian(s)", "Persian(s)"]),
    ("IS", &["Icelandic", "Icelander(s)"]),
    ("IT", &["Italian(s)"]),
    ("JM", &["Jamaican(s)"]),
    ("JO", &["Jordanian(s)"]),
    ("JP", &["Japanese"]),
    ("KE", &["Kenyan(s)"]),
    ("KG", &["Kyrgyz", "Kyrgyzstani(s)", "Kirghiz"]),
    ("KH", &["Cambodian(s)"]),
    ("KI", &["I-Kiribati"]),
    ("KM", &["Comoran(s)", "Comorian(s)"]),
    ("KN", &["Kittitian(s)", "Nevisian(s)"]),
    ("KP", &["North Korean(s)"]),
    ("KR", &["South Korean(s)"]),
    ("KW", &["Kuwaiti(s)"]),
    ("KY", &["Caymanian(s)"]),
    ("KZ", &["Kazakh(s)", "Kazakhstani(s)", "Kazak(s)"]),
    ("LA", &["Laotian(s)", "Lao"]),
    ("LB", &["Lebanese"]),
    ("LC", &["Saint Lucian(s)", "St. Lucian(s)"]),
    ("LI", &["Liechtensteiner(s)", "Liechtensteinian(s)"]),
    ("LK", &["Sri Lankan(s)"]),
    ("LR", &["Liberian(s)"]),
    ("LS", &["Basotho", "Mosotho", "Lesothan(s)"]),
    ("LT", &["Lithuanian(s)"]),
    (
        "LU",
        &["Luxembourger(s)", "Luxembourgish", "Luxembourgian(s)"],
    ),
    ("LV", &["Latvian(s)", "Lett(s)"]),
    ("LY", &["Libyan(s)"]),
    ("MA", &["Moroccan(s)"]),
    ("MC", &["Monegasque(s)", "Monacan(s)"]),
    ("MD", &["Moldovan(s)"]),
    ("ME", &["Montenegrin(s)"]),
    ("MG", &["Malagasy", "Madagascan(s)"]),
    ("MH", &["Marshallese"]),
    ("MK", &["Macedonian(s)", "North Macedonian(s)"]),
    ("ML", &["Malian(s)"]),
    ("MM", &["Burmese", "Myanmarese"]),
    ("MN", &["Mongolian(s)"]),
    ("MO", &["Macanese", "Macauan(s)"]),
    ("MP", &["Northern Mariana Islander(s)"]),
    ("MQ", &["Martinican(s)", "Martiniquais"]),
    ("MR", &["Mauritanian(s)"]),
    ("MS", &["Montserratian(s)"]),
    ("MT", &["Maltese"]),
    ("MU", &["Mauritian(s)"]),
    ("MV", &["Maldivian(s)"]),
    ("MW", &["Malawian(s)"]),
    ("MX", &["Mexican(s)"]),
    ("MY", &["Malaysian(s)"]),
    ("MZ", &["Mozambican(s)"]),
    ("NA", &["Namibian(s)"]),
    ("NC", &["New Caledonian(s)"]),
    ("NE", &["Nigerien(s)"]),
    ("NF", &["Norfolk Islander(s)"]),
    ("NG", &["Nigerian(s)"]),
    ("NI", &["Nicaraguan(s)"]),
    (
        "NL",
        &[
            "Dutch",
            "Dutchman",
            "Dutchmen",
            "Dutchwoman",
            "Dutchwomen",
            "Netherlander(s)",
        ],
    ),
    ("NO", &["Norwegian(s)"]),
    ("NP", &["Nepali(s)", "Nepalese"]),
    ("NR", &["Nauruan(s)"]),
    ("NU", &["Niuean(s)"]),
    ("NZ", &["New Zealander(s)"]),
    ("OM", &["Omani(s)"]),
    ("PA", &["Panamanian(s)"]),
    ("PE", &["Peruvian(s)"]),
    ("PF", &["French Polynesian(s)", "Tahitian(s)"]),
    ("PG", &["Papua New Guinean(s)"]),
    ("PH", &["Filipino(s)", "Filipina(s)", "Philippine"]),
    ("PK", &["Pakistani(s)"]),
    ("PL", &["Polish", "Pole(s)"]),
    ("PM", &["Saint-Pierrais"]),
    ("PN", &["Pitcairn Islander(s)"]),
    ("PR", &["Puerto Rican(s)"]),
    ("PS", &["Palestinian(s)"]),
    ("PT", &["Portuguese"]),
    ("PW", &["Palauan(s)"]),
    ("PY", &["Paraguayan(s)"]),
    ("QA", &["Qatari(s)"]),
    ("RE", &["Réunionese", "Réunionnais"]),
    ("RO", &["Romanian(s)"]),
    ("RS", &["Serbian(s)", "Serb(s)"]),
    ("RU", &["Russian(s)"]),
    ("RW", &["Rwandan(s)", "Rwandese"]),
    ("SA", &["Saudi(s)", "Saudi Arabian(s)"]),
    ("SB", &["Solomon Islander(s)"]),
    ("SC", &["Seychellois"]),
    ("SD", &["Sudanese"]),
    ("SE", &["Swedish", "Swede(s)"]),
    ("SG", &["Singaporean(s)"]),
    ("SH", &["Saint Helenian(s)"]),
    ("SI", &["Slovenian(s)", "Slovene(s)"]),
    ("SK", &["Slovak(s)", "Slovakian(s)"]),
    ("SL", &["Sierra Leonean(s)"]),
    ("SM", &["Sammarinese"]),
    ("SN", &["Senegalese"]),
    ("SO", &["Somali(s)", "Somalian(s)"]),
    ("SR", &["Surinamese", "Surinamer(s)"]),
    ("SS", &["South Sudanese"]),
    ("ST", &["São Toméan(s)", "Santomean(s)"]),
    ("SV", &["Salvadoran(s)", "Salvadorean(s)"]),
    ("SY", &["Syrian(s)"]),
    ("SZ", &["Swazi(s)", "Liswati", "Emaswati"]),
    ("TC", &["Turks and Caicos Islander(s)"]),
    ("TD", &["Chadian(s)"]),
    ("TG", &["Togolese"]),
    ("TH", &["Thai(s)"]),
    ("TJ", &["Tajik(s)", "Tajikistani(s)", "Tadjik(s)"]),
    ("TK", &["Tokelauan(s)"]),
    ("TL", &["Timorese", "East Timorese"]),
    ("TM", &["Turkmen", "Turkmens", "Turkmenistani(s)"]),
    ("TN", &["Tunisian(s)"]),
    ("TO", &["Tongan(s)"]),
    ("TR", &["Turkish", "Turk(s)"]),
    ("TT", &["Trinidadian(s)", "Tobagonian(s)"]),
    ("TV", &["Tuvaluan(s)"]),
    ("TW", &["Taiwanese"]),
    ("TZ", &["Tanzanian(s)"]),
    ("UA", &["Ukrainian(s)"]),
    ("UG", &["Ugandan(s)"]),
    ("US", &["American(s)", "U.S.", "US"]),
    ("UY", &["Uruguayan(s)"]),
    ("UZ", &["Uzbek(s)", "Uzbekistani(s)"]),
    ("VC", &["Vincentian(s)"]),
    ("VE", &["Venezuelan(s)"]),
    ("VG", &["British Virgin Islander(s)"]),
    ("VI", &["U.S. Virgin Islander(s)"]),
    ("VN", &["Vietnamese"]),
    ("VU", &["Ni-Vanuatu", "Vanuatuan(s)"]),
    ("WF", &["Wallisian(s)", "Futunan(s)"]),
    ("WS", &["Samoan(s)"]),
    ("XK", &["Kosovar(s)", "Kosovan(s)"]),
    ("YE", &["Yemeni(s)", "Yemenite(s)"]),
    ("YT", &["Mahoran(s)"]),
    ("ZA", &["South African(s)"]),
    ("ZM", &["Zambian(s)"]),
    ("ZW", &["Zimbabwean(s)"]),
];

/// Every word of [`DEMONYMS`] with its "(s)" spelled out both ways.
fn words() -> impl Iterator<Item = (String, &'static str)> {
    DEMONYMS.iter().flat_map(|&(code, words)| {
        words.iter().flat_map(move |&word| {
            let (stem, plural) = match word.strip_suffix("(s)") {
                Some(stem) => (stem, true),
                None => (word, false),
            };
            let plural = plural.then(|| format!("{stem}s"));
            std::iter::once(stem.to_owned())
                .chain(plural)
                .map(move |w| (w, code))
        })
    })
}

fn table() -> &'static HashMap<String, &'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| words().map(|(word, code)| (key(&word), code)).collect())
}

/// The ISO2 code of the country a nationality word names ("Ukrainians" ->
/// "UA"), compared in [`key`] form, so case, diacritics and dots do not matter.
pub fn demonym_country(word: &str) -> Option<&'static str> {
    let word = key(word);
    if word.is_empty() {
        return None;
    }
    table().get(&word).copied()
}

/// ISO2 codes that have at least one word in the table.
pub fn countries_with_demonyms() -> impl Iterator<Item = &'static str> {
    DEMONYMS.iter().map(|&(code, _)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_and_plural_name_the_country() {
        assert_eq!(demonym_country("Russian"), Some("RU"));
        assert_eq!(demonym_country("Russians"), Some("RU"));
        assert_eq!(demonym_country("Ukrainian"), Some("UA"));
        assert_eq!(demonym_country("Ukrainians"), Some("UA"));
        assert_eq!(demonym_country("Filipinos"), Some("PH"));
        assert_eq!(demonym_country("Emirati"), Some("AE"));
    }

    #[test]
    fn two_word_demonyms_are_found_whole() {
        assert_eq!(demonym_country("North Korean"), Some("KP"));
        assert_eq!(demonym_country("South Koreans"), Some("KR"));
        assert_eq!(demonym_country("New Zealander"), Some("NZ"));
        assert_eq!(demonym_country("Korean"), None);
    }

    #[test]
    fn british_words_are_the_uk() {
        for word in ["British", "Briton", "Britons", "Scottish", "Welsh"] {
            assert_eq!(demonym_country(word), Some("GB"), "{word}");
        }
        assert_eq!(demonym_country("Dutch"), Some("NL"));
        assert_eq!(demonym_country("Chinese"), Some("CN"));
        assert_eq!(demonym_country("American"), Some("US"));
    }

    #[test]
    fn case_and_diacritics_do_not_matter() {
        assert_eq!(demonym_country("RUSSIAN"), Some("RU"));
        assert_eq!(demonym_country("burkinabe"), Some("BF"));
        assert_eq!(demonym_country("Réunionese"), Some("RE"));
    }

    #[test]
    fn slang_ambiguous_and_empty_words_are_not_countries() {
        for word in ["Kiwi", "Aussie", "Brit", "Korean", "Arab", "", "...", "the"] {
            assert_eq!(demonym_country(word), None, "{word:?}");
        }
    }

    #[test]
    fn every_country_of_100000_people_has_a_word() {
        // The Republic of the Congo's word is the DR Congo's ("Congolese").
        let known: Vec<&str> = countries_with_demonyms().chain(["CG"]).collect();
        let missing: Vec<&str> = crate::geo::Gazetteer::embedded()
            .countries()
            .filter(|c| c.entry.population >= 100_000)
            .map(|c| c.entry.country_code)
            .filter(|code| !known.contains(code))
            .collect();
        assert!(missing.is_empty(), "no demonym for {missing:?}");
    }

    #[test]
    fn no_word_names_two_countries() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (word, code) in words() {
            if let Some(other) = seen.insert(key(&word), code) {
                assert_eq!(other, code, "{word} names {other} and {code}");
            }
        }
    }
}
