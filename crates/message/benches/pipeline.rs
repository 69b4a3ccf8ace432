//! In-process benchmarks of the pipeline on the canonical wire article, in CPU time on one core: intake with language and segmentation, each module, the whole processor, and the text machinery.

use chrono::Utc;
mod cpu_time;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use enricher_message::intake::RawInput;
use enricher_message::processor::{Incoming, Processor, ProcessorOptions};
use enricher_nlp::document::Document;
use enricher_nlp::pipeline::{Module, Pipeline};
use enricher_nlp::registry::{self, ModuleSettings};

use cpu_time::ThreadCpuTime;

const ARTICLE: &str = include_str!("../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt");

/// The built-in modules named, with the default settings.
fn modules(names: &[&str]) -> Vec<Box<dyn Module>> {
    let names: Vec<String> = names.iter().map(|m| m.to_string()).collect();
    registry::build(&names, &ModuleSettings::default()).expect("built-in modules")
}

fn processor(names: &[&str]) -> Processor {
    Processor::new(
        Pipeline::new(modules(names)),
        ProcessorOptions::unlimited(),
        "bench".into(),
    )
}

fn incoming(body: &[u8]) -> Incoming<'_> {
    Incoming {
        input: RawInput {
            body,
            content_type: Some("text/plain"),
            ..RawInput::default()
        },
        routing_key: "news",
        received_at: Utc::now(),
    }
}

fn bench_processor(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("processor");
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    for (label, modules) in [
        ("pass-through", &[][..]),
        ("stats", &["stats"][..]),
        ("fingerprint", &["fingerprint"][..]),
        ("all", registry::ALL),
    ] {
        let processor = processor(modules);
        group.bench_function(label, |b| {
            b.iter(|| processor.process(&incoming(ARTICLE.as_bytes())))
        });
    }
    group.finish();
}

