//! Tests of keywords in languages other than English: each language's stop words stay out of the phrases, its story's terms come out, its words compare as its list writes them, and hostile text in any script does not break it.

use super::*;
use crate::pipeline::Module;
use crate::text::segment;
use unicode_normalization::char::is_combining_mark;

/// A short news story in each language with an NLTK or ISO list that the
/// core languages of the product need, and a word (or stem, for the
/// inflecting languages) its keyphrases must name.
const NEWS: &[(&str, &str, &str)] = &[
    (
        "de",
        "Die Bundesregierung hat am Mittwoch in Berlin ein neues Klimaschutzgesetz beschlossen. \
         Nach dem Entwurf sollen die Emissionen im Verkehr bis 2030 deutlich sinken. Der \
         Verkehrsminister sagte, die Bahn werde in den kommenden Jahren massiv ausgebaut. \
         Umweltverbände kritisierten das Klimaschutzgesetz dennoch als unzureichend, weil es \
         keine verbindlichen Ziele für einzelne Sektoren mehr enthalte. Die Opposition kündigte \
         an, das Klimaschutzgesetz im Bundestag abzulehnen. Auch mehrere Länder forderten \
         Nachbesserungen, bevor der Bundesrat im Herbst über das Gesetz abstimmt.",
        "klimaschutzgesetz",
    ),
    (
        "es",
        "El Gobierno aprobó este martes un plan de vivienda para frenar la subida de los \
         alquileres en las grandes ciudades. Según el Ministerio de Vivienda, el plan prevé \
         construir 50.000 pisos de alquiler social en los próximos cinco años. La ministra dijo \
         que los precios del alquiler han subido más de un 10% en Madrid y Barcelona durante el \
         último año. Los sindicatos de inquilinos consideran que el plan de vivienda llega tarde, \
         mientras que los propietarios advierten de que limitar los alquileres reducirá la \
         oferta. El Congreso debatirá la ley de vivienda en septiembre.",
        "vivienda",
    ),
    (
        "fr",
        "Le gouvernement a présenté mercredi un projet de loi sur l'immigration qui prévoit de \
         durcir les conditions du regroupement familial. Selon le ministre de l'Intérieur, le \
         texte doit aussi accélérer l'expulsion des étrangers condamnés pour des crimes graves. \
         Les associations d'aide aux migrants dénoncent une loi « injuste » et appellent à \
         manifester samedi à Paris. À l'Assemblée nationale, la gauche a déjà annoncé qu'elle \
         voterait contre le projet de loi sur l'immigration, tandis que la droite réclame des \
         mesures plus strictes encore.",
        "immigration",
    ),
    (
        "it",
        "Il governo ha approvato ieri sera il decreto sulla siccità che colpisce da mesi le \
         regioni del Nord. Secondo il ministro dell'Agricoltura, il decreto stanzia 400 milioni \
         di euro per gli agricoltori e per la manutenzione degli acquedotti. Il livello del fiume \
         Po è sceso ai minimi degli ultimi settant'anni e molti comuni della Lombardia hanno già \
         razionato l'acqua. Le associazioni degli agricoltori chiedono però interventi più \
         rapidi, perché la siccità ha già distrutto gran parte del raccolto di riso e di mais.",
        "siccità",
    ),
    (
        "nl",
        "Het kabinet heeft dinsdag besloten de gaswinning in Groningen definitief te stoppen. \
         Volgens de minister van Economische Zaken is de veiligheid van de inwoners belangrijker \
         dan de inkomsten uit het gas. Door de gaswinning zijn de afgelopen jaren duizenden \
         huizen beschadigd geraakt bij aardbevingen. De bewoners reageerden opgelucht, maar zij \
         willen ook dat de schade aan hun huizen sneller wordt vergoed. De Tweede Kamer \
         debatteert volgende week over het besluit om de gaswinning te beëindigen.",
        "gaswinning",
    ),
    (
        "pl",
        "Sejm przyjął w piątek ustawę o obronie ojczyzny, która zwiększa wydatki na wojsko do \
         trzech procent PKB. Według ministra obrony narodowej armia ma liczyć w ciągu kilku lat \
         nawet 300 tysięcy żołnierzy. Ustawa przewiduje także zakup czołgów i samolotów od \
         Stanów Zjednoczonych oraz Korei Południowej. Opozycja poparła ustawę o obronie \
         ojczyzny, ale pytała, skąd rząd weźmie pieniądze na tak duże zakupy uzbrojenia. Teraz \
         ustawą zajmie się Senat.",
        "obronie ojczyzny",
    ),
    (
        "pt",
        "O governo anunciou nesta segunda-feira um novo programa de combate ao desmatamento na \
         Amazônia. Segundo o Ministério do Meio Ambiente, o desmatamento caiu 22% no último \
         ano, mas ainda está longe da meta de zerar a destruição da floresta até 2030. O \
         programa prevê mais fiscais do Ibama e o uso de satélites para detectar queimadas em \
         tempo real. Ambientalistas elogiaram a medida, mas alertam que o desmatamento ilegal \
         continua ligado ao garimpo e à pecuária.",
        "desmatamento",
    ),
    (
        "ru",
        "Центральный банк России в пятницу повысил ключевую ставку до 16 процентов, чтобы \
         сдержать рост инфляции. По словам главы банка, инфляция в этом году может превысить \
         прогноз из-за слабого рубля и роста цен на продукты. Решение оказалось неожиданным для \
         многих экономистов, которые ожидали, что ключевая ставка останется прежней. Высокая \
         ключевая ставка уже привела к росту процентов по кредитам и ипотеке, заявили в крупных \
         банках. Следующее заседание совета директоров пройдёт в декабре.",
        "ключевая ставка",
    ),
];

