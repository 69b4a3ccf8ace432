//! The `enricher` binary: parse the command line and call the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use enricher::config::Settings;

/// A RabbitMQ worker that enriches news articles.
#[derive(Debug, Parser)]
#[command(name = "enricher", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Consume from RabbitMQ and publish enriched articles until SIGTERM/SIGINT, then drain and exit 0.
    Run {
        /// Configuration file (TOML); also ENRICHER_CONFIG.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Enrich files (or stdin) without a broker; one JSON object per article on stdout.
    Enrich {
        /// Input files; none or `-` reads stdin; a `.jsonl` file holds one article per line.
        files: Vec<PathBuf>,
        /// Force the input type (application/json, text/plain, text/html) instead of guessing.
        #[arg(long, value_name = "TYPE")]
        content_type: Option<String>,
        /// Configuration file (TOML); also ENRICHER_CONFIG.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print the effective configuration (secrets redacted) and exit 0, or name the bad key and exit 2.
    CheckConfig {
        /// Configuration file (TOML); also ENRICHER_CONFIG.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Publish a corpus to the broker, wait for the enriched output, report articles/s and latency.
    Bench(enricher::bench::BenchArgs),
    /// Score a component against a labelled corpus on disk (no broker).
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Build a model file from training data on disk.
    Train {
        #[command(subcommand)]
        what: TrainCommand,
    },
    /// Build a data file under models/ from the source data (see models/README.md).
    Build {
        #[command(subcommand)]
        what: BuildCommand,
    },
}

#[derive(Debug, Subcommand)]
enum TrainCommand {
    /// Train the entity tagger on a CoNLL-2003 file, scoring a dev file after each epoch.
    Ner(TrainNer),
    /// Cluster the words of unlabelled news by their contexts, for the tagger's class features.
    Clusters {
        /// JSONL corpora whose objects have a `body` string.
        #[arg(
            long = "corpus",
            value_name = "JSONL",
            default_values = ["../shared/data/reuters21578/articles.jsonl", "../shared/data/bbc-news/articles.jsonl"]
        )]
        corpora: Vec<PathBuf>,
        /// Where to write the clusters.
        #[arg(long, value_name = "FILE", default_value = "models/clusters.tsv.gz")]
        out: PathBuf,
        /// Words seen fewer times get no cluster.
        #[arg(long, default_value_t = 3)]
        min_count: u32,
        /// The most frequent words that are contexts of their own.
        #[arg(long, default_value_t = 1000)]
        contexts: usize,
        /// K-means iterations at the finest level.
        #[arg(long, default_value_t = 15)]
        iterations: usize,
    },
    /// The topic classifier: the desk model from the BBC corpus and the lexicon from the IPTC
    /// taxonomy, in one file.
    Topics {
        #[command(flatten)]
        data: TopicsData,
        /// Where to write the model.
        #[arg(long, value_name = "FILE", default_value = "models/topics.bin")]
        out: PathBuf,
        /// Logits added per unit of lexicon evidence (per 100 words).
        #[arg(long, default_value_t = enricher::topics::train::DEFAULT_LEXICON_WEIGHT)]
        lexicon_weight: f32,
        /// The stand-in desk probability of a topic outside the five desks.
        #[arg(long, default_value_t = enricher::topics::train::DEFAULT_OTHER_PRIOR)]
        other_prior: f32,
    },
}

/// The data the topic classifier is trained and evaluated on.
#[derive(Debug, clap::Args)]
struct TopicsData {
    /// The BBC corpus (JSONL: id, category, title, body).
    #[arg(
        long,
        value_name = "JSONL",
        default_value = "../shared/data/bbc-news/articles.jsonl"
    )]
    bbc: PathBuf,
    /// The IPTC Media Topics (JSON list: code, label, definition, path).
    #[arg(
        long,
        value_name = "JSON",
        default_value = "../shared/data/iptc/mediatopics-en.json"
    )]
    iptc: PathBuf,
}

