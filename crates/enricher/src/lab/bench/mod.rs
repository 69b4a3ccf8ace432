//! `enricher bench`: publish a corpus through the broker to real worker processes, wait for every enriched output, report articles/s, latency and memory (or, with `--in-process`, the processor alone).

mod corpus;
mod in_process;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use futures_util::StreamExt;
use hdrhistogram::Histogram;
use lapin::options::{
    BasicConsumeOptions, BasicPublishOptions, ConfirmSelectOptions, ExchangeDeleteOptions,
    QueueBindOptions, QueueDeclareOptions, QueueDeleteOptions,
};
use lapin::types::FieldTable;
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

use enricher_worker::amqp::headers::short;
use enricher_worker::amqp::topology::Topology;
use enricher_worker::settings::Settings;

use self::corpus::{Article, load_corpus, message};
use crate::lab::progress::throughput as progress;

/// Options of `enricher bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Corpus files: `.jsonl` holds one JSON article per line, any other file is one article.
    /// Without any, the built-in example article (2.8 KB) is used.
    pub corpus: Vec<PathBuf>,
    /// Articles to publish per run (the corpus is cycled, each copy with its own id).
    #[arg(long, default_value_t = 10_000)]
    pub count: usize,
    /// Worker processes to start (0: measure workers that are already consuming `input.queue`).
    #[arg(long, default_value_t = 1)]
    pub workers: usize,
    /// Comma-separated module list for the measured run (default: `pipeline.modules`).
    #[arg(long)]
    pub modules: Option<String>,
    /// First measure the same corpus with an empty module list, and report the ratio.
    #[arg(long)]
    pub compare_passthrough: bool,
    /// Publish at this many articles/s while the workers run, and report end-to-end latency;
    /// without it the queue is filled first and the drain is timed.
    #[arg(long)]
    pub rate: Option<f64>,
    /// Make every article body at least this many bytes by joining consecutive corpus bodies.
    #[arg(long, default_value_t = 0)]
    pub article_bytes: usize,
    /// No broker: run the processor on this thread and report articles/s per core (CPU time),
    /// per-article CPU percentiles and each module's mean cost.
    #[arg(long)]
    pub in_process: bool,
    /// Configuration file for the broker URL, queue type and prefetch (also ENRICHER_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// What one measured run found.
struct RunResult {
    label: String,
    modules: Vec<String>,
    articles: usize,
    mean_bytes: usize,
    rate: f64,
    processing_us: Histogram<u64>,
    end_to_end_ms: Option<Histogram<u64>>,
    peak_rss_kb: Option<u64>,
    /// Resident memory a few seconds after the drain: what a large article leaves behind.
    rss_after_kb: Option<u64>,
    ready_ms: Option<u64>,
}

/// Run the benchmark and print the results table.
pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    let settings = Settings::load(args.config.as_deref())?;
    let corpus = load_corpus(&args.corpus, args.article_bytes, args.count)?;
    if args.count == 0 {
        bail!("--count must be at least 1");
    }
    if args.in_process {
        let modules = module_list(&args, &settings)?;
        let mut results = Vec::new();
        if args.compare_passthrough {
            results.push(in_process::measure(
                &settings,
                &corpus,
                "pass-through",
                &[],
                args.count,
            )?);
        }
        results.push(in_process::measure(
            &settings, &corpus, "modules", &modules, args.count,
        )?);
        in_process::print(&results);
        return Ok(());
    }
    if args.workers == 0 && args.compare_passthrough {
        bail!("--compare-passthrough needs workers the bench starts itself (--workers 1 or more)");
    }
    let modules = module_list(&args, &settings)?;
    let mut runs = Vec::new();
    if args.compare_passthrough {
        runs.push(("pass-through", Vec::new()));
    }
    runs.push(("modules", modules));
    let mut results = Vec::new();
    for (label, modules) in runs {
        results.push(measure(&settings, &args, &corpus, label, modules).await?);
    }
    print_table(&results);
    Ok(())
}

/// The modules of the measured run: `--modules`, else `pipeline.modules`.
fn module_list(args: &BenchArgs, settings: &Settings) -> anyhow::Result<Vec<String>> {
    let modules: Vec<String> = match &args.modules {
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_owned)
            .collect(),
        None => settings.pipeline.modules.clone(),
    };
    if let Some(unknown) = modules
        .iter()
        .find(|m| !enricher_nlp::registry::is_known(m))
    {
        bail!(
            "unknown module `{unknown}`; allowed: {}",
            enricher_nlp::registry::ALL.join(", ")
        );
    }
    Ok(modules)
}

