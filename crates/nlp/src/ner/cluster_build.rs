//! `enricher train clusters`: word clusters from unlabelled news, by spherical k-means over each word's contexts, written as `models/clusters.tsv.gz`.
//!
//! 1. The article bodies of the JSONL corpora are cut into CoNLL tokens
//!    and folded as the tagger folds them; a CoNLL file (`.conll`) gives
//!    its tokens as they are, each sentence on its own (the multilingual
//!    data's sentences are shuffled), its tags unread.
//! 2. Each word seen `min_count` times or more gets a context vector: the
//!    words one and two places either side, in lower case, among the
//!    `contexts` most frequent (rarer ones fall into a bucket by shape),
//!    weighted by positive pointwise mutual information with smoothed
//!    context counts (Levy, Goldberg and Dagan 2015) and scaled to unit
//!    length.
//! 3. Spherical k-means cuts the words into 1,024 clusters, seeded with
//!    the most frequent words; the clusters' centroids are then cut into
//!    256, those into 64 and those into 16, so every level nests in the
//!    next coarser one, as the prefixes of Brown clusters do.
//!
//! Everything runs in a fixed order on fixed seeds, and the assignment step
//! is split over threads by word, which does not change its result, so a
//! rerun writes the same bytes.

use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use flate2::{Compression, GzBuilder};
use indicatif::{ProgressBar, ProgressStyle};
use rustc_hash::FxHashMap;

use super::tokenise::conll_tokens;
use super::words::{MAX_CLASSES, fold_into};

/// The cluster counts of the four levels, coarse to fine.
pub const LEVELS: [usize; MAX_CLASSES] = [16, 64, 256, 1024];

/// What to cluster and how.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// JSONL files whose objects have a `body` string, or CoNLL files
    /// (named `*.conll`) whose first column is read.
    pub corpora: Vec<PathBuf>,
    /// Words seen fewer times than this get no cluster.
    pub min_count: u32,
    /// How many of the most frequent words are context words of their own.
    pub contexts: usize,
    /// K-means iterations at the finest level.
    pub iterations: usize,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct ClusterReport {
    /// Articles read.
    pub articles: usize,
    /// Tokens read.
    pub tokens: usize,
    /// Words given clusters.
    pub words: usize,
    /// The share of words that changed cluster in the last iteration.
    pub last_change: f64,
    /// The time taken.
    pub elapsed: Duration,
}

impl std::fmt::Display for ClusterReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "| articles | tokens | words | levels | last change | time |"
        )?;
        writeln!(f, "|---:|---:|---:|---|---:|---:|")?;
        writeln!(
            f,
            "| {} | {} | {} | {:?} | {:.2}% | {:.1} s |",
            self.articles,
            self.tokens,
            self.words,
            LEVELS,
            100.0 * self.last_change,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Builds the clusters of `options` and writes them to `out`.
pub fn run(options: &ClusterOptions, out: &Path) -> anyhow::Result<ClusterReport> {
    let started = Instant::now();
    let corpus = Corpus::read(&options.corpora)?;
    anyhow::ensure!(corpus.tokens.len() > 1, "the corpora hold no text");
    let vocab = Vocab::new(&corpus, options.min_count, options.contexts);
    anyhow::ensure!(
        vocab.words.len() >= LEVELS[MAX_CLASSES - 1],
        "only {} words occur {} times or more: too few for {} clusters",
        vocab.words.len(),
        options.min_count,
        LEVELS[MAX_CLASSES - 1]
    );
    let vectors = context_vectors(&corpus, &vocab);
    let bar = progress_bar(options.progress, options.iterations as u64 + 3);
    let dims = vocab.dims();
    let finest = LEVELS[MAX_CLASSES - 1];
    // Seeds: the most frequent words (the vocabulary is in frequency order).
    let seeds: Vec<usize> = (0..finest).collect();
    let (mut assignment, mut centroids, last_change) =
        kmeans(&vectors, dims, &seeds, options.iterations, &bar);
    let mut levels = vec![assignment.clone()];
    for &k in LEVELS[..MAX_CLASSES - 1].iter().rev() {
        // The previous level's centroids, as sparse vectors, seeded with its largest clusters.
        let points: Vec<Sparse> = centroids.iter().map(|c| Sparse::from_dense(c)).collect();
        let mut sizes = vec![0usize; points.len()];
        for &a in &assignment {
            sizes[a as usize] += 1;
        }
        let mut order: Vec<usize> = (0..points.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(sizes[i]), i));
        let (upper, upper_centroids, _) = kmeans(&points, dims, &order[..k], 20, &bar);
        assignment = assignment.iter().map(|&a| upper[a as usize]).collect();
        centroids = upper_centroids;
        levels.push(assignment.clone());
    }
    levels.reverse();
    bar.finish_and_clear();

    let mut lines: Vec<(&str, [u32; MAX_CLASSES])> = vocab
        .words
        .iter()
        .enumerate()
        .map(|(w, &word)| {
            let mut ids = [0u32; MAX_CLASSES];
            for (level, id) in ids.iter_mut().enumerate() {
                *id = levels[level][w] + 1;
            }
            (corpus.word(word), ids)
        })
        .collect();
    lines.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut text = format!(
        "# enricher word clusters: {} words, levels {LEVELS:?}, from {} tokens\n",
        lines.len(),
        corpus.tokens.len()
    );
    for (word, ids) in &lines {
        text.push_str(word);
        for id in ids {
            text.push('\t');
            text.push_str(&id.to_string());
        }
        text.push('\n');
    }
    let mut encoder = GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), Compression::best());
    encoder.write_all(text.as_bytes())?;
    let bytes = encoder.finish()?;
    std::fs::write(out, bytes).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(ClusterReport {
        articles: corpus.articles,
        tokens: corpus.tokens.len(),
        words: lines.len(),
        last_change,
        elapsed: started.elapsed(),
    })
}

