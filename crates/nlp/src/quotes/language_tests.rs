//! Tests of quote finding in German, Spanish, French, Italian, Dutch, Polish, Portuguese and Russian: each language's marks, dialogue dashes, verbs before and after the quote with their lemmas, speakers named, referred to or dropped, and hostile input. The sentences are written for these tests.

use super::tests::{entity, person};
use super::*;
use crate::entities::EntityType;

/// (text, speaker, verb) of each quote.
fn found(quotes: &[Quote]) -> Vec<(&str, Option<&str>, Option<&str>)> {
    quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_deref(), q.verb.as_deref()))
        .collect()
}

/// Every quote's offsets give its text back.
fn assert_offsets(text: &str, quotes: &[Quote]) {
    let chars: Vec<char> = text.chars().collect();
    for quote in quotes {
        let at: String = chars[quote.start..quote.end].iter().collect();
        assert_eq!(at, quote.text);
        assert!(quote.kind == QuoteKind::Direct, "{quote:?}");
    }
}

fn quotes_in(text: &str, entities: &[Entity], language: &str) -> Vec<Quote> {
    let quotes = find_quotes_in(text, entities, Some(language));
    assert_offsets(text, &quotes);
    quotes
}

#[test]
fn german_verbs_after_and_before_the_quote_give_their_infinitive() {
    let text = "„Wir werden die Hilfen nicht kürzen“, sagte Bundeskanzler Olaf Scholz am Montag in Berlin. \
                Finanzminister Christian Lindner erklärte: „Die Schuldenbremse gilt auch im nächsten Jahr.“ \
                »Das ist ein schwarzer Tag für die Industrie«, so Lindner.";
    let entities = [
        person("Olaf Scholz", text, &["Olaf Scholz"]),
        person("Christian Lindner", text, &["Christian Lindner", "Lindner"]),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "de")),
        [
            (
                "Wir werden die Hilfen nicht kürzen",
                Some("Olaf Scholz"),
                Some("sagen")
            ),
            (
                "Die Schuldenbremse gilt auch im nächsten Jahr.",
                Some("Christian Lindner"),
                Some("erklären")
            ),
            (
                "Das ist ein schwarzer Tag für die Industrie",
                Some("Christian Lindner"),
                Some("accord")
            ),
        ]
    );
}

#[test]
fn german_separable_verbs_perfects_and_pronouns() {
    let text = "Annalena Baerbock reiste am Dienstag nach Kiew.\n\n\
                „Die Ukraine kann sich auf uns verlassen“, sagte sie. \
                „Wir haben keine Zeit mehr zu verlieren“, teilte das Umweltministerium mit. \
                „Der Kompromiss steht“, hat Baerbock gesagt.";
    let entities = [
        person(
            "Annalena Baerbock",
            text,
            &["Annalena Baerbock", "Baerbock"],
        ),
        entity(
            "Umweltministerium",
            EntityType::Organization,
            text,
            &["Umweltministerium"],
        ),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "de")),
        [
            (
                "Die Ukraine kann sich auf uns verlassen",
                Some("Annalena Baerbock"),
                Some("sagen")
            ),
            (
                "Wir haben keine Zeit mehr zu verlieren",
                Some("Umweltministerium"),
                Some("mitteilen")
            ),
            (
                "Der Kompromiss steht",
                Some("Annalena Baerbock"),
                Some("sagen")
            ),
        ]
    );
}

#[test]
fn spanish_guillemets_apposition_and_a_dropped_subject() {
    let text = "«No vamos a permitir que se cierre la planta», dijo el ministro de Industria, Jordi Hereu.\n\n\
                Pedro Sánchez aseguró: “España cumplirá con sus compromisos”.\n\n\
                La alcaldesa Ada Colau visitó el barrio. «Es una situación inaceptable», señaló.";
    let entities = [
        person("Jordi Hereu", text, &["Jordi Hereu"]),
        person("Pedro Sánchez", text, &["Pedro Sánchez"]),
        person("Ada Colau", text, &["Ada Colau"]),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "es")),
        [
            (
                "No vamos a permitir que se cierre la planta",
                Some("Jordi Hereu"),
                Some("decir")
            ),
            (
                "España cumplirá con sus compromisos",
                Some("Pedro Sánchez"),
                Some("asegurar")
            ),
            (
                "Es una situación inaceptable",
                Some("Ada Colau"),
                Some("señalar")
            ),
        ]
    );
}