/// Names of one run, unique so a bench never touches production queues.
fn topology_for(settings: &Settings, run_id: &str, own_workers: bool) -> Topology {
    if !own_workers {
        return settings.topology();
    }
    let name = |suffix: &str| format!("{run_id}.{suffix}");
    Topology {
        input_exchange: name("raw"),
        input_queue: name("articles"),
        binding_keys: vec!["#".into()],
        output_exchange: name("enriched"),
        dead_letter_exchange: name("dead"),
        dead_letter_queue: name("dead.q"),
        // The run's collector stands in for output.queue, which would outlive the run.
        output_queue: None,
        declare: true,
        ..settings.topology()
    }
}

/// One output as the bench sees it.
struct Seen {
    at: Instant,
    id: String,
    processing_us: u64,
}

async fn measure(
    settings: &Settings,
    args: &BenchArgs,
    corpus: &[Article],
    label: &str,
    modules: Vec<String>,
) -> anyhow::Result<RunResult> {
    let run_id = format!("bench.{}.{}", std::process::id(), label);
    let own_workers = args.workers > 0;
    let topology = topology_for(settings, &run_id, own_workers);
    let connection = Connection::connect(&settings.amqp.url, ConnectionProperties::default())
        .await
        .context("cannot connect to the broker (amqp.url)")?;
    let channel = connection.create_channel().await?;
    topology.declare(&channel).await?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await?;

    // Collect outputs on a queue of our own, bound to the output exchange.
    let collector = format!("{run_id}.collector");
    let exclusive = QueueDeclareOptions {
        exclusive: true,
        auto_delete: true,
        ..Default::default()
    };
    channel
        .queue_declare(short(&collector), exclusive, FieldTable::default())
        .await?;
    channel
        .queue_bind(
            short(&collector),
            short(&topology.output_exchange),
            short("#"),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let (seen_tx, mut seen_rx) = mpsc::unbounded_channel::<Seen>();
    let collect_channel = connection.create_channel().await?;
    let mut consumer = collect_channel
        .basic_consume(
            short(&collector),
            short(""),
            BasicConsumeOptions {
                no_ack: true,
                ..Default::default()
            },
            FieldTable::default(),
        )
        .await?;
    let collecting = tokio::spawn(async move {
        while let Some(Ok(delivery)) = consumer.next().await {
            let at = Instant::now();
            let id = delivery
                .properties
                .message_id()
                .as_ref()
                .map(|m| m.to_string())
                .unwrap_or_default();
            let processing_us = serde_json::from_slice::<Envelope>(&delivery.data)
                .map_or(0, |e| e.processing.duration_us);
            if seen_tx
                .send(Seen {
                    at,
                    id,
                    processing_us,
                })
                .is_err()
            {
                break;
            }
        }
    });

    let messages: Vec<(String, Vec<u8>, BasicProperties)> = (0..args.count)
        .map(|n| {
            let id = format!("{run_id}.{n}");
            let (body, properties) = message(&corpus[n % corpus.len()], &id);
            (id, body, properties)
        })
        .collect();
    let mean_bytes = messages
        .iter()
        .map(|(_, body, _)| body.len())
        .sum::<usize>()
        / messages.len();

    let mut workers = Vec::new();
    let mut ready_ms = None;
    let mut sent_at: HashMap<String, Instant> = HashMap::with_capacity(args.count);
    let publisher;
    if args.rate.is_none() {
        publish_all(
            &channel,
            &topology.input_exchange,
            &messages,
            &mut sent_at,
            None,
        )
        .await?;
        let started = Instant::now();
        workers = start_workers(settings, args, &topology, &modules).await?;
        ready_ms = Some(started.elapsed().as_millis() as u64);
        publisher = None;
    } else {
        if own_workers {
            let started = Instant::now();
            workers = start_workers(settings, args, &topology, &modules).await?;
            ready_ms = Some(started.elapsed().as_millis() as u64);
        }
        let channel = channel.clone();
        let exchange = topology.input_exchange.clone();
        let rate = args.rate;
        publisher = Some(tokio::spawn(async move {
            let mut sent = HashMap::new();
            publish_all(&channel, &exchange, &messages, &mut sent, rate)
                .await
                .map(|()| sent)
        }));
    }

    let pids: Vec<u32> = workers.iter().filter_map(Child::id).collect();
    let bar = progress(args.count as u64, &format!("{label}: enriching"));
    // Bounded, so no value saturates (up to a minute in µs).
    let mut processing_us = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3)?;
    let mut arrivals = HashMap::with_capacity(args.count);
    let mut first = None;
    let mut last = Instant::now();
    while arrivals.len() < args.count {
        let seen = match tokio::time::timeout(Duration::from_secs(60), seen_rx.recv()).await {
            Ok(Some(seen)) => seen,
            _ => bail!(
                "no output for 60 s after {} of {} articles; are the workers running?",
                arrivals.len(),
                args.count
            ),
        };
        first.get_or_insert(seen.at);
        last = seen.at;
        processing_us.saturating_record(seen.processing_us.max(1));
        if arrivals.insert(seen.id, seen.at).is_none() {
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    if let Some(publisher) = publisher {
        sent_at = publisher.await??;
    }
    let end_to_end_ms = if args.rate.is_some() {
        let mut histogram = Histogram::<u64>::new(3)?;
        for (id, arrived) in &arrivals {
            if let Some(sent) = sent_at.get(id) {
                histogram.saturating_record(
                    arrived.saturating_duration_since(*sent).as_millis().max(1) as u64,
                );
            }
        }
        Some(histogram)
    } else {
        None
    };
    let elapsed = match (args.rate.is_some(), first) {
        (false, Some(first)) => last.saturating_duration_since(first),
        _ => {
            let first_sent = sent_at.values().min().copied().unwrap_or(last);
            last.saturating_duration_since(first_sent)
        }
    };
    let counted = if args.rate.is_some() {
        args.count
    } else {
        args.count.saturating_sub(1)
    };
    let rate = counted as f64 / elapsed.as_secs_f64().max(1e-9);
    // The kernel's high-water mark catches a peak between two samples; the
    // resident size a moment after the drain shows what the run left behind.
    let peak_rss_kb = pids
        .iter()
        .filter_map(|pid| status_kb(*pid, "VmHWM:"))
        .max();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_after_kb = pids
        .iter()
        .filter_map(|pid| status_kb(*pid, "VmRSS:"))
        .max();

    stop_workers(workers).await?;
    collecting.abort();
    let _ = collect_channel.close(200, short("bench done")).await;
    cleanup(&connection, &topology, &collector, own_workers).await;
    let _ = channel.close(200, short("bench done")).await;
    let _ = connection.close(200, short("bench done")).await;
    Ok(RunResult {
        label: label.to_owned(),
        modules,
        articles: args.count,
        mean_bytes,
        rate,
        processing_us,
        end_to_end_ms,
        peak_rss_kb,
        rss_after_kb,
        ready_ms,
    })
}

/// Just the fields of the output the bench reads.
#[derive(serde::Deserialize)]
struct Envelope {
    processing: ProcessingTime,
}

#[derive(serde::Deserialize)]
struct ProcessingTime {
    duration_us: u64,
}

/// Publish every message with confirms, at most 1,000 unconfirmed at once; paced when `rate` is set.
async fn publish_all(
    channel: &Channel,
    exchange: &str,
    messages: &[(String, Vec<u8>, BasicProperties)],
    sent_at: &mut HashMap<String, Instant>,
    rate: Option<f64>,
) -> anyhow::Result<()> {
    let bar = progress(messages.len() as u64, "publishing");
    let started = Instant::now();
    let mut pending = std::collections::VecDeque::new();
    for (index, (id, body, properties)) in messages.iter().enumerate() {
        if let Some(rate) = rate {
            let due = started + Duration::from_secs_f64(index as f64 / rate.max(0.001));
            tokio::time::sleep_until(due.into()).await;
        }
        sent_at.insert(id.clone(), Instant::now());
        let confirm = channel
            .basic_publish(
                short(exchange),
                short("bench"),
                BasicPublishOptions::default(),
                body,
                properties.clone(),
            )
            .await?;
        pending.push_back(confirm);
        if pending.len() >= 1000
            && let Some(oldest) = pending.pop_front()
            && !oldest.await?.is_ack()
        {
            bail!("the broker nacked an input message");
        }
        bar.inc(1);
    }
    for confirm in pending {
        if !confirm.await?.is_ack() {
            bail!("the broker nacked an input message");
        }
    }
    bar.finish_and_clear();
    Ok(())
}

/// Start `args.workers` worker processes on the run's topology and wait until each is ready.
async fn start_workers(
    settings: &Settings,
    args: &BenchArgs,
    topology: &Topology,
    modules: &[String],
) -> anyhow::Result<Vec<Child>> {
    let executable = std::env::current_exe().context("cannot find the enricher executable")?;
    let mut workers = Vec::new();
    for _ in 0..args.workers {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let mut command = Command::new(&executable);
        command
            .arg("run")
            .env("ENRICHER__AMQP__URL", &settings.amqp.url)
            .env("ENRICHER__INPUT__EXCHANGE", &topology.input_exchange)
            .env("ENRICHER__INPUT__QUEUE", &topology.input_queue)
            .env("ENRICHER__INPUT__BINDING_KEYS", "#")
            .env("ENRICHER__OUTPUT__EXCHANGE", &topology.output_exchange)
            .env(
                "ENRICHER__DEAD_LETTER__EXCHANGE",
                &topology.dead_letter_exchange,
            )
            .env("ENRICHER__DEAD_LETTER__QUEUE", &topology.dead_letter_queue)
            .env("ENRICHER__OUTPUT__QUEUE", "")
            .env("ENRICHER__TOPOLOGY__DECLARE", "true")
            .env("ENRICHER__PIPELINE__MODULES", modules.join(","))
            .env("ENRICHER__HTTP__LISTEN", format!("127.0.0.1:{port}"))
            .env("ENRICHER__TELEMETRY__LOG_LEVEL", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        if let Some(config) = &args.config {
            command.env("ENRICHER_CONFIG", config);
        }
        let mut child = command.spawn().context("cannot start a worker")?;
        let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = child.try_wait()? {
                bail!("a worker exited during start-up ({status})");
            }
            if ready(addr).await {
                break;
            }
            if Instant::now() > deadline {
                bail!("a worker was not ready after 30 s");
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        workers.push(child);
    }
    Ok(workers)
}

/// Whether `/readyz` at `addr` answers 200.
async fn ready(addr: std::net::SocketAddr) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else {
        return false;
    };
    let request = format!("GET /readyz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).await.is_err() {
        return false;
    }
    let mut response = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.read_to_end(&mut response)).await;
    response.starts_with(b"HTTP/1.1 200")
}

/// SIGTERM every worker and check each exits 0.
async fn stop_workers(workers: Vec<Child>) -> anyhow::Result<()> {
    for mut worker in workers {
        if let Some(pid) = worker.id() {
            // SAFETY: kill(2) on our own child's pid has no memory effects.
            unsafe {
                libc::kill(pid as i32, libc::SIGTERM);
            }
        }
        let status = tokio::time::timeout(Duration::from_secs(40), worker.wait()).await;
        match status {
            Ok(Ok(status)) if status.success() => {}
            Ok(Ok(status)) => bail!("a worker exited with {status} after SIGTERM"),
            _ => bail!("a worker did not exit within 40 s of SIGTERM"),
        }
    }
    Ok(())
}

/// A memory figure of `pid` in KiB (Linux), from /proc: `VmRSS:` now, `VmHWM:` its peak.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Delete what the run declared (only the run's own names, never the configured ones).
async fn cleanup(connection: &Connection, topology: &Topology, collector: &str, own_workers: bool) {
    let Ok(channel) = connection.create_channel().await else {
        return;
    };
    let _ = channel
        .queue_delete(short(collector), QueueDeleteOptions::default())
        .await;
    if !own_workers {
        return;
    }
    for queue in [&topology.input_queue, &topology.dead_letter_queue] {
        let _ = channel
            .queue_delete(short(queue), QueueDeleteOptions::default())
            .await;
    }
    for exchange in [
        &topology.input_exchange,
        &topology.output_exchange,
        &topology.dead_letter_exchange,
    ] {
        let _ = channel
            .exchange_delete(short(exchange), ExchangeDeleteOptions::default())
            .await;
    }
}

fn print_table(results: &[RunResult]) {
    println!(
        "{:<13} {:<22} {:>8} {:>7} {:>11} {:>22} {:>18} {:>9} {:>9} {:>8}",
        "run",
        "modules",
        "articles",
        "bytes",
        "articles/s",
        "processing p50/p95/p99",
        "e2e p50/p95/p99",
        "peak RSS",
        "RSS after",
        "ready"
    );
    for r in results {
        let modules = if r.modules.is_empty() {
            "(none)".to_owned()
        } else {
            r.modules.join(",")
        };
        let processing = format!(
            "{}/{}/{} µs",
            r.processing_us.value_at_quantile(0.5),
            r.processing_us.value_at_quantile(0.95),
            r.processing_us.value_at_quantile(0.99)
        );
        let e2e = r.end_to_end_ms.as_ref().map_or("-".to_owned(), |h| {
            format!(
                "{}/{}/{} ms",
                h.value_at_quantile(0.5),
                h.value_at_quantile(0.95),
                h.value_at_quantile(0.99)
            )
        });
        let megabytes = |kb: Option<u64>| {
            kb.map_or("-".to_owned(), |kb| format!("{:.1} MB", kb as f64 / 1024.0))
        };
        let ready = r.ready_ms.map_or("-".to_owned(), |ms| format!("{ms} ms"));
        println!(
            "{:<13} {:<22} {:>8} {:>7} {:>11.0} {:>22} {:>18} {:>9} {:>9} {:>8}",
            r.label,
            modules,
            r.articles,
            r.mean_bytes,
            r.rate,
            processing,
            e2e,
            megabytes(r.peak_rss_kb),
            megabytes(r.rss_after_kb),
            ready
        );
    }
    if let [passthrough, measured] = results
        && passthrough.rate > 0.0
    {
        println!(
            "modules / pass-through throughput: {:.2} ({:.0} vs {:.0} articles/s, measured in this run)",
            measured.rate / passthrough.rate,
            measured.rate,
            passthrough.rate
        );
    }
}