/// The token stream of the corpora, words interned in order of appearance.
struct Corpus {
    /// Interned word ids; [`BOUNDARY`] between articles.
    tokens: Vec<u32>,
    /// The interned words.
    strings: Vec<Box<str>>,
    articles: usize,
}

/// The token that separates articles (and pads the stream's ends).
const BOUNDARY: u32 = u32::MAX;

impl Corpus {
    fn read(paths: &[PathBuf]) -> anyhow::Result<Corpus> {
        let mut corpus = Corpus {
            tokens: vec![BOUNDARY, BOUNDARY],
            strings: Vec::new(),
            articles: 0,
        };
        let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut folded = String::new();
        for path in paths {
            if path.extension().is_some_and(|e| e == "conll") {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                for document in super::conll::parse(&text) {
                    for sentence in &document.sentences {
                        corpus.articles += 1;
                        for token in sentence {
                            corpus.push(&token.word, &mut ids, &mut folded);
                        }
                        corpus.tokens.extend([BOUNDARY, BOUNDARY]);
                    }
                }
                continue;
            }
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
                let line = line.with_context(|| format!("cannot read {}", path.display()))?;
                if line.trim().is_empty() {
                    continue;
                }
                let value: serde_json::Value = serde_json::from_str(&line)
                    .with_context(|| format!("{} line {}: not JSON", path.display(), n + 1))?;
                // Some wire items are a headline alone (`body` null or absent).
                let Some(body) = value.get("body").and_then(|b| b.as_str()) else {
                    continue;
                };
                corpus.articles += 1;
                for (_, token) in conll_tokens(body) {
                    corpus.push(token, &mut ids, &mut folded);
                }
                corpus.tokens.extend([BOUNDARY, BOUNDARY]);
            }
        }
        Ok(corpus)
    }

    /// Appends `token`, folded, interning it in `ids`.
    fn push(&mut self, token: &str, ids: &mut FxHashMap<Box<str>, u32>, folded: &mut String) {
        fold_into(token, folded);
        let next = self.strings.len() as u32;
        let id = *ids.entry(folded.as_str().into()).or_insert(next);
        if id == next {
            self.strings.push(folded.as_str().into());
        }
        self.tokens.push(id);
    }

    fn word(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }
}

/// Positions of a context word relative to the word: -2, -1, +1, +2.
const POSITIONS: [isize; 4] = [-2, -1, 1, 2];

/// Context buckets for words outside the context vocabulary, by shape.
const BUCKETS: usize = 5;

