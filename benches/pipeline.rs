//! In-process benchmarks of the pipeline on the canonical wire article: intake alone, each module, the whole processor, and the text machinery.

use chrono::Utc;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use enricher::intake::RawInput;
use enricher::output::RoutingKeyTemplate;
use enricher::pipeline::{Document, Pipeline};
use enricher::processor::{Envelope, Processor};

const ARTICLE: &str = include_str!("../tests/fixtures/menafn-ukrinform-2024-10-28.txt");

fn settings() -> enricher::config::Settings {
    enricher::config::Settings::load_from(None, Some(Default::default())).expect("default settings")
}

fn processor(modules: &[&str]) -> Processor {
    let names: Vec<String> = modules.iter().map(|m| m.to_string()).collect();
    let modules = enricher::modules::build(&names, &settings()).expect("built-in modules");
    Processor::new(
        Pipeline::new(modules),
        RoutingKeyTemplate::parse("{routing_key}").expect("template"),
        10 << 20,
        "bench".into(),
    )
}

fn envelope(body: &[u8]) -> Envelope<'_> {
    Envelope {
        input: RawInput {
            body,
            content_type: Some("text/plain"),
            ..RawInput::default()
        },
        routing_key: "news",
        received_at: Utc::now(),
    }
}

fn bench_processor(c: &mut Criterion) {
    let mut group = c.benchmark_group("processor");
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    for (label, modules) in [
        ("pass-through", &[][..]),
        ("stats", &["stats"][..]),
        ("fingerprint", &["fingerprint"][..]),
        ("all", enricher::modules::ALL),
    ] {
        let processor = processor(modules);
        group.bench_function(label, |b| {
            b.iter(|| processor.process(&envelope(ARTICLE.as_bytes())))
        });
    }
    group.finish();
}

fn bench_modules(c: &mut Criterion) {
    let mut group = c.benchmark_group("module");
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    let intake =
        enricher::intake::read(&envelope(ARTICLE.as_bytes()).input, 10 << 20).expect("article");
    for name in enricher::modules::ALL {
        let module = enricher::modules::build(&[name.to_string()], &settings())
            .expect("module")
            .remove(0);
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
fn bench_language(c: &mut Criterion) {
    use enricher::modules::language::{DEFAULT_LANGUAGES, LanguageModule, Stages};
    let mut group = c.benchmark_group("language");
    let codes: Vec<String> = DEFAULT_LANGUAGES.iter().map(|c| c.to_string()).collect();
    let intake =
        enricher::intake::read(&envelope(ARTICLE.as_bytes()).input, 10 << 20).expect("article");
    let article = &intake.article;
    let headline = "Costa chega a Bruxelas para cimeira sobre a defesa europeia";
    let brief =
        "Die Europäische Zentralbank hat den Leitzins am Donnerstag um 0,25 Prozentpunkte gesenkt.";
    for (design, stages) in [
        ("whatlang", Stages::FastOnly),
        ("two-stage", Stages::TwoStage),
    ] {
        let module = LanguageModule::with_stages(&codes, stages).expect("language module");
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
/// level of [`enricher::nlp::segment`] costs.
fn bench_nlp(c: &mut Criterion) {
    let mut group = c.benchmark_group("nlp");
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    let intake =
        enricher::intake::read(&envelope(ARTICLE.as_bytes()).input, 10 << 20).expect("article");
    let text = intake.article.text.as_str();
    group.bench_function("words", |b| b.iter(|| enricher::nlp::words(text).count()));
    group.bench_function("tokens", |b| b.iter(|| enricher::nlp::tokens(text).count()));
    group.bench_function("sentences", |b| {
        b.iter(|| enricher::nlp::sentences(text).count())
    });
    group.bench_function("paragraphs", |b| {
        b.iter(|| enricher::nlp::paragraphs(text).count())
    });
    group.bench_function("segment", |b| b.iter(|| enricher::nlp::segment(text)));
    group.finish();
}

criterion_group!(
    benches,
    bench_processor,
    bench_modules,
    bench_language,
    bench_nlp
);
criterion_main!(benches);