#[test]
fn spanish_dialogue_dashes_and_segun() {
    let text = "—No hay ninguna crisis de gobierno —afirmó la vicepresidenta Yolanda Díaz—. Seguiremos trabajando juntos.\n\n\
                Según el portavoz del Gobierno, «la reunión fue muy productiva».";
    let entities = [
        person("Yolanda Díaz", text, &["Yolanda Díaz"]),
        entity("Gobierno", EntityType::Organization, text, &["Gobierno"]),
    ];
    let quotes = quotes_in(text, &entities, "es");
    assert_eq!(
        found(&quotes),
        [
            (
                "No hay ninguna crisis de gobierno",
                Some("Yolanda Díaz"),
                Some("afirmar")
            ),
            (
                "Seguiremos trabajando juntos.",
                Some("Yolanda Díaz"),
                Some("afirmar")
            ),
            ("la reunión fue muy productiva", None, Some("accord")),
        ]
    );
    assert_eq!(quotes[2].on_behalf_of.as_deref(), Some("Gobierno"));
}

#[test]
fn french_guillemets_inversion_incise_and_selon() {
    let text = "« Nous ne céderons pas au chantage », a déclaré Emmanuel Macron lors d'une conférence de presse.\n\n\
                Élisabeth Borne a réuni ses ministres. « La situation est grave, a-t-elle ajouté, mais nous avons un plan. »\n\n\
                Selon le ministre de l'Intérieur, Gérald Darmanin, « aucune piste n'est écartée ».\n\n\
                — Nous ne reculerons pas, a dit Anne Hidalgo.";
    let entities = [
        person("Emmanuel Macron", text, &["Emmanuel Macron"]),
        person("Élisabeth Borne", text, &["Élisabeth Borne"]),
        person("Gérald Darmanin", text, &["Gérald Darmanin"]),
        person("Anne Hidalgo", text, &["Anne Hidalgo"]),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "fr")),
        [
            (
                "Nous ne céderons pas au chantage",
                Some("Emmanuel Macron"),
                Some("déclarer")
            ),
            (
                "La situation est grave",
                Some("Élisabeth Borne"),
                Some("ajouter")
            ),
            (
                "mais nous avons un plan.",
                Some("Élisabeth Borne"),
                Some("ajouter")
            ),
            (
                "aucune piste n'est écartée",
                Some("Gérald Darmanin"),
                Some("accord")
            ),
            ("Nous ne reculerons pas", Some("Anne Hidalgo"), Some("dire")),
        ]
    );
}

#[test]
fn french_inverted_pronoun_in_the_verb() {
    let text = "Le maire Anne Hidalgo a visité le chantier.\n\n« Les travaux avancent bien », estime-t-elle.";
    let entities = [person("Anne Hidalgo", text, &["Anne Hidalgo"])];
    let quotes = quotes_in(text, &entities, "fr");
    assert_eq!(
        found(&quotes),
        [(
            "Les travaux avancent bien",
            Some("Anne Hidalgo"),
            Some("estimer")
        )]
    );
    let mention = quotes[0].speaker_mention.expect("the pronoun names her");
    let chars: Vec<char> = text.chars().collect();
    let named: String = chars[mention.start..mention.end].iter().collect();
    assert_eq!(named, "elle");
}