/// The words to cluster and the context dimensions.
struct Vocab {
    /// Corpus word ids to cluster, most frequent first (ties by first appearance).
    words: Vec<u32>,
    /// Per corpus word id: its index in `words`, or none.
    index: Vec<Option<u32>>,
    /// Per corpus word id: its context dimension within a position.
    context: Vec<u32>,
    /// Dimensions per position.
    per_position: usize,
}

impl Vocab {
    fn new(corpus: &Corpus, min_count: u32, contexts: usize) -> Vocab {
        let mut counts = vec![0u32; corpus.strings.len()];
        for &t in &corpus.tokens {
            if t != BOUNDARY {
                counts[t as usize] += 1;
            }
        }
        let mut order: Vec<u32> = (0..counts.len() as u32).collect();
        order.sort_by_key(|&w| (std::cmp::Reverse(counts[w as usize]), w));
        let words: Vec<u32> = order
            .iter()
            .copied()
            .take_while(|&w| counts[w as usize] >= min_count.max(1))
            .collect();
        let mut index = vec![None; counts.len()];
        for (i, &w) in words.iter().enumerate() {
            index[w as usize] = Some(i as u32);
        }
        // Context words: the most frequent lower-case forms.
        let mut lower_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut lower_counts: Vec<u32> = Vec::new();
        let mut lower_of = vec![0u32; counts.len()];
        for (w, s) in corpus.strings.iter().enumerate() {
            let lower = s.to_lowercase();
            let next = lower_counts.len() as u32;
            let id = *lower_ids.entry(lower).or_insert(next);
            if id == next {
                lower_counts.push(0);
            }
            lower_counts[id as usize] += counts[w];
            lower_of[w] = id;
        }
        let mut lower_order: Vec<u32> = (0..lower_counts.len() as u32).collect();
        lower_order.sort_by_key(|&l| (std::cmp::Reverse(lower_counts[l as usize]), l));
        let mut lower_dim = vec![u32::MAX; lower_counts.len()];
        for (d, &l) in lower_order.iter().take(contexts).enumerate() {
            lower_dim[l as usize] = d as u32;
        }
        let kept = contexts.min(lower_counts.len());
        let context = corpus
            .strings
            .iter()
            .enumerate()
            .map(|(w, s)| match lower_dim[lower_of[w] as usize] {
                u32::MAX => (kept + bucket(s)) as u32,
                d => d,
            })
            .collect();
        Vocab {
            words,
            index,
            context,
            per_position: kept + BUCKETS + 1,
        }
    }

    fn dims(&self) -> usize {
        self.per_position * POSITIONS.len()
    }

    /// The context dimension of token `t` at position `p` (an index into [`POSITIONS`]).
    fn dim(&self, t: u32, p: usize) -> u32 {
        let within = if t == BOUNDARY {
            (self.per_position - 1) as u32
        } else {
            self.context[t as usize]
        };
        (p * self.per_position) as u32 + within
    }
}

/// The shape bucket of a rare context word: capitalised, lower case,
/// with digits, other letters, punctuation.
fn bucket(word: &str) -> usize {
    let first = word.chars().next().unwrap_or(' ');
    if first.is_uppercase() {
        0
    } else if first.is_lowercase() {
        1
    } else if word.chars().any(|c| c.is_numeric()) {
        2
    } else if word.chars().any(char::is_alphabetic) {
        3
    } else {
        4
    }
}

/// A sparse vector: dimensions in increasing order, with their values.
#[derive(Debug, Clone, Default)]
struct Sparse {
    dims: Vec<u32>,
    values: Vec<f32>,
}

impl Sparse {
    fn from_dense(dense: &[f32]) -> Sparse {
        let mut s = Sparse::default();
        for (d, &v) in dense.iter().enumerate() {
            if v != 0.0 {
                s.dims.push(d as u32);
                s.values.push(v);
            }
        }
        s
    }
}