fn bench_modules(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("module");
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    let intake = enricher_message::intake::read(&incoming(ARTICLE.as_bytes()).input, 10 << 20)
        .expect("article");
    for name in registry::ALL {
        let module = modules(&[name]).remove(0);
        group.bench_function(*name, |b| {
            b.iter_batched(
                || Document::new(intake.article.clone()),
                |mut doc| module.process(&mut doc),
                criterion::BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

/// Language detection alone, whatlang only and two-stage, on short texts (which
/// always reach the second stage) and on the article (which should not).
fn bench_language(c: &mut Criterion<ThreadCpuTime>) {
    use enricher_nlp::language::{DEFAULT_LANGUAGES, LanguageDetector, Stages};
    let mut group = c.benchmark_group("language");
    let codes: Vec<String> = DEFAULT_LANGUAGES.iter().map(|c| c.to_string()).collect();
    let intake = enricher_message::intake::read(&incoming(ARTICLE.as_bytes()).input, 10 << 20)
        .expect("article");
    let article = &intake.article;
    let headline = "Costa chega a Bruxelas para cimeira sobre a defesa europeia";
    let brief =
        "Die Europäische Zentralbank hat den Leitzins am Donnerstag um 0,25 Prozentpunkte gesenkt.";
    for (design, stages) in [
        ("whatlang", Stages::FastOnly),
        ("two-stage", Stages::TwoStage),
    ] {
        let module = LanguageDetector::with_stages(&codes, stages).expect("language detector");
        group.bench_function(format!("{design}/headline"), |b| {
            b.iter(|| module.detect(Some(headline), "", None))
        });
        group.bench_function(format!("{design}/brief"), |b| {
            b.iter(|| module.detect(None, brief, None))
        });
        group.bench_function(format!("{design}/article"), |b| {
            b.iter(|| module.detect(article.title.as_deref(), &article.text, None))
        });
    }
    group.finish();
}

/// The shared text machinery alone on the article text, to see what each
/// level of [`enricher_nlp::text::segment`] costs.
fn bench_text(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    let intake = enricher_message::intake::read(&incoming(ARTICLE.as_bytes()).input, 10 << 20)
        .expect("article");
    let text = intake.article.text.as_str();
    group.bench_function("words", |b| {
        b.iter(|| enricher_nlp::text::words(text).count())
    });
    group.bench_function("tokens", |b| {
        b.iter(|| enricher_nlp::text::tokens(text).count())
    });
    group.bench_function("sentences", |b| {
        b.iter(|| enricher_nlp::text::sentences(text).count())
    });
    group.bench_function("paragraphs", |b| {
        b.iter(|| enricher_nlp::text::paragraphs(text).count())
    });
    group.bench_function("segment", |b| b.iter(|| enricher_nlp::text::segment(text)));
    group.finish();
}

/// The gazetteer: parsing the embedded file, and resolving the place names
/// of a typical war-and-politics story (20 LOCATION names, 3 demonyms).
fn bench_geo(c: &mut Criterion<ThreadCpuTime>) {
    use enricher_nlp::geo::{Gazetteer, Named, PlaceNames};
    let mut group = c.benchmark_group("geo");
    let bytes = include_bytes!("../../nlp/models/gazetteer.bin");
    group.sample_size(20);
    group.bench_function("parse", |b| {
        b.iter(|| Gazetteer::from_bytes(bytes).expect("gazetteer"))
    });
    let gazetteer = Gazetteer::embedded();
    let names = [
        "Kursk",
        "Russia",
        "Ukraine",
        "Kyiv",
        "Moscow",
        "Belgorod region",
        "Sudzha",
        "Kharkiv",
        "Washington",
        "Paris",
        "Texas",
        "Georgia",
        "Atlanta",
        "Portland, Ore.",
        "United States",
        "Europe",
        "China",
        "Beijing",
        "Taiwan",
        "Donbas",
    ];
    let locations: Vec<Named> = names
        .iter()
        .map(|name| Named { name, mentions: 2 })
        .collect();
    let misc: Vec<Named> = ["Russian", "Ukrainians", "American"]
        .iter()
        .map(|name| Named { name, mentions: 1 })
        .collect();
    let article = PlaceNames {
        locations: &locations,
        misc: &misc,
        dateline: Some("KYIV"),
    };
    group.sample_size(100);
    group.bench_function("resolve", |b| {
        b.iter(|| enricher_nlp::geo::resolve(gazetteer, &article))
    });
    group.finish();
}

/// The canonical article extended to at least 3,000 characters by repeating
/// its opening paragraphs: the size the intake budget (0.5 ms) is set for.
fn article_of_3000_chars() -> String {
    let mut text = ARTICLE.to_owned();
    let mut extra = ARTICLE.split("\n\n").skip(1);
    while text.chars().count() < 3_000 {
        match extra.next() {
            Some(paragraph) => {
                text.push_str("\n\n");
                text.push_str(paragraph);
            }
            None => extra = ARTICLE.split("\n\n").skip(1),
        }
    }
    text
}

/// Intake, language detection and segmentation together, as every article
/// pays them before the tagging modules: from the message body (plain text,
/// and the same text as a web page) to paragraphs, sentences and tokens.
fn bench_intake(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("intake");
    let text = article_of_3000_chars();
    let paragraphs: String = text
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", html_escape::encode_text(p)))
        .collect();
    let page = format!(
        "<!doctype html><html><head><title>NATO confirms troops</title></head><body>\
         <nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>{paragraphs}</article>\
         <footer>Copyright 2024</footer></body></html>"
    );
    let language = registry::build(&["language".to_owned()], &ModuleSettings::default())
        .expect("language module")
        .remove(0);
    for (label, body, content_type) in [
        ("text+language+segment", text.as_str(), "text/plain"),
        ("html+language+segment", page.as_str(), "text/html"),
    ] {
        group.throughput(Throughput::Bytes(body.len() as u64));
        let input = RawInput {
            body: body.as_bytes(),
            content_type: Some(content_type),
            ..RawInput::default()
        };
        group.bench_function(label, |b| {
            b.iter(|| {
                let intake = enricher_message::intake::read(&input, 10 << 20).expect("article");
                let mut doc = Document::new(intake.article);
                language.process(&mut doc).expect("language");
                enricher_nlp::text::segment(&doc.article.text).tokens.len()
            })
        });
    }
    group.finish();
}

/// The entities module (tagging, grouping, place resolution) on an article of
/// 3,000 characters, after intake: the budget is 1 ms on one core.
fn bench_entities(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("entities");
    let text = article_of_3000_chars();
    group.throughput(Throughput::Bytes(text.len() as u64));
    let input = RawInput {
        body: text.as_bytes(),
        content_type: Some("text/plain"),
        ..RawInput::default()
    };
    let intake = enricher_message::intake::read(&input, 10 << 20).expect("article");
    let entities = registry::build(&["entities".to_owned()], &ModuleSettings::default())
        .expect("entities module")
        .remove(0);
    group.bench_function("3000-chars", |b| {
        b.iter_batched(
            || Document::new(intake.article.clone()),
            |mut doc| entities.process(&mut doc).expect("entities"),
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // CPU time of the bench thread: what the code costs on one core, even
    // while the shared machine is busy.
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = bench_intake, bench_entities, bench_processor, bench_modules, bench_language, bench_text, bench_geo
}
criterion_main!(benches);