#[test]
fn italian_perfect_secondo_and_a_dropped_subject() {
    let text = "«Il governo non arretrerà», ha detto la premier Giorgia Meloni.\n\n\
                Secondo il ministro dell'Economia Giancarlo Giorgetti, «i conti pubblici sono in ordine».\n\n\
                Il sindaco di Milano Giuseppe Sala ha dichiarato: «Serve più sicurezza nelle stazioni».\n\n\
                Sergio Mattarella ha ricevuto i leader. «Il dialogo è l'unica strada», ha sottolineato.";
    let entities = [
        person("Giorgia Meloni", text, &["Giorgia Meloni"]),
        person("Giancarlo Giorgetti", text, &["Giancarlo Giorgetti"]),
        person("Giuseppe Sala", text, &["Giuseppe Sala"]),
        person("Sergio Mattarella", text, &["Sergio Mattarella"]),
        entity("Milano", EntityType::Location, text, &["Milano"]),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "it")),
        [
            (
                "Il governo non arretrerà",
                Some("Giorgia Meloni"),
                Some("dire")
            ),
            (
                "i conti pubblici sono in ordine",
                Some("Giancarlo Giorgetti"),
                Some("accord")
            ),
            (
                "Serve più sicurezza nelle stazioni",
                Some("Giuseppe Sala"),
                Some("dichiarare")
            ),
            (
                "Il dialogo è l'unica strada",
                Some("Sergio Mattarella"),
                Some("sottolineare")
            ),
        ]
    );
}

#[test]
fn dutch_quotes_aldus_volgens_and_a_separable_verb() {
    let text = "\"We gaan de belastingen niet verhogen\", zei premier Mark Rutte dinsdag.\n\n\
                'De situatie in de zorg is ernstig', aldus minister Hugo de Jonge.\n\n\
                „Wij zijn klaar voor de verkiezingen”, verklaarde Frans Timmermans.\n\n\
                Geert Wilders reageerde fel. \"Het kabinet doet veel te weinig\", voegde hij eraan toe.";
    let entities = [
        person("Mark Rutte", text, &["Mark Rutte"]),
        person("Hugo de Jonge", text, &["Hugo de Jonge"]),
        person("Frans Timmermans", text, &["Frans Timmermans"]),
        person("Geert Wilders", text, &["Geert Wilders"]),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "nl")),
        [
            (
                "We gaan de belastingen niet verhogen",
                Some("Mark Rutte"),
                Some("zeggen")
            ),
            (
                "De situatie in de zorg is ernstig",
                Some("Hugo de Jonge"),
                Some("accord")
            ),
            (
                "Wij zijn klaar voor de verkiezingen",
                Some("Frans Timmermans"),
                Some("verklaren")
            ),
            (
                "Het kabinet doet veel te weinig",
                Some("Geert Wilders"),
                Some("toevoegen")
            ),
        ]
    );
}

#[test]
fn polish_dashes_low_marks_and_wedlug() {
    let text = "– Nie pozwolimy na to – powiedział premier Donald Tusk.\n\n\
                „To jest decyzja czysto polityczna” – stwierdziła posłanka Anna Nowak.\n\n\
                Według rzecznika rządu Piotra Müllera „rozmowy wciąż trwają”.";
    let entities = [
        person("Donald Tusk", text, &["Donald Tusk"]),
        person("Anna Nowak", text, &["Anna Nowak"]),
        person("Piotr Müller", text, &["Piotra Müllera"]),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "pl")),
        [
            (
                "Nie pozwolimy na to",
                Some("Donald Tusk"),
                Some("powiedzieć")
            ),
            (
                "To jest decyzja czysto polityczna",
                Some("Anna Nowak"),
                Some("stwierdzić")
            ),
            ("rozmowy wciąż trwają", Some("Piotr Müller"), Some("accord")),
        ]
    );
}

#[test]
fn polish_feminine_verb_passes_over_a_man_to_the_woman() {
    let text = "– Musimy działać szybko – powiedziała Beata Szydło.\n\n\
                Premier Mateusz Morawiecki też zabrał głos.\n\n\
                – To dla nas ważne – dodał.\n\n\
                – To był dobry dzień – powiedziała.";
    let entities = [
        person("Beata Szydło", text, &["Beata Szydło"]),
        person("Mateusz Morawiecki", text, &["Mateusz Morawiecki"]),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "pl")),
        [
            (
                "Musimy działać szybko",
                Some("Beata Szydło"),
                Some("powiedzieć")
            ),
            (
                "To dla nas ważne",
                Some("Mateusz Morawiecki"),
                Some("dodać")
            ),
            (
                "To był dobry dzień",
                Some("Beata Szydło"),
                Some("powiedzieć")
            ),
        ]
    );
}