/// `enricher train ner`.
#[derive(Debug, clap::Args)]
struct TrainNer {
    /// The training file (CoNLL-2003, IOB1), e.g. eng.train.
    #[arg(long, value_name = "FILE")]
    train: PathBuf,
    /// The file that settings are chosen on, e.g. eng.testa.
    #[arg(long, value_name = "FILE")]
    dev: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "PATH", default_value = "models/ner.bin")]
    out: PathBuf,
    /// The GeoNames extracts the gazetteer is built from.
    #[arg(long, value_name = "DIR", default_value = "../shared/data/geonames")]
    geonames: PathBuf,
    /// Passes over the training data, for each pass of the tagger.
    #[arg(long, default_value_t = 20)]
    epochs: usize,
    /// Seed of the sentence shuffles.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folds for the jackknifed first-pass labels the second pass learns from.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Feature groups to leave out (comma-separated: word, affix, shape, context,
    /// ngram, sentence, gazetteer, casing, classes, nonlocal), for ablations.
    #[arg(long, value_name = "GROUPS", value_delimiter = ',')]
    without: Vec<String>,
    /// Drop features whose averaged weights are all below this.
    #[arg(long, default_value_t = 0.0)]
    min_weight: f32,
    /// The word clusters the class features look words up in (the tagger runs with the
    /// committed table, so train with it).
    #[arg(long, value_name = "FILE", default_value = "models/clusters.tsv.gz")]
    clusters: PathBuf,
}

#[derive(Debug, Subcommand)]
enum BuildCommand {
    /// The gazetteer: countries, regions and cities with their names, from GeoNames and the
    /// alias tables in src/geo/.
    Gazetteer {
        /// The folder with GeoNames' countries.json and cities15000.json.
        #[arg(long, value_name = "DIR", default_value = "../shared/data/geonames")]
        geonames: PathBuf,
        /// Where to write the gazetteer.
        #[arg(long, value_name = "FILE", default_value = "models/gazetteer.bin")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Extract the article of each DIR/html/ID.html.gz on one thread and score it against
    /// DIR/ground-truth.json: precision, recall and F1 of 4-token shingles, and pages/s.
    Html {
        /// The corpus folder (the article-extraction benchmark's layout).
        dir: PathBuf,
        /// Also list the N pages with the lowest F1.
        #[arg(long, value_name = "N", default_value_t = 0)]
        worst: usize,
        /// Write each extracted text to DUMP/ID.txt.
        #[arg(long, value_name = "DUMP")]
        dump: Option<PathBuf>,
    },
    /// Entity tagger precision, recall and F1 per type against a CoNLL-2003 file (exact
    /// spans, as conlleval), and tokens/s of tagging on one thread.
    Ner {
        /// The CoNLL-2003 file, e.g. eng.testa.
        file: PathBuf,
        /// A model file instead of the one built in.
        #[arg(long, value_name = "PATH")]
        model: Option<PathBuf>,
    },
    /// Quote spans and speakers against hand-annotated gold quotes (e.g.
    /// tests/fixtures/quotes/bbc-quotes.jsonl): precision, recall and F1 of exact and
    /// overlapping spans and of speakers, after intake and the entities module.
    Quotes {
        /// The gold file: one `{"id": ..., "quotes": [{"text": ..., "speaker": ...}]}` per line.
        gold: PathBuf,
        /// The JSONL corpus holding the articles (`id`, `body`, ...).
        #[arg(
            long,
            value_name = "JSONL",
            default_value = "../shared/data/bbc-news/articles.jsonl"
        )]
        articles: PathBuf,
        /// Also print up to this many missed, spurious or misattributed quotes.
        #[arg(long, default_value_t = 0, value_name = "N")]
        mistakes: usize,
    },
    /// Keyphrase methods (YAKE, TextRank, a frequency baseline) scored by how many of each
    /// article's title words their top five keyphrases of the body find, and µs per article.
    Keywords {
        /// A JSONL corpus whose objects have `title` and `body`.
        #[arg(
            long,
            value_name = "JSONL",
            default_value = "../shared/data/bbc-news/articles.jsonl"
        )]
        articles: PathBuf,
    },
    /// Sentence boundary precision, recall and F1 against a CoNLL-2003 file (e.g. eng.testa).
    Sentences {
        /// The CoNLL-2003 file (`word POS chunk tag` lines, `-DOCSTART-` between documents).
        file: PathBuf,
        /// Also print up to this many wrong or missed boundaries, with their context.
        #[arg(long, default_value_t = 0, value_name = "N")]
        mistakes: usize,
    },
    /// Language detection, whatlang alone and two-stage, against a `code<TAB>kind<TAB>text` file
    /// (e.g. tests/fixtures/language/news.tsv): accuracy per kind and language, und rate, ms per text.
    Language {
        /// The labelled file (`kind` is headline, brief or paragraph; `#` lines are comments).
        file: PathBuf,
        /// Also print each design's N worst answers (confident wrong ones first).
        #[arg(long, default_value_t = 0, value_name = "N")]
        mistakes: usize,
        /// Also time both designs per article on this JSONL corpus (e.g. ../shared/data/bbc-news/articles.jsonl).
        #[arg(long, value_name = "JSONL")]
        articles: Option<PathBuf>,
    },
    /// Topics: k-fold cross-validated top-1 accuracy on the BBC desks (per desk, for the desk
    /// model alone and the full classifier at several lexicon weights), then the committed
    /// examples of all seventeen top-level topics with the embedded model.
    Topics {
        #[command(flatten)]
        data: TopicsData,
        /// The examples (JSONL: topic, title, text).
        #[arg(
            long,
            value_name = "JSONL",
            default_value = "tests/fixtures/topics/examples.jsonl"
        )]
        examples: PathBuf,
        /// Folds of the cross-validation.
        #[arg(long, default_value_t = 10)]
        folds: usize,
        /// Seed of the fold assignment.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Exit code for bad configuration or usage.