/// Stories in scripts other than the Latin and Cyrillic ones above, and
/// the word their keyphrases must name.
const OTHER_SCRIPTS: &[(&str, &str, &str)] = &[
    (
        "uk",
        "Верховна Рада у четвер ухвалила закон про мобілізацію, який знижує призовний вік. За \
         словами міністра оборони, закон про мобілізацію допоможе замінити бійців на фронті. \
         Опозиція заявила, що закон ухвалили без обговорення в комітеті.",
        "мобілізацію",
    ),
    (
        "el",
        "Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα για την ακρίβεια στα τρόφιμα. Σύμφωνα με \
         τον υπουργό Ανάπτυξης, τα μέτρα για την ακρίβεια θα ισχύσουν έως το τέλος του έτους. \
         Η αντιπολίτευση είπε ότι η ακρίβεια είναι το μεγαλύτερο πρόβλημα των νοικοκυριών.",
        "ακρίβεια",
    ),
    (
        "ar",
        "أعلنت وزارة الصحة يوم الثلاثاء عن حملة وطنية للتطعيم ضد الحصبة في جميع المحافظات. \
         وقال وزير الصحة إن حملة التطعيم تستهدف أكثر من مليون طفل. وأضاف أن الحصبة عادت إلى \
         الانتشار بعد تراجع نسب التطعيم خلال السنوات الماضية.",
        "الحصبة",
    ),
    (
        "he",
        "הממשלה אישרה ביום ראשון את תקציב המדינה לשנה הבאה. לדברי שר האוצר, התקציב כולל קיצוץ \
         בהוצאות המשרדים והעלאה של המע\"מ. האופוזיציה טענה כי התקציב פוגע במעמד הביניים.",
        "התקציב",
    ),
    (
        "hi",
        "केंद्र सरकार ने मंगलवार को किसानों के लिए नई फसल बीमा योजना की घोषणा की। कृषि मंत्री ने कहा कि \
         फसल बीमा योजना से देश के करोड़ों किसानों को लाभ मिलेगा। विपक्ष ने कहा कि फसल बीमा का \
         पैसा समय पर नहीं मिलता है।",
        "फसल बीमा",
    ),
    (
        "tr",
        "Merkez Bankası perşembe günü politika faizini yüzde 50'ye yükseltti. Bankanın \
         açıklamasına göre enflasyon beklentileri hâlâ yüksek. Ekonomistler, faiz artışının \
         enflasyonu düşürmek için gerekli olduğunu söyledi. İhracatçılar ise yüksek faizin \
         kredi maliyetlerini artırdığını belirtti.",
        "enflasyon",
    ),
];