/// Each vocabulary word's PPMI context vector, unit length.
fn context_vectors(corpus: &Corpus, vocab: &Vocab) -> Vec<Sparse> {
    let mut pairs: FxHashMap<u64, u32> = FxHashMap::default();
    let mut context_totals = vec![0f64; vocab.dims()];
    let mut word_totals = vec![0f64; vocab.words.len()];
    let tokens = &corpus.tokens;
    for i in 2..tokens.len().saturating_sub(2) {
        let Some(w) = (tokens[i] != BOUNDARY)
            .then(|| vocab.index[tokens[i] as usize])
            .flatten()
        else {
            continue;
        };
        for (p, &offset) in POSITIONS.iter().enumerate() {
            let t = tokens[i.wrapping_add_signed(offset)];
            let d = vocab.dim(t, p);
            *pairs.entry(u64::from(w) << 32 | u64::from(d)).or_insert(0) += 1;
            context_totals[d as usize] += 1.0;
            word_totals[w as usize] += 1.0;
        }
    }
    // Context counts raised to 0.75, so rare contexts do not dominate.
    let smoothed: Vec<f64> = context_totals.iter().map(|c| c.powf(0.75)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    let total: f64 = word_totals.iter().sum();
    let mut entries: Vec<(u64, u32)> = pairs.into_iter().collect();
    entries.sort_unstable_by_key(|e| e.0);
    let mut vectors = vec![Sparse::default(); vocab.words.len()];
    for (key, count) in entries {
        let (w, d) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
        let p_joint = f64::from(count) / total;
        let p_word = word_totals[w] / total;
        let p_context = smoothed[d] / smoothed_total;
        let pmi = (p_joint / (p_word * p_context)).ln();
        if pmi > 0.0 {
            vectors[w].dims.push(d as u32);
            vectors[w].values.push(pmi as f32);
        }
    }
    for v in &mut vectors {
        to_unit_length(&mut v.values);
    }
    vectors
}

fn to_unit_length(values: &mut [f32]) {
    let norm = values
        .iter()
        .map(|v| f64::from(*v) * f64::from(*v))
        .sum::<f64>()
        .sqrt();
    if norm > 0.0 {
        for v in values {
            *v = (f64::from(*v) / norm) as f32;
        }
    }
}

/// Spherical k-means of `points` seeded with the points `seeds`: each
/// point's cluster, the clusters' unit centroids (dense), and the share of
/// points that moved in the last iteration.
fn kmeans(
    points: &[Sparse],
    dims: usize,
    seeds: &[usize],
    iterations: usize,
    bar: &ProgressBar,
) -> (Vec<u32>, Vec<Vec<f32>>, f64) {
    let k = seeds.len();
    let mut centroids: Vec<Vec<f32>> = seeds
        .iter()
        .map(|&s| {
            let mut c = vec![0f32; dims];
            for (&d, &v) in points[s].dims.iter().zip(&points[s].values) {
                c[d as usize] = v;
            }
            c
        })
        .collect();
    let mut assignment = vec![u32::MAX; points.len()];
    let mut last_change = 1.0;
    for _ in 0..iterations.max(1) {
        // Dimension-major centroids, so a point's scores are sums of rows.
        let mut by_dim = vec![0f32; dims * k];
        for (c, centroid) in centroids.iter().enumerate() {
            for (d, &v) in centroid.iter().enumerate() {
                by_dim[d * k + c] = v;
            }
        }
        let next = assign(points, &by_dim, k);
        let moved = next.iter().zip(&assignment).filter(|(a, b)| a != b).count();
        assignment = next;
        last_change = moved as f64 / points.len().max(1) as f64;
        let mut sums = vec![vec![0f32; dims]; k];
        for (p, &a) in points.iter().zip(&assignment) {
            let sum = &mut sums[a as usize];
            for (&d, &v) in p.dims.iter().zip(&p.values) {
                sum[d as usize] += v;
            }
        }
        for (centroid, mut sum) in centroids.iter_mut().zip(sums) {
            if sum.iter().any(|&v| v != 0.0) {
                to_unit_length(&mut sum);
                *centroid = sum;
            }
        }
        bar.inc(1);
        if moved == 0 {
            break;
        }
    }
    (assignment, centroids, last_change)
}

/// Each point's nearest centroid by cosine (ties to the lower index), on
/// up to two threads.
fn assign(points: &[Sparse], by_dim: &[f32], k: usize) -> Vec<u32> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(2);
    let chunk = points.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = points
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut scores = vec![0f32; k];
                    part.iter()
                        .map(|p| {
                            scores.iter_mut().for_each(|s| *s = 0.0);
                            for (&d, &v) in p.dims.iter().zip(&p.values) {
                                let row = &by_dim[d as usize * k..(d as usize + 1) * k];
                                for (s, &c) in scores.iter_mut().zip(row) {
                                    *s += v * c;
                                }
                            }
                            let mut best = 0;
                            for (c, &s) in scores.iter().enumerate() {
                                if s > scores[best] {
                                    best = c;
                                }
                            }
                            best as u32
                        })
                        .collect::<Vec<u32>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an assignment thread does not panic"))
            .collect()
    })
}

