//! `enricher bench --in-process`: the processor alone on this thread (no broker), in articles/s of CPU time per core, with each module's share.

use std::time::Instant;

use anyhow::bail;
use chrono::Utc;
use hdrhistogram::Histogram;

use super::corpus::{Article, message};
use crate::lab::progress::throughput as progress;
use enricher_message::intake::RawInput;
use enricher_message::output::RoutingKeyTemplate;
use enricher_message::processor::{Incoming, Outcome, Processor, ProcessorOptions};
use enricher_nlp::cpu_time::thread_cpu_time;
use enricher_nlp::pipeline::Pipeline;
use enricher_worker::settings::Settings;

/// What one in-process run measured.
pub struct InProcessResult {
    label: &'static str,
    articles: usize,
    rejected: usize,
    mean_bytes: usize,
    cpu_seconds: f64,
    wall_seconds: f64,
    per_article_us: Histogram<u64>,
    /// Mean microseconds per article of each module, in pipeline order.
    modules: Vec<(String, f64)>,
}

/// Runs `count` articles (the corpus cycled) through a processor of
/// `modules` on this thread, after a warm-up pass over the corpus.
pub fn measure(
    settings: &Settings,
    corpus: &[Article],
    label: &'static str,
    modules: &[String],
    count: usize,
) -> anyhow::Result<InProcessResult> {
    let built = enricher_nlp::registry::build(modules, &settings.module_settings())?;
    let routing_key = match RoutingKeyTemplate::parse(&settings.output.routing_key) {
        Ok(template) => template,
        Err(problem) => bail!("output.routing_key: {problem}"),
    };
    // What the worker does to each article, without its limits: every module runs on every article.
    let options = ProcessorOptions {
        routing_key,
        max_message_bytes: settings.input.max_message_bytes,
        ..ProcessorOptions::unlimited()
    };
    let processor = Processor::new(Pipeline::new(built), options, "bench-in-process".into());
    let messages: Vec<(Vec<u8>, Option<String>)> = corpus
        .iter()
        .enumerate()
        .map(|(n, article)| {
            let (body, properties) = message(article, &format!("bench-{n}"));
            let content_type = properties.content_type().as_ref().map(|c| c.to_string());
            (body, content_type)
        })
        .collect();
    let process = |(body, content_type): &(Vec<u8>, Option<String>)| {
        processor.process(&Incoming {
            input: RawInput {
                body,
                content_type: content_type.as_deref(),
                ..RawInput::default()
            },
            routing_key: "bench",
            received_at: Utc::now(),
        })
    };
    for m in messages.iter().take(200) {
        process(m);
    }
    let mut per_article_us = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3)?;
    let mut module_us: Vec<(String, f64)> = Vec::new();
    let mut rejected = 0;
    let mut bytes = 0usize;
    let bar = progress(count as u64, label);
    let (mut cpu, started) = (0.0, Instant::now());
    for i in 0..count {
        let m = &messages[i % messages.len()];
        bytes += m.0.len();
        let before = thread_cpu_time().as_secs_f64();
        let outcome = process(m);
        let spent = thread_cpu_time().as_secs_f64() - before;
        cpu += spent;
        per_article_us.saturating_record((spent * 1e6) as u64);
        match outcome {
            Outcome::Enriched { body, .. } => add_module_times(&body, &mut module_us),
            Outcome::Rejected { .. } => rejected += 1,
        }
        if i % 64 == 0 {
            bar.set_position(i as u64);
        }
    }
    bar.finish_and_clear();
    let enriched = (count - rejected).max(1) as f64;
    for (_, total) in &mut module_us {
        *total /= enriched;
    }
    Ok(InProcessResult {
        label,
        articles: count,
        rejected,
        mean_bytes: bytes / count.max(1),
        cpu_seconds: cpu,
        wall_seconds: started.elapsed().as_secs_f64(),
        per_article_us,
        modules: module_us,
    })
}

/// Adds each module's `duration_us` of one output to the running totals.
fn add_module_times(body: &[u8], totals: &mut Vec<(String, f64)>) {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
        return;
    };
    let Some(modules) = json["processing"]["modules"].as_array() else {
        return;
    };
    for m in modules {
        let (Some(name), Some(us)) = (m["module"].as_str(), m["duration_us"].as_u64()) else {
            continue;
        };
        match totals.iter_mut().find(|(n, _)| n == name) {
            Some((_, total)) => *total += us as f64,
            None => totals.push((name.to_owned(), us as f64)),
        }
    }
}

/// Prints the runs, then the modules of the last run.
pub fn print(results: &[InProcessResult]) {
    println!(
        "{:<13} {:>8} {:>8} {:>7} {:>16} {:>16} {:>24}",
        "run",
        "articles",
        "rejected",
        "bytes",
        "articles/s/core",
        "articles/s wall",
        "CPU p50/p95/p99"
    );
    for r in results {
        println!(
            "{:<13} {:>8} {:>8} {:>7} {:>16.0} {:>16.0} {:>24}",
            r.label,
            r.articles,
            r.rejected,
            r.mean_bytes,
            r.articles as f64 / r.cpu_seconds.max(1e-9),
            r.articles as f64 / r.wall_seconds.max(1e-9),
            format!(
                "{}/{}/{} µs",
                r.per_article_us.value_at_quantile(0.5),
                r.per_article_us.value_at_quantile(0.95),
                r.per_article_us.value_at_quantile(0.99)
            )
        );
    }
    if let Some(last) = results.last().filter(|r| !r.modules.is_empty()) {
        println!();
        println!("{:<13} {:>14}", "module", "mean µs/article");
        for (name, us) in &last.modules {
            println!("{name:<13} {us:>14.1}");
        }
    }
    if results.len() == 2 {
        let rate = |r: &InProcessResult| r.articles as f64 / r.cpu_seconds.max(1e-9);
        println!(
            "\nmodules / pass-through (CPU): {:.3}",
            rate(&results[1]) / rate(&results[0])
        );
    }
}