fn found(code: &str, text: &str, top: usize) -> (&'static Lexicon, Vec<Keyword>) {
    let lexicon = Lexicon::for_language(code).unwrap_or_else(|| panic!("no lexicon for {code}"));
    (lexicon, keywords_in(text, &segment(text), top, lexicon))
}

/// The words of a keyphrase, as the stop-word rule sees them.
fn words(term: &str) -> Vec<&str> {
    term.split([' ', '-']).filter(|w| !w.is_empty()).collect()
}

#[test]
fn keyphrases_in_each_language_name_its_story_and_never_end_on_its_stop_words() {
    for &(code, text, needle) in NEWS.iter().chain(OTHER_SCRIPTS) {
        let (lexicon, found) = found(code, text, 10);
        let terms: Vec<String> = found.iter().map(|k| k.term.to_lowercase()).collect();
        assert!(
            terms.iter().any(|t| t.contains(needle)),
            "{code}: no {needle:?} in {terms:?}"
        );
        for keyword in &found {
            let words = words(&keyword.term);
            assert!(!lexicon.is_stop_word(&keyword.term), "{code}: {keyword:?}");
            for end in [words.first(), words.last()].into_iter().flatten() {
                assert!(!lexicon.is_stop_word(end), "{code}: {keyword:?}");
            }
            assert!(keyword.score > 0.0 && keyword.score <= 1.0, "{keyword:?}");
        }
    }
}