#[test]
fn portuguese_quotes_segundo_and_an_incise() {
    let text = "\"O Brasil não vai recuar\", disse o presidente Luiz Inácio Lula da Silva.\n\n\
                Segundo o ministro da Fazenda, Fernando Haddad, \"a inflação está sob controle\".\n\n\
                A ministra Marina Silva afirmou: \"Precisamos proteger a Amazônia.\"\n\n\
                O governador Tarcísio de Freitas falou à imprensa. \"Não vamos aceitar isso, afirmou o governador, é um absurdo.\"";
    let entities = [
        person(
            "Luiz Inácio Lula da Silva",
            text,
            &["Luiz Inácio Lula da Silva"],
        ),
        person("Fernando Haddad", text, &["Fernando Haddad"]),
        person("Marina Silva", text, &["Marina Silva"]),
        person("Tarcísio de Freitas", text, &["Tarcísio de Freitas"]),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "pt")),
        [
            (
                "O Brasil não vai recuar",
                Some("Luiz Inácio Lula da Silva"),
                Some("dizer")
            ),
            (
                "a inflação está sob controle",
                Some("Fernando Haddad"),
                Some("accord")
            ),
            (
                "Precisamos proteger a Amazônia.",
                Some("Marina Silva"),
                Some("afirmar")
            ),
            (
                "Não vamos aceitar isso",
                Some("Tarcísio de Freitas"),
                Some("afirmar")
            ),
            (
                "é um absurdo.",
                Some("Tarcísio de Freitas"),
                Some("afirmar")
            ),
        ]
    );
}

#[test]
fn russian_dialogue_guillemets_and_po_slovam() {
    let text = "— Мы не отступим, — заявил министр обороны Сергей Шойгу. — Это наша земля.\n\n\
                «Переговоры зашли в тупик», — сказала официальный представитель МИД Мария Захарова.\n\n\
                По словам Дмитрия Пескова, «никаких решений пока не принято».";
    let entities = [
        person("Сергей Шойгу", text, &["Сергей Шойгу"]),
        person("Мария Захарова", text, &["Мария Захарова"]),
        person("Дмитрий Песков", text, &["Дмитрия Пескова"]),
        entity("МИД", EntityType::Organization, text, &["МИД"]),
    ];
    let quotes = quotes_in(text, &entities, "ru");
    assert_eq!(
        found(&quotes),
        [
            ("Мы не отступим", Some("Сергей Шойгу"), Some("заявить")),
            ("Это наша земля.", Some("Сергей Шойгу"), Some("заявить")),
            (
                "Переговоры зашли в тупик",
                Some("Мария Захарова"),
                Some("сказать")
            ),
            (
                "никаких решений пока не принято",
                Some("Дмитрий Песков"),
                Some("accord")
            ),
        ]
    );
    assert_eq!(quotes[2].on_behalf_of.as_deref(), Some("МИД"));
}

#[test]
fn russian_pronouns_nested_marks_and_an_introduction_by_colon() {
    let text = "Владимир Путин провёл совещание с правительством.\n\n\
                — Ситуация полностью под контролем, — сказал он.\n\n\
                Министр финансов Антон Силуанов заявил журналистам:\n\n\
                — Бюджет будет исполнен в полном объёме.\n\n\
                Глава ЦБ Эльвира Набиуллина выступила в Думе. «Он назвал это „провокацией“ и ушёл», — отметила она.";
    let entities = [
        person("Владимир Путин", text, &["Владимир Путин"]),
        person("Антон Силуанов", text, &["Антон Силуанов"]),
        person("Эльвира Набиуллина", text, &["Эльвира Набиуллина"]),
        entity("ЦБ", EntityType::Organization, text, &["ЦБ"]),
    ];
    assert_eq!(
        found(&quotes_in(text, &entities, "ru")),
        [
            (
                "Ситуация полностью под контролем",
                Some("Владимир Путин"),
                Some("сказать")
            ),
            (
                "Бюджет будет исполнен в полном объёме.",
                Some("Антон Силуанов"),
                Some("заявить")
            ),
            (
                "Он назвал это „провокацией“ и ушёл",
                Some("Эльвира Набиуллина"),
                Some("отметить")
            ),
        ]
    );
}

