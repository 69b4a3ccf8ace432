//! The command line, as clap reads it: the worker's commands and the lab's (bench, eval, train, build).
//!
//! The lab commands take their data as arguments: the corpora are not in the
//! repository (`docs/evaluation.md` says where each comes from). Defaults
//! point only inside the repository (`crates/nlp/models/`, `tests/fixtures/`).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// What `enricher --version` prints after the name: the package version and
/// the commit the binary was built from (set by `build.rs`, "unknown" without git).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ENRICHER_COMMIT"),
    ")"
);

/// A RabbitMQ worker that enriches news articles.
#[derive(Debug, Parser)]
#[command(name = "enricher", version = VERSION, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Consume from RabbitMQ and publish enriched articles until SIGTERM/SIGINT, then drain and exit 0.
    Run {
        /// Configuration file (TOML); also ENRICHER_CONFIG.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Serve POST /v1/enrich (with /healthz, /readyz, /metrics) without a broker, until SIGTERM/SIGINT.
    Serve {
        /// Configuration file (TOML); also ENRICHER_CONFIG.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Address to listen on instead of http.listen (127.0.0.1:9090 by default: loopback only).
        #[arg(long, value_name = "ADDR")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Enrich files (or stdin) without a broker; one JSON line per input on stdout, in input
    /// order; exit 3 when any input failed.
    Enrich {
        /// Input files; none or `-` reads stdin; a `.jsonl` or `.ndjson` file holds one article per line.
        files: Vec<PathBuf>,
        /// Force the input type (application/json, text/plain, text/html) instead of guessing.
        #[arg(long, value_name = "TYPE")]
        content_type: Option<String>,
        /// Every input, stdin too, holds one article per line (JSON Lines).
        #[arg(long)]
        jsonl: bool,
        /// Enrich on this many threads, the output order kept [default: one per core].
        #[arg(long, value_name = "N")]
        jobs: Option<std::num::NonZeroUsize>,
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
    /// Move dead letters from dead_letter.queue back to input.exchange (by default only the codes in replay.codes).
    Replay {
        /// Replay dead letters of this code (repeat, or comma-separate, for several); any code may be named.
        /// Default: replay.codes.
        #[arg(long = "code", value_name = "CODE", value_delimiter = ',')]
        codes: Vec<String>,
        /// Move at most N dead letters.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        limit: Option<u64>,
        /// Count what would be moved, and move nothing.
        #[arg(long)]
        dry_run: bool,
        /// Configuration file (TOML); also ENRICHER_CONFIG.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// List the models and data compiled into the binary: source, terms, a WARNING where they are research-only or non-commercial (as NOTICE).
    Models,
    /// Print a published JSON Schema: `input` (what producers send) or `output` (what the worker publishes).
    Schema {
        #[arg(value_enum)]
        which: crate::commands::schema::Which,
    },
    /// Publish a corpus to the broker, wait for the enriched output, report articles/s and latency.
    Bench(crate::lab::bench::BenchArgs),
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
    /// Build a data file under crates/nlp/models/ from the source data (see its README).
    Build {
        #[command(subcommand)]
        what: BuildCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the entity tagger on a CoNLL-2003 file, scoring a dev file after each epoch.
    Ner(TrainNer),
    /// Cluster the words of unlabelled news by their contexts, for the tagger's class features.
    Clusters {
        /// Corpora: JSONL whose objects have a `body` string (e.g. the Reuters-21578 and BBC
        /// articles), or CoNLL files (`*.conll`, first column read, each sentence on its own).
        #[arg(long = "corpus", value_name = "FILE", required = true)]
        corpora: Vec<PathBuf>,
        /// Where to write the clusters.
        #[arg(
            long,
            value_name = "FILE",
            default_value = "crates/nlp/models/clusters.tsv.gz"
        )]
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
    /// The topic classifier: the seventeen-topic model from the labelled short texts and the
    /// BBC articles, with the IPTC taxonomy's lexicon and the calibration, in one file.
    Topics {
        #[command(flatten)]
        data: TopicsData,
        /// Where to write the model.
        #[arg(
            long,
            value_name = "FILE",
            default_value = "crates/nlp/models/topics.bin"
        )]
        out: PathBuf,
        /// Sources weigh as their item count to this power (0: all the same, 1: as counted).
        #[arg(long, default_value_t = enricher_nlp::topics::train::DEFAULT_SOURCE_POWER)]
        source_power: f32,
        /// Classes weigh as their mass to this power (0: all the same, 1: as counted).
        #[arg(long, default_value_t = enricher_nlp::topics::train::DEFAULT_CLASS_POWER)]
        class_power: f32,
        /// Leave the taxonomy lexicon's evidence out of the model's features.
        #[arg(long)]
        no_lexicon_features: bool,
        /// Logits are divided by this before the softmax (`eval topics` fits it).
        #[arg(long, default_value_t = enricher_nlp::topics::train::DEFAULT_CALIBRATION.temperature)]
        temperature: f32,
        /// Below this best score an article gets no topic.
        #[arg(long, default_value_t = enricher_nlp::topics::train::DEFAULT_CALIBRATION.min_score)]
        min_score: f32,
    },
}

/// The data the topic classifier is trained and evaluated on.
#[derive(Debug, clap::Args)]
pub struct TopicsData {
    /// The BBC corpus (JSONL: id, category, title, body).
    #[arg(long, value_name = "JSONL")]
    pub bbc: PathBuf,
    /// The labelled short texts (JSONL: id, source, title, body, iptc), `topics/train.jsonl`.
    #[arg(long, value_name = "JSONL")]
    pub topics: PathBuf,
    /// The IPTC Media Topics (JSON list: code, label, definition, path).
    #[arg(long, value_name = "JSON")]
    pub iptc: PathBuf,
}

/// `train ner`'s defaults: the committed model's settings, which `eval ner --cv` also uses.
pub mod ner_defaults {
    pub const EPOCHS: usize = 20;
    pub const SEED: u64 = 1;
    pub const FOLDS: usize = 5;
    pub const MIN_WEIGHT: f32 = 0.0;
    pub const CLUSTERS: &str = "crates/nlp/models/clusters.tsv.gz";
}

/// `enricher train ner`.
#[derive(Debug, clap::Args)]
pub struct TrainNer {
    /// A training file (CoNLL: IOB1 as eng.train, or IOB2 as the multilingual data); give
    /// --train more than once to train on several, one after another.
    #[arg(long, value_name = "FILE", required = true)]
    pub train: Vec<PathBuf>,
    /// A training file that --cv never holds out (read after the --train files; with --cv,
    /// part of every fold's training data): silver data beside a small gold file that is
    /// cross-validated. Give it more than once for several.
    #[arg(long, value_name = "FILE")]
    pub also: Vec<PathBuf>,
    /// Visits per epoch of each sentence of the --train files (those of --also are visited
    /// once): weighs a small gold file above the silver data beside it.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub train_visits: usize,
    /// The file that settings are chosen on, e.g. eng.testa.
    #[arg(long, value_name = "FILE")]
    pub dev: PathBuf,
    /// The language the tagger is for (ISO 639-1): en, de, es, fr, it, nl, pl, pt or ru.
    #[arg(long, value_name = "CODE", default_value = "en")]
    pub language: String,
    /// Where to write the model [default: crates/nlp/models/ner.bin for English,
    /// crates/nlp/models/ner-CODE.bin for another language].
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// The GeoNames extracts the name lists are built from (countries.json, cities15000.json, continents.json).
    #[arg(long, value_name = "DIR")]
    pub geonames: PathBuf,
    /// Passes over the training data, for each pass of the tagger.
    #[arg(long, default_value_t = ner_defaults::EPOCHS)]
    pub epochs: usize,
    /// Seed of the sentence shuffles.
    #[arg(long, default_value_t = ner_defaults::SEED)]
    pub seed: u64,
    /// Folds for the jackknifed first-pass labels the second pass learns from.
    #[arg(long, default_value_t = ner_defaults::FOLDS)]
    pub folds: usize,
    /// Feature groups to leave out (comma-separated: word, affix, shape, context,
    /// ngram, sentence, gazetteer, casing, classes, nonlocal, wide), for ablations.
    #[arg(long, value_name = "GROUPS", value_delimiter = ',')]
    pub without: Vec<String>,
    /// Drop features whose averaged weights are all below this.
    #[arg(long, default_value_t = ner_defaults::MIN_WEIGHT)]
    pub min_weight: f32,
    /// The word clusters the class features look words up in (the tagger runs with the
    /// committed table, so train with it).
    #[arg(long, value_name = "FILE", default_value = ner_defaults::CLUSTERS)]
    pub clusters: PathBuf,
    /// Entity data in other languages (the ner-multilingual folder: LANG/*.train.conll) to
    /// list people and organisations from, beside the GeoNames places.
    #[arg(long, value_name = "DIR")]
    pub names: Option<PathBuf>,
    /// Instead of training one model, cross-validate over the documents of --train in K
    /// folds (document i in fold i mod K) and print each fold's F1 and their mean; --dev
    /// is not read and nothing is written.
    #[arg(long, value_name = "K")]
    pub cv: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum BuildCommand {
    /// The gazetteer: countries, regions and cities with their names, from GeoNames and the
    /// alias tables in crates/nlp/src/geo/.
    Gazetteer {
        /// The folder with GeoNames' countries.json and cities15000.json.
        #[arg(long, value_name = "DIR")]
        geonames: PathBuf,
        /// Where to write the gazetteer.
        #[arg(
            long,
            value_name = "FILE",
            default_value = "crates/nlp/models/gazetteer.bin"
        )]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
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
        /// The file's language (ISO 639-1): picks the built-in model, and the product path
        /// tokenises and groups as for an article in this language.
        #[arg(long, value_name = "CODE", default_value = "en")]
        language: String,
        /// A model file instead of the one built in.
        #[arg(long, value_name = "PATH")]
        model: Option<PathBuf>,
        /// Also list the first N mistakes of the product path (missed gold spans and found
        /// spans that are not gold, with their context).
        #[arg(long, value_name = "N", default_value_t = 0)]
        mistakes: usize,
        /// Also cross-validate the committed training settings over this training file
        /// (e.g. eng.train; 5 folds by document) and print the mean and spread beside.
        #[arg(long, value_name = "FILE", requires = "geonames")]
        cv: Option<PathBuf>,
        /// With --cv: the GeoNames extracts the name lists are built from.
        #[arg(long, value_name = "DIR")]
        geonames: Option<PathBuf>,
        /// With --cv: the entity data people and organisations are listed from.
        #[arg(long, value_name = "DIR")]
        names: Option<PathBuf>,
    },
    /// Quote spans and speakers against hand-annotated gold quotes (e.g.
    /// tests/fixtures/quotes/bbc-quotes.jsonl): precision, recall and F1 of exact and
    /// overlapping spans and of speakers, after intake and the entities module.
    Quotes {
        /// The gold file: one `{"id": ..., "quotes": [{"text": ..., "speaker": ...}]}` per line.
        gold: PathBuf,
        /// The JSONL corpus holding the articles (`id`, `body`, ...), e.g. the BBC articles.
        #[arg(long, value_name = "JSONL")]
        articles: PathBuf,
        /// Also print up to this many missed, spurious or misattributed quotes.
        #[arg(long, default_value_t = 0, value_name = "N")]
        mistakes: usize,
    },
    /// Keyphrase methods (YAKE, TextRank, a frequency baseline) scored by how many of each
    /// article's title words their top five keyphrases of the body find, and µs per article.
    Keywords {
        /// A JSONL corpus whose objects have `title` and `body`, e.g. the BBC articles.
        #[arg(long, value_name = "JSONL")]
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
        /// Also time both designs per article on this JSONL corpus (e.g. the BBC articles).
        #[arg(long, value_name = "JSONL")]
        articles: Option<PathBuf>,
    },
    /// Topics: leave-one-source-out accuracy of each candidate setting, BBC k-fold accuracy,
    /// per-class recall and the calibration table of the committed settings, then the
    /// committed examples of all seventeen top-level topics with the embedded model.
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