const EXIT_CONFIG: u8 = 2;
/// Exit code when `enrich` finished but some inputs could not be enriched.
const EXIT_PARTIAL: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { config } => run(config),
        Command::Enrich {
            files,
            content_type,
            config,
        } => enrich(config, &files, content_type.as_deref()),
        Command::CheckConfig { config } => match load(config) {
            Ok(settings) => {
                print!("{}", settings.redacted_toml());
                ExitCode::SUCCESS
            }
            Err(code) => code,
        },
        Command::Bench(args) => {
            enricher::telemetry::init_cli();
            match runtime().and_then(|rt| rt.block_on(enricher::bench::run(args))) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Eval { what } => eval(what),
        Command::Train { what } => train(what),
        Command::Build { what } => build(what),
    }
}

fn build(what: BuildCommand) -> ExitCode {
    match what {
        BuildCommand::Gazetteer { geonames, out } => {
            let started = std::time::Instant::now();
            match enricher::geo::build::run(&geonames, &out) {
                Ok(report) => {
                    println!("wrote {} in {:.1?}", out.display(), started.elapsed());
                    print!("{report}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn train(what: TrainCommand) -> ExitCode {
    match what {
        TrainCommand::Clusters {
            corpora,
            out,
            min_count,
            contexts,
            iterations,
        } => {
            let options = enricher::ner::cluster_build::ClusterOptions {
                corpora,
                min_count,
                contexts,
                iterations,
                progress: true,
            };
            match enricher::ner::cluster_build::run(&options, &out) {
                Ok(report) => {
                    println!("wrote {}", out.display());
                    print!("{report}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
        TrainCommand::Ner(args) => train_ner(args),
        TrainCommand::Topics {
            data: TopicsData { bbc, iptc },
            out,
            lexicon_weight,
            other_prior,
        } => train_topics(
            enricher::topics::train::TrainOptions {
                bbc,
                iptc,
                learner: enricher::topics::train::DEFAULT_LEARNER,
                lexicon_weight,
                other_prior,
            },
            &out,
        ),
    }
}

fn train_topics(options: enricher::topics::train::TrainOptions, out: &std::path::Path) -> ExitCode {
    let result = enricher::topics::train::train(&options).and_then(|trained| {
        std::fs::write(out, &trained.bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
        println!(
            "{}: {} bytes from {} articles; {} desk-model terms, {} lexicon terms",
            out.display(),
            trained.bytes.len(),
            trained.articles,
            trained.desk_terms,
            trained.lexicon_terms
        );
        Ok(())
    });
    exit_code(result)
}

fn train_ner(args: TrainNer) -> ExitCode {
    let TrainNer {
        train,
        dev,
        out,
        geonames,
        epochs,
        seed,
        folds,
        without,
        min_weight,
        clusters,
    } = args;
    let mut groups = enricher::ner::features::group::ALL;
    for name in &without {
        match enricher::ner::features::group::NAMES
            .iter()
            .find(|(n, _)| n == name)
        {
            Some((_, bit)) => groups &= !bit,
            None => {
                eprintln!("error: no feature group {name:?}");
                return ExitCode::from(EXIT_CONFIG);
            }
        }
    }
    let options = enricher::ner::train::TrainOptions {
        train,
        dev,
        geonames,
        clusters,
        epochs,
        seed,
        folds,
        groups,
        min_weight,
        progress: true,
    };
    let result = enricher::ner::train::train(&options).and_then(|outcome| {
        std::fs::write(&out, &outcome.model)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
        for epoch in &outcome.epochs {
            println!(
                "pass {} epoch {:>2}: dev F1 {:.2}",
                epoch.pass, epoch.epoch, epoch.f1
            );
        }
        println!(
            "{}: {} bytes, {} features, trained in {:.1} s",
            out.display(),
            outcome.model.len(),
            outcome.tagger.feature_count(),
            outcome.elapsed.as_secs_f64()
        );
        print!("{}", outcome.dev);
        Ok(())
    });
    exit_code(result)
}

fn eval(what: EvalCommand) -> ExitCode {
    match what {
        EvalCommand::Html { dir, worst, dump } => eval_html(&dir, worst, dump),
        EvalCommand::Ner { file, model } => eval_ner(&file, model.as_deref()),
        EvalCommand::Topics {
            data: TopicsData { bbc, iptc },
            examples,
            folds,
            seed,
        } => exit_code(
            enricher::eval::topics::run(&bbc, &iptc, &examples, folds.max(2), seed)
                .map(|report| println!("{report}")),
        ),
        EvalCommand::Keywords { articles } => exit_code(
            enricher::eval::keywords::run(&articles)
                .map(|report| print!("{report}"))
                .map_err(|error| anyhow::anyhow!("{error}")),
        ),
        EvalCommand::Sentences { file, mistakes } => exit_code(
            enricher::eval::sentences::run(&file)
                .map(|report| print_with_mistakes(&report, &report.mistakes, mistakes)),
        ),
        EvalCommand::Quotes {
            gold,
            articles,
            mistakes,
        } => exit_code(
            enricher::eval::quotes::run(&gold, &articles)
                .map(|report| print_with_mistakes(&report, &report.mistakes, mistakes))
                .map_err(Into::into),
        ),
        EvalCommand::Language {
            file,
            mistakes,
            articles,
        } => match eval_language(&file, mistakes, articles.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Load and validate the settings, or print why not and give exit code 2.
fn load(config: Option<PathBuf>) -> Result<Settings, ExitCode> {
    Settings::load(config.as_deref()).map_err(|error| {
        eprintln!("error: {error}");
        ExitCode::from(EXIT_CONFIG)
    })
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn run(config: Option<PathBuf>) -> ExitCode {
    let settings = match load(config) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let telemetry = match enricher::telemetry::init(&settings.telemetry) {
            Ok(telemetry) => telemetry,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        };
        // A module panic is caught and becomes a warning on its article; log it as
        // a structured event instead of raw text on stderr, so JSON logs stay JSON.
        std::panic::set_hook(Box::new(|info| {
            tracing::error!(panic = %info, "panic (caught: the article gets a warning, or is requeued)");
        }));
        let shutdown = enricher::shutdown::on_signals(
            settings.shutdown.timeout + std::time::Duration::from_secs(10),
        );
        let result = enricher::worker::run(settings, shutdown).await;
        telemetry.shutdown();
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                tracing::error!(%error, "enricher stopped on an error");
                eprintln!("error: {error}");
                if error.is_configuration() {
                    ExitCode::from(EXIT_CONFIG)
                } else {
                    ExitCode::FAILURE
                }
            }
        }
    })
}

fn enrich(config: Option<PathBuf>, files: &[PathBuf], content_type: Option<&str>) -> ExitCode {
    enricher::telemetry::init_cli();
    let settings = match load(config) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    let processor = match enricher::processor::Processor::from_settings(&settings) {
        Ok(processor) => processor,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match enricher::enrich::run(&processor, files, content_type, &mut out) {
        Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
        Ok(summary) => {
            eprintln!(
                "enricher: {} of {} inputs could not be enriched",
                summary.failed,
                summary.failed + summary.enriched
            );
            ExitCode::from(EXIT_PARTIAL)
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn eval_html(dir: &std::path::Path, worst: usize, dump: Option<PathBuf>) -> ExitCode {
    let options = enricher::eval::html::HtmlEvalOptions {
        worst,
        dump,
        progress: true,
    };
    let result = enricher::eval::html::run(dir, &options).and_then(|report| {
        let stdout = std::io::stdout();
        report.write_table(&mut stdout.lock(), worst)?;
        Ok(())
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn eval_ner(file: &std::path::Path, model: Option<&std::path::Path>) -> ExitCode {
    let result = (|| -> anyhow::Result<()> {
        let started = std::time::Instant::now();
        let owned;
        let tagger = match model {
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| {
                    anyhow::anyhow!("cannot read the model {}: {e}", path.display())
                })?;
                owned = enricher::ner::EntityTagger::from_bytes(&bytes)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
                    .with_classes(enricher::ner::clusters::Clusters::embedded());
                &owned
            }
            None => enricher::ner::EntityTagger::embedded(),
        };
        let loaded = started.elapsed();
        let report = enricher::eval::ner::run(file, tagger)?;
        println!("{report}");
        println!("model loaded in {:.3} s", loaded.as_secs_f64());
        Ok(())
    })();
    exit_code(result)
}

/// Prints up to `limit` of an evaluation's mistakes, then its report.
fn print_with_mistakes<M: std::fmt::Display>(
    report: &dyn std::fmt::Display,
    mistakes: &[M],
    limit: usize,
) {
    for mistake in mistakes.iter().take(limit) {
        println!("{mistake}");
    }
    println!("{report}");
}

/// Exit 0, or print the error with its causes and exit 1.
fn exit_code(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn eval_language(
    file: &std::path::Path,
    mistakes: usize,
    articles: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let report = enricher::eval::language::run(file)?;
    for design in report.designs.iter().filter(|_| mistakes > 0) {
        println!("{}: worst {mistakes}", design.design);
        for mistake in design.mistakes.iter().take(mistakes) {
            println!("  {mistake}");
        }
    }
    println!("{report}");
    if let Some(articles) = articles {
        println!("\n{}", enricher::eval::language_cost::run(articles)?);
    }
    Ok(())
}