#[test]
fn english_and_unknown_language_read_the_same() {
    let text = "\"We will win the vote,\" Jane Doe said. She said the result \"would be close\".";
    let entities = [person("Jane Doe", text, &["Jane Doe"])];
    let english = find_quotes(text, &entities);
    assert_eq!(find_quotes_in(text, &entities, Some("en")), english);
    assert_eq!(find_quotes_in(text, &entities, None), english);
    assert_eq!(find_quotes_in(text, &entities, Some("sv")), english);
    assert!(english.iter().any(|q| q.kind == QuoteKind::Mixed));
}

#[test]
fn reported_speech_is_english_only() {
    let text = "Olaf Scholz sagte, die Regierung werde die Hilfen nicht kürzen.";
    let entities = [person("Olaf Scholz", text, &["Olaf Scholz"])];
    assert!(find_quotes_in(text, &entities, Some("de")).is_empty());
}

#[test]
fn hostile_input_in_every_language_neither_panics_nor_explodes() {
    let hostile = [
        "«".repeat(10_000),
        "« ".repeat(10_000),
        "»".repeat(10_000),
        "„“”‚‘’‹›«»\"'—–".repeat(1_000),
        format!("«{}", "слово ".repeat(10_000)),
        format!("— {}", "Да, — сказал он, — ".repeat(3_000)),
        "— ".repeat(10_000),
        "—\n\n".repeat(5_000),
        "«a, a-t-il dit, b, a-t-il dit, c".repeat(2_000),
        "„Ja“, so \n\n".repeat(3_000),
    ];
    for language in ["de", "es", "fr", "it", "nl", "pl", "pt", "ru"] {
        for text in &hostile {
            let started = std::time::Instant::now();
            let quotes = find_quotes_in(text, &[], Some(language));
            assert!(
                started.elapsed() < std::time::Duration::from_secs(10),
                "{language}: {} bytes",
                text.len()
            );
            assert!(quotes.len() <= 10_000);
            let chars: Vec<char> = text.chars().collect();
            for quote in &quotes {
                assert!(quote.start <= quote.end && quote.end <= chars.len());
            }
        }
    }
}

#[test]
fn a_megabyte_of_russian_dialogue_and_names_is_read_in_linear_time() {
    let unit = "— Мы не отступим, — заявил Сергей Шойгу. — Это наша земля.\n\n\
                «Переговоры идут», — сказал он. Он добавил: «Ждём ответа».\n\n";
    let text = unit.repeat(1_000_000 / unit.len());
    let entities = [person("Сергей Шойгу", &text, &["Сергей Шойгу"])];
    let started = std::time::Instant::now();
    let quotes = find_quotes_in(&text, &entities, Some("ru"));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(quotes.len(), 4 * (1_000_000 / unit.len()));
    assert!(
        quotes
            .iter()
            .all(|q| q.speaker.as_deref() == Some("Сергей Шойгу"))
    );
}

#[test]
fn the_module_reads_the_article_language() {
    use crate::pipeline::Module;
    let module = QuotesModule::default();
    assert_eq!(module.languages(), Some(LANGUAGES));
    let article = crate::document::Article {
        text: "„Wir werden die Hilfen nicht kürzen“, sagte er am Montag.".into(),
        language_hint: Some("de-DE".into()),
        ..Default::default()
    };
    let mut doc = crate::document::Document::new(article);
    module.process(&mut doc).expect("quotes");
    let quotes = doc.enrichments.quotes.unwrap_or_default();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].verb.as_deref(), Some("sagen"));
}