fn progress_bar(show: bool, steps: u64) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(steps);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} iterations {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("clustering");
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sparse(pairs: &[(u32, f32)]) -> Sparse {
        let mut s = Sparse {
            dims: pairs.iter().map(|p| p.0).collect(),
            values: pairs.iter().map(|p| p.1).collect(),
        };
        to_unit_length(&mut s.values);
        s
    }

    #[test]
    fn kmeans_separates_points_by_direction_whatever_the_seeds() {
        let points = vec![
            sparse(&[(0, 1.0), (1, 0.1)]),
            sparse(&[(0, 0.9), (1, 0.2)]),
            sparse(&[(2, 1.0)]),
            sparse(&[(2, 0.8), (3, 0.3)]),
            sparse(&[(0, 1.0)]),
        ];
        let (assignment, centroids, _) = kmeans(&points, 4, &[0, 1], 10, &ProgressBar::hidden());
        assert_eq!(assignment[0], assignment[1]);
        assert_eq!(assignment[0], assignment[4]);
        assert_eq!(assignment[2], assignment[3]);
        assert_ne!(assignment[0], assignment[2]);
        for c in centroids {
            let norm: f32 = c.iter().map(|v| v * v).sum();
            assert!((norm - 1.0).abs() < 1e-4);
        }
    }

    #[test]
    fn building_twice_writes_the_same_bytes_and_levels_nest() {
        let dir = std::env::temp_dir().join(format!("enricher-clusters-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let corpus = dir.join("corpus.jsonl");
        let mut lines = String::new();
        // Enough distinct words for 1,024 clusters: names and places in varied frames.
        for i in 0..1500 {
            let body = format!(
                "Mr Name{i} said on Monday that Town{} would vote. The w{i} rose {i} percent in Town{i}.",
                i % 40
            );
            lines.push_str(&serde_json::json!({ "body": body }).to_string());
            lines.push('\n');
        }
        std::fs::write(&corpus, lines).unwrap();
        let options = ClusterOptions {
            corpora: vec![corpus],
            min_count: 1,
            contexts: 50,
            iterations: 3,
            progress: false,
        };
        let (a, b) = (dir.join("a.gz"), dir.join("b.gz"));
        let report = run(&options, &a).unwrap();
        run(&options, &b).unwrap();
        assert!(report.words >= 1024);
        let bytes = std::fs::read(&a).unwrap();
        assert_eq!(bytes, std::fs::read(&b).unwrap());
        let table = super::super::clusters::Clusters::from_gzip(&bytes).unwrap();
        assert_eq!(table.len(), report.words);
        // Each fine cluster sits in one cluster of every coarser level.
        let mut parent: FxHashMap<(usize, u32), u32> = FxHashMap::default();
        for (_, ids) in table.iter() {
            for level in 1..MAX_CLASSES {
                let up = *parent.entry((level, ids[level])).or_insert(ids[level - 1]);
                assert_eq!(up, ids[level - 1]);
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn too_small_a_corpus_is_an_error_not_a_panic() {
        let dir =
            std::env::temp_dir().join(format!("enricher-clusters-small-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let corpus = dir.join("corpus.jsonl");
        std::fs::write(&corpus, "{\"body\": \"Only a few words.\"}\n").unwrap();
        let options = ClusterOptions {
            corpora: vec![corpus.clone()],
            min_count: 1,
            contexts: 10,
            iterations: 2,
            progress: false,
        };
        assert!(run(&options, &dir.join("out.gz")).is_err());
        std::fs::write(&corpus, "not json\n").unwrap();
        assert!(run(&options, &dir.join("out.gz")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