#[test]
fn spanish_read_as_english_lets_its_function_words_through() {
    let (code, text, _) = NEWS[1];
    assert_eq!(code, "es");
    let english = keywords_in(text, &segment(text), 30, Lexicon::english());
    let spanish = Lexicon::for_language("es").map(|l| l.is_stop_word("de"));
    assert_eq!(spanish, Some(true));
    let function_words = |found: &[Keyword]| {
        found
            .iter()
            .flat_map(|k| {
                words(&k.term)
                    .into_iter()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter(|w| ["de", "en", "y", "la", "los", "que"].contains(&w.as_str()))
            .count()
    };
    assert!(function_words(&english) > 0, "{english:?}");
    let (_, spanish) = found("es", text, 30);
    let ends: Vec<String> = spanish
        .iter()
        .flat_map(|k| {
            let w = words(&k.term);
            [w.first().copied(), w.last().copied()]
        })
        .flatten()
        .map(str::to_lowercase)
        .collect();
    assert!(
        !ends
            .iter()
            .any(|w| ["de", "en", "y", "la", "los", "que"].contains(&w.as_str())),
        "{spanish:?}"
    );
}

#[test]
fn a_name_the_spanish_list_would_hold_is_a_keyphrase() {
    let text = "Estados Unidos y China firmaron un acuerdo comercial. El acuerdo entre Estados \
                Unidos y China reduce los aranceles. Estados Unidos exportará más soja.";
    let (_, found) = found("es", text, 5);
    assert!(
        found.iter().any(|k| k.term.starts_with("Estados Unidos")),
        "{found:?}"
    );
}

#[test]
fn french_and_italian_phrases_start_after_an_elided_article() {
    for (code, text, phrase) in [
        ("fr", NEWS[2].1, "immigration"),
        ("it", NEWS[3].1, "Agricoltura"),
    ] {
        let (_, found) = found(code, text, 30);
        assert!(found.iter().any(|k| k.term.contains(phrase)), "{found:?}");
        for keyword in &found {
            let first = keyword.term.split(' ').next().unwrap_or_default();
            assert!(
                !first.contains('\'') && !first.contains('\u{2019}'),
                "{code}: {keyword:?}"
            );
        }
    }
    // English has no elision: the name keeps its apostrophe.
    let (_, found) = found("en", "L'Oreal shares rose. L'Oreal said its sales grew.", 5);
    assert!(
        found.iter().any(|k| k.term.starts_with("L'Oreal")),
        "{found:?}"
    );
}

#[test]
fn words_are_compared_as_each_list_writes_them() {
    let stop =
        |code: &str, word: &str| Lexicon::for_language(code).is_some_and(|l| l.is_stop_word(word));
    // Greek lists drop accents and write a final sigma as a plain one.
    for word in ["είναι", "ΕΊΝΑΙ", "της", "ΤΗΣ", "από"] {
        assert!(stop("el", word), "{word}");
    }
    // Romanian: commas below and cedillas, with and without accents.
    for word in ["și", "şi", "Și", "când", "atât", "așa", "aşa"] {
        assert!(stop("ro", word), "{word}");
    }
    assert!(stop("tr", "İçin") && stop("tr", "için") && stop("tr", "Bir"));
    assert!(stop("ru", "ещё") && stop("ru", "Её") && stop("ru", "также"));
    assert!(stop("de", "Und") && stop("fr", "Selon") && stop("uk", "На"));
    // Content words stay content words, whatever their case.
    for (code, word) in [
        ("el", "κυβέρνηση"),
        ("ro", "guvernul"),
        ("tr", "enflasyon"),
        ("ru", "Россия"),
        ("ru", "Москва"),
        ("ru", "война"),
        ("fr", "État"),
        ("es", "Estados"),
        ("cs", "strana"),
    ] {
        assert!(!stop(code, word), "{code} {word}");
    }
}

#[test]
fn scripts_without_case_have_no_capitalised_words_or_acronyms() {
    for (code, text, _) in OTHER_SCRIPTS
        .iter()
        .filter(|(code, _, _)| ["ar", "he", "hi"].contains(code))
    {
        let lexicon = Lexicon::for_language(code).expect("declared");
        let doc = text_terms::TextTerms::from_segments(text, &segment(text), lexicon);
        assert!(doc.terms.len() > 10, "{code}");
        assert!(
            doc.terms
                .iter()
                .all(|t| t.tf_acronym == 0 && t.tf_capitalised == 0),
            "{code}"
        );
    }
    // Capitals still count where there is case.
    let doc = text_terms::TextTerms::from_segments(
        "Die NATO tagt. Die NATO berät.",
        &segment("Die NATO tagt. Die NATO berät."),
        Lexicon::for_language("de").expect("declared"),
    );
    assert!(doc.terms.iter().any(|t| t.tf_acronym == 2));
}

#[test]
fn every_declared_language_has_a_broad_list_and_unsegmented_scripts_are_not_declared() {
    for &code in LANGUAGES {
        let lexicon = Lexicon::for_language(code).expect("declared");
        assert_eq!(lexicon.code(), code);
        // Turkish, agglutinative, has the fewest: 92.
        assert!(lexicon.len() >= 90, "{code}: {}", lexicon.len());
        if code != "en" {
            assert!(stop_words::lookup(code).is_some(), "{code}");
        }
    }
    let declared = KeywordsModule::new(10).languages().unwrap_or_default();
    assert_eq!(declared, LANGUAGES);
    for code in ["zh", "ja", "th", "ko", "vi", "ur"] {
        assert!(!declared.contains(&code), "{code}");
        assert!(Lexicon::for_language(code).is_none(), "{code}");
    }
    assert!(Lexicon::for_language("EN").is_none());
    assert_eq!(Lexicon::english().code(), "en");
}

#[test]
fn additions_are_new_to_the_crate_lists_and_removals_are_in_them() {
    for &code in LANGUAGES.iter().filter(|&&c| c != "en") {
        let listed = stop_words::lookup(code).unwrap_or_default();
        let added = additions::added(code);
        assert!(added.windows(2).all(|w| w[0] < w[1]), "{code}: not sorted");
        for word in added {
            assert!(!listed.contains(word), "{code}: {word} is listed already");
        }
        for word in additions::removed(code) {
            assert!(listed.contains(word), "{code}: {word} is not listed");
        }
    }
}

#[test]
fn the_module_reads_the_article_in_its_language_and_the_pipeline_skips_chinese() {
    let (_, text, _) = NEWS[1];
    let in_language = |code: Option<&str>| {
        let mut article = crate::testing::wire_article();
        article.text = text.to_string();
        let mut doc = crate::document::Document::new(article);
        doc.enrichments.language = code.map(|code| crate::language::Language {
            code: code.into(),
            confidence: 1.0,
        });
        doc
    };
    let module = KeywordsModule::new(10);
    let mut spanish = in_language(Some("es"));
    module.process(&mut spanish).expect("keywords");
    let mut unknown = in_language(None);
    module.process(&mut unknown).expect("keywords");
    let segments = segment(text);
    let read_in = |lexicon| keywords_in(text, &segments, 10, lexicon);
    let es = Lexicon::for_language("es").expect("declared");
    assert_eq!(spanish.enrichments.keywords, Some(read_in(es)));
    assert_eq!(
        unknown.enrichments.keywords,
        Some(read_in(Lexicon::english()))
    );
    assert_ne!(spanish.enrichments.keywords, unknown.enrichments.keywords);

    let pipeline = crate::pipeline::Pipeline::new(vec![Box::new(KeywordsModule::new(10))]);
    let mut chinese = in_language(Some("zh"));
    pipeline.run(&mut chinese);
    assert!(chinese.enrichments.keywords.is_none());
    assert_eq!(
        chinese.skipped,
        [crate::document::Skipped {
            module: "keywords",
            reason: "language zh not supported".into()
        }]
    );
}

#[test]
fn a_hundred_thousand_stop_words_in_mixed_scripts_give_nothing_and_do_not_panic() {
    // Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari; and Hangul and
    // Han, which keywords does not read but may be given.
    let scripts = ["de", "ru", "el", "ar", "he", "hi", "fa", "tr", "fr"];
    // 100,000 stop words, cycling through the languages' lists, with
    // elisions, capitals and punctuation between them.
    let mut text = String::new();
    let lists: Vec<&[&str]> = scripts
        .iter()
        .chain(&["ko", "zh"])
        .filter_map(|code| stop_words::lookup(code))
        .collect();
    for i in 0..100_000usize {
        let list = lists[i % lists.len()];
        let word = list[(i / lists.len()) % list.len()];
        if i % 7 == 0 {
            text.push_str(&word.to_uppercase());
        } else if i % 11 == 0 {
            text.push_str("l'");
            text.push_str(word);
        } else {
            text.push_str(word);
        }
        text.push_str(match i % 13 {
            0 => ". ",
            1 => ", ",
            2 => "-",
            _ => " ",
        });
    }
    let segments = segment(&text);
    for code in ["de", "ru", "ar", "hi"] {
        let lexicon = Lexicon::for_language(code).expect("declared");
        let found = keywords_in(&text, &segments, 10, lexicon);
        assert!(found.len() <= 10);
        assert!(
            found
                .iter()
                .all(|k| k.score.is_finite() && !k.term.is_empty())
        );
    }
    // One language's stop words alone leave no phrase at all.
    for code in scripts {
        let lexicon = Lexicon::for_language(code).expect("declared");
        let list = stop_words::lookup(code).unwrap_or_default();
        let own: String = list
            .iter()
            // Words the tokeniser keeps whole: not "d'" or "z.b", nor the
            // Persian list's "ّه", a shadda the tokeniser leaves apart.
            .filter(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() && !is_combining_mark(c))
                    && w.chars().all(|c| c.is_alphabetic() || is_combining_mark(c))
            })
            .cycle()
            .take(20_000)
            .map(|w| format!("{w} "))
            .collect();
        let found = keywords_in(&own, &segment(&own), 10, lexicon);
        assert!(found.is_empty(), "{code}: {found:?}");
    }
}

#[test]
fn turkish_suffixes_after_an_apostrophe_are_left_out_of_phrases() {
    let text = "Türkiye'nin başkenti Ankara'da bugün seçim yapıldı. Ankara'da seçim sakin geçti. \
                Katılım oranı yüzde 80'i aştı, yüzde 75'e düşmedi.";
    let (_, found) = found("tr", text, 10);
    let terms: Vec<&str> = found.iter().map(|k| k.term.as_str()).collect();
    assert!(terms.contains(&"Türkiye"), "{terms:?}");
    assert!(terms.iter().any(|t| t.ends_with("Ankara")), "{terms:?}");
    for term in &terms {
        assert!(!term.contains('\''), "{terms:?}");
        assert!(
            !term
                .split(' ')
                .any(|w| ["nin", "da", "i", "e"].contains(&w)),
            "{terms:?}"
        );
    }
}
