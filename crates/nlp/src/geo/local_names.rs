//! Country names in the languages other than English that the gazetteer knows: CLDR's names (`models/country-names.tsv`) and the short and official forms news uses that CLDR leaves out.
//!
//! CLDR gives each territory one name per language, and sometimes a short
//! or variant form ("USA", "Tschechische Republik"); the news of each
//! language also writes older or shorter names ("Großbritannien" beside
//! "Vereinigtes Königreich", "EE.UU." beside "EE. UU.", "Белоруссия"
//! beside "Беларусь") and the official long forms ("Russische Föderation").
//! [`LOCAL_COUNTRY_ALIASES`] holds those, each checked against the usage of
//! the language's press; like [`super::aliases::COUNTRY_ALIASES`] a name here
//! must mean its country and nothing else.
//!
//! These names count only for an article in their language: the build
//! writes them as keys of that language ([`super::gazetteer`]), so English
//! results cannot change. Where a local name is the own name of a place
//! bigger than its country, the place keeps it: "Granada" in Spanish
//! (Grenada in CLDR) stays the Spanish city (the build's collision rule).

/// The languages with local names, ISO 639-1.
pub const LOCAL_LANGUAGES: &[&str] = &["de", "es", "fr", "it", "nl", "pl", "pt", "ru"];

/// The CLDR names, one `code TAB language TAB name` a line, written by
/// `scripts/build-country-names.sh`.
#[cfg(feature = "train")]
pub const CLDR_COUNTRY_NAMES: &str = include_str!("../../models/country-names.tsv");

/// Names news uses that CLDR lacks, by language and ISO2 code.
pub const LOCAL_COUNTRY_ALIASES: &[(&str, &str, &[&str])] = &[
    // German.
    ("de", "AE", &["VAE"]),
    ("de", "BY", &["Weißrussland", "Weissrussland"]),
    ("de", "CN", &["Volksrepublik China"]),
    ("de", "CZ", &["Tschechische Republik"]),
    (
        "de",
        "DE",
        &["Bundesrepublik Deutschland", "Bundesrepublik", "BRD"],
    ),
    ("de", "GB", &["Großbritannien", "Grossbritannien"]),
    ("de", "KP", &["Demokratische Volksrepublik Korea"]),
    ("de", "KR", &["Republik Korea"]),
    ("de", "MD", &["Moldawien"]),
    ("de", "MM", &["Birma", "Burma"]),
    ("de", "NL", &["Holland"]),
    ("de", "RU", &["Russische Föderation"]),
    ("de", "US", &["Vereinigte Staaten von Amerika", "Amerika"]),
    // Spanish.
    ("es", "CN", &["República Popular China"]),
    ("es", "GB", &["Gran Bretaña"]),
    ("es", "KP", &["República Popular Democrática de Corea"]),
    ("es", "KR", &["República de Corea"]),
    ("es", "MM", &["Birmania"]),
    ("es", "NL", &["Holanda"]),
    ("es", "RU", &["Federación Rusa", "Federación de Rusia"]),
    (
        "es",
        "US",
        &["EE.UU.", "EEUU", "EE UU", "Estados Unidos de América"],
    ),
    // French.
    ("fr", "CN", &["République populaire de Chine"]),
    ("fr", "GB", &["Grande-Bretagne"]),
    ("fr", "KP", &["République populaire démocratique de Corée"]),
    ("fr", "KR", &["République de Corée"]),
    ("fr", "MM", &["Birmanie"]),
    ("fr", "NL", &["Hollande"]),
    ("fr", "RU", &["Fédération de Russie"]),
    ("fr", "US", &["États-Unis d'Amérique", "Amérique"]),
    // Italian.
    ("it", "CN", &["Repubblica Popolare Cinese"]),
    ("it", "GB", &["Gran Bretagna"]),
    ("it", "KP", &["Repubblica Popolare Democratica di Corea"]),
    ("it", "KR", &["Repubblica di Corea"]),
    ("it", "MM", &["Birmania"]),
    ("it", "NL", &["Olanda"]),
    ("it", "RU", &["Federazione Russa"]),
    ("it", "US", &["Stati Uniti d'America", "America"]),
    // Dutch.
    ("nl", "BY", &["Wit-Rusland"]),
    ("nl", "CN", &["Volksrepubliek China"]),
    ("nl", "GB", &["Groot-Brittannië"]),
    ("nl", "MM", &["Birma"]),
    ("nl", "RU", &["Russische Federatie"]),
    (
        "nl",
        "US",
        &["VS", "Verenigde Staten van Amerika", "Amerika"],
    ),
    // Polish.
    ("pl", "CN", &["Chińska Republika Ludowa", "ChRL"]),
    ("pl", "CZ", &["Republika Czeska"]),
    ("pl", "KP", &["Koreańska Republika Ludowo-Demokratyczna"]),
    ("pl", "KR", &["Republika Korei"]),
    ("pl", "MM", &["Birma"]),
    ("pl", "PL", &["Rzeczpospolita Polska"]),
    ("pl", "RU", &["Federacja Rosyjska"]),
    ("pl", "US", &["Stany Zjednoczone Ameryki", "Ameryka"]),
    // Portuguese.
    ("pt", "CN", &["República Popular da China"]),
    ("pt", "GB", &["Grã-Bretanha"]),
    ("pt", "KP", &["República Popular Democrática da Coreia"]),
    ("pt", "KR", &["República da Coreia"]),
    ("pt", "MM", &["Birmânia"]),
    ("pt", "NL", &["Holanda"]),
    ("pt", "RU", &["Federação Russa"]),
    ("pt", "US", &["Estados Unidos da América"]),
    // Russian.
    ("ru", "AE", &["ОАЭ", "Объединённые Арабские Эмираты"]),
    ("ru", "BY", &["Белоруссия"]),
    ("ru", "CN", &["КНР", "Китайская Народная Республика"]),
    ("ru", "DE", &["ФРГ", "Федеративная Республика Германия"]),
    ("ru", "GB", &["Соединённое Королевство"]),
    (
        "ru",
        "KP",
        &[
            "Северная Корея",
            "Корейская Народно-Демократическая Республика",
        ],
    ),
    ("ru", "KR", &["Южная Корея"]),
    ("ru", "MD", &["Молдавия"]),
    ("ru", "MM", &["Бирма"]),
    ("ru", "NL", &["Голландия"]),
    ("ru", "RU", &["РФ", "Российская Федерация"]),
    (
        "ru",
        "US",
        &[
            "Соединённые Штаты Америки",
            "Соединенные Штаты Америки",
            "Америка",
        ],
    ),
    ("ru", "ZA", &["ЮАР", "Южно-Африканская Республика"]),
];
