//! `enricher train ner`: the training loop, from CoNLL-2003 files to a model file, with a dev evaluation after each epoch.
//!
//! The first pass is trained on every training document. The second pass
//! learns from the first pass's labels, which must be as wrong on training
//! documents as they will be on new ones, so those labels come from
//! jackknifing: the training documents are cut into folds, and each fold is
//! labelled by a first pass trained on the other folds. The dev file (for
//! settings: `eng.testa`) is labelled by the full first pass.
//!
//! Everything is deterministic for a seed: sentences are shuffled by a
//! seeded generator of our own, weights are integers until averaged,
//! features are interned in corpus order, and the model is written in hash
//! order, so a rerun writes the same bytes.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use rustc_hash::FxHashMap;

use super::EntityTagger;
use super::analysed::AnalysedText;
use super::classes::WordClasses;
use super::clusters::Clusters;
use super::conll::{self, ConllDocument};
use super::evaluate::{EntityScores, evaluate, evaluate_product};
use super::features::{Extractor, group};
use super::labels::{Label, labels_from_spans, spans_from_iob, spans_from_labels};
use super::name_lists::NameLists;
use super::nonlocal::NonLocal;
use super::perceptron::{FeatureMatrix, Perceptron, Scratch, predict};
use super::stage::{Row, Stage};
use crate::entities::EntitiesModule;

/// What to train and how.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The training files (CoNLL: IOB1 as CoNLL-2003's `eng.train`, or
    /// IOB2 as the multilingual data), read one after another.
    pub train: Vec<PathBuf>,
    /// Training files that cross-validation never holds out: read after
    /// `train` when training, and added to every fold's training documents
    /// when cross-validating over `train`'s.
    pub also: Vec<PathBuf>,
    /// Visits per epoch of each sentence of the `train` files (those of
    /// `also` are visited once): more than 1 weighs a small gold file above
    /// the silver data beside it. Repeats are extra visits of the same
    /// sentence, so they stay in their document's fold.
    pub train_visits: usize,
    /// The language the tagger is for (ISO 639-1): decides which scripts'
    /// GeoNames names the name lists take ([`NameLists::build`]).
    pub language: String,
    /// The file scored after each epoch and at the end: `eng.testa`.
    pub dev: PathBuf,
    /// The GeoNames folder for the gazetteer (`shared/data/geonames`).
    pub geonames: PathBuf,
    /// The word clusters (`models/clusters.tsv.gz`), read when
    /// [`group::CLASSES`] is on; the model must run with the same table.
    pub clusters: PathBuf,
    /// Entity data in other languages (`LANG/*.train.conll`) to list people
    /// and organisations from, beside the GeoNames places; none when `None`.
    pub names: Option<PathBuf>,
    /// Passes over the training data, for each pass of the tagger.
    pub epochs: usize,
    /// The seed of the sentence shuffles.
    pub seed: u64,
    /// Folds for the jackknifed first-pass labels the second pass learns from.
    pub folds: usize,
    /// Feature groups ([`group`] bits); without [`group::NON_LOCAL`] the
    /// tagger has one pass.
    pub groups: u32,
    /// Features whose averaged weights are all smaller than this are dropped.
    pub min_weight: f32,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

/// Dev scores after one epoch.
#[derive(Debug, Clone)]
pub struct EpochScore {
    /// The tagger's pass, 1 or 2.
    pub pass: usize,
    /// The epoch, from 1.
    pub epoch: usize,
    /// Overall F1 on the dev file, in percent.
    pub f1: f64,
}

/// A trained tagger and how it did.
pub struct TrainOutcome {
    /// The model file's bytes.
    pub model: Vec<u8>,
    /// The tagger read back from them.
    pub tagger: EntityTagger,
    /// Dev F1 after each epoch of each pass.
    pub epochs: Vec<EpochScore>,
    /// The final tagger's dev scores, tagged from the model bytes.
    pub dev: EntityScores,
    /// Training time.
    pub elapsed: Duration,
}

/// Trains a tagger as `options` say.
pub fn train(options: &TrainOptions) -> anyhow::Result<TrainOutcome> {
    let started = Instant::now();
    let mut train_docs = read_all(&options.train)?;
    let repeated = train_docs.len();
    for path in &options.also {
        train_docs.extend(conll::read(path)?);
    }
    let dev_docs = conll::read(&options.dev)?;
    let resources = Resources::load(options)?;
    let mut outcome = train_on(&train_docs, repeated, &dev_docs, &resources, options)?;
    outcome.elapsed = started.elapsed();
    Ok(outcome)
}

/// The name lists and word classes a training run reads, loaded once.
pub struct Resources {
    gazetteer: NameLists,
    classes: Option<Arc<dyn WordClasses>>,
}

impl Resources {
    /// Loads what the feature groups of `options` need.
    pub fn load(options: &TrainOptions) -> anyhow::Result<Resources> {
        let gazetteer = if options.groups & group::GAZETTEER != 0 {
            NameLists::build(
                &options.geonames,
                options.names.as_deref(),
                &options.language,
            )
            .with_context(|| {
                format!(
                    "building the name lists from {}",
                    options.geonames.display()
                )
            })?
        } else {
            NameLists::default()
        };
        let classes: Option<Arc<dyn WordClasses>> = if options.groups & group::CLASSES != 0 {
            let bytes = std::fs::read(&options.clusters)
                .with_context(|| format!("cannot read {}", options.clusters.display()))?;
            let table = Clusters::from_gzip(&bytes)
                .with_context(|| format!("reading {}", options.clusters.display()))?;
            Some(Arc::new(table))
        } else {
            None
        };
        Ok(Resources { gazetteer, classes })
    }
}

/// One cross-validation fold's score: trained on the other folds.
#[derive(Debug, Clone)]
pub struct FoldScore {
    /// The fold, from 1.
    pub fold: usize,
    /// Overall F1 on the fold's documents, in percent.
    pub f1: f64,
    /// Scores per type on the fold.
    pub scores: EntityScores,
    /// The same tagger on the product's path (the fold's documents as text
    /// through the `entities` module: see [`evaluate_product`]).
    pub product: EntityScores,
}

/// K-fold cross-validation over the documents of `options.train` (document
/// `i` in fold `i % k`): each fold scored by a tagger trained, exactly as
/// [`train`] trains, on the other folds and the documents of `options.also`.
/// `options.dev` is not read.
pub fn cross_validate(
    options: &TrainOptions,
    k: usize,
    mut after_fold: impl FnMut(&FoldScore),
) -> anyhow::Result<Vec<FoldScore>> {
    anyhow::ensure!(k >= 2, "cross-validation needs at least 2 folds");
    let docs = read_all(&options.train)?;
    anyhow::ensure!(
        docs.len() >= k,
        "the training files hold {} documents, fewer than {k} folds",
        docs.len()
    );
    let mut always = Vec::new();
    for path in &options.also {
        always.extend(conll::read(path)?);
    }
    let resources = Resources::load(options)?;
    let quiet = TrainOptions {
        progress: false,
        ..options.clone()
    };
    let mut scores = Vec::with_capacity(k);
    for fold in 0..k {
        let (held, rest): (Vec<_>, Vec<_>) = docs
            .iter()
            .enumerate()
            .partition(|(index, _)| index % k == fold);
        let held: Vec<ConllDocument> = held.into_iter().map(|(_, d)| d.clone()).collect();
        let rest: Vec<ConllDocument> = rest
            .into_iter()
            .map(|(_, d)| d.clone())
            .chain(always.iter().cloned())
            .collect();
        let repeated = rest.len() - always.len();
        let outcome = train_on(&rest, repeated, &held, &resources, &quiet)?;
        let product = evaluate_product(
            &held,
            &EntitiesModule::with_tagger(&outcome.tagger),
            &options.language,
        );
        let score = FoldScore {
            fold: fold + 1,
            f1: outcome.dev.overall.f1(),
            scores: outcome.dev,
            product,
        };
        after_fold(&score);
        scores.push(score);
    }
    Ok(scores)
}

/// The documents of every file in `paths`, in order; an error when there are none.
pub fn read_all(paths: &[PathBuf]) -> anyhow::Result<Vec<ConllDocument>> {
    let mut documents = Vec::new();
    for path in paths {
        documents.extend(conll::read(path)?);
    }
    anyhow::ensure!(
        !documents.is_empty(),
        "the training files ({}) hold no documents",
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(documents)
}

/// Trains on `train_docs`, scoring `dev_docs` after each epoch and at the end.
/// The sentences of the first `repeated` documents (the `train` files') are
/// visited `options.train_visits` times per epoch.
fn train_on(
    train_docs: &[ConllDocument],
    repeated: usize,
    dev_docs: &[ConllDocument],
    resources: &Resources,
    options: &TrainOptions,
) -> anyhow::Result<TrainOutcome> {
    let started = Instant::now();
    let gazetteer = resources.gazetteer.clone();
    let classes = resources.classes.clone();
    let train_set = Corpus::new(train_docs, &gazetteer, classes.as_deref());
    let dev_set = Corpus::new(dev_docs, &gazetteer, classes.as_deref());
    let two_pass = options.groups & group::NON_LOCAL != 0;
    let folds = options.folds.max(2);
    let total_epochs = options.epochs * if two_pass { folds + 2 } else { 1 };
    let bar = progress_bar(options.progress, total_epochs);

    let first_groups = options.groups & !group::NON_LOCAL;
    let mut first_features = Interner::default();
    let train_first = train_set.features(
        Extractor::new(first_groups),
        None,
        &mut first_features,
        true,
    );
    let dev_first = dev_set.features(
        Extractor::new(first_groups),
        None,
        &mut first_features,
        false,
    );
    let mut epochs = Vec::new();
    let all_sentences = visits(&train_set.sentence_doc, repeated, options.train_visits);

    let mut jackknifed = Vec::new();
    if two_pass {
        let mut labels = vec![0; train_set.gold.len()];
        for fold in 0..folds {
            bar.set_message(format!("first pass, fold {}/{folds}", fold + 1));
            let training = outside_fold(&all_sentences, &train_set.sentence_doc, folds, fold);
            let perceptron = run_epochs(
                &train_first,
                &train_set,
                &training,
                first_features.len(),
                options,
                |_, _| bar.inc(1),
            );
            let (rows, transitions) = perceptron.averaged();
            let mut scratch = Scratch::default();
            let mut out = Vec::new();
            for (s, range) in train_set.sentences.iter().enumerate() {
                if train_set.sentence_doc[s] % folds == fold {
                    predict(
                        &rows,
                        &transitions,
                        &train_first,
                        range.clone(),
                        &mut scratch,
                        &mut out,
                    );
                    labels[range.clone()].copy_from_slice(&out);
                }
            }
        }
        jackknifed = train_set.nonlocal(&labels);
    }

    bar.set_message("first pass");
    let first = run_epochs(
        &train_first,
        &train_set,
        &all_sentences,
        first_features.len(),
        options,
        |epoch, p| {
            let f1 = dev_set.score_dense(p, &dev_first).overall.f1();
            epochs.push(EpochScore { pass: 1, epoch, f1 });
            bar.set_message(format!("first pass, dev F1 {f1:.2}"));
            bar.inc(1);
        },
    );
    let (first_rows, first_transitions) = first.averaged();
    let mut stages = vec![first_features.stage(
        first_groups,
        &first_rows,
        first_transitions,
        options.min_weight,
    )];

    if two_pass {
        let dev_labels = dev_set.predict_dense(&first_rows, &first_transitions, &dev_first);
        let dev_nonlocal = dev_set.nonlocal(&dev_labels);
        let mut second_features = Interner::default();
        let extractor = Extractor::new(options.groups);
        let train_second =
            train_set.features(extractor, Some(&jackknifed), &mut second_features, true);
        let dev_second =
            dev_set.features(extractor, Some(&dev_nonlocal), &mut second_features, false);
        bar.set_message("second pass");
        let second = run_epochs(
            &train_second,
            &train_set,
            &all_sentences,
            second_features.len(),
            options,
            |epoch, p| {
                let f1 = dev_set.score_dense(p, &dev_second).overall.f1();
                epochs.push(EpochScore { pass: 2, epoch, f1 });
                bar.set_message(format!("second pass, dev F1 {f1:.2}"));
                bar.inc(1);
            },
        );
        let (rows, transitions) = second.averaged();
        stages.push(second_features.stage(options.groups, &rows, transitions, options.min_weight));
    }
    bar.finish_and_clear();

    let model = super::model::write(&gazetteer, &stages.iter().collect::<Vec<_>>());
    let mut tagger = EntityTagger::from_bytes(&model)?;
    if let Some(classes) = classes {
        tagger = tagger.with_classes(classes);
    }
    let dev = evaluate(dev_docs, &tagger).scores;
    Ok(TrainOutcome {
        model,
        tagger,
        epochs,
        dev,
        elapsed: started.elapsed(),
    })
}

/// The sentences one epoch visits, by index: each sentence of the first
/// `repeated` documents `times` times (at least once), every other sentence
/// once. Shuffled before each epoch, so the repeats are spread over it.
fn visits(sentence_doc: &[usize], repeated: usize, times: usize) -> Vec<usize> {
    let mut sentences = Vec::with_capacity(sentence_doc.len());
    for (s, &doc) in sentence_doc.iter().enumerate() {
        let n = if doc < repeated { times.max(1) } else { 1 };
        sentences.extend(std::iter::repeat_n(s, n));
    }
    sentences
}

/// The visits of `sentences` whose documents are not in jackknife fold
/// `fold` of `folds` (document `d` in fold `d % folds`): what the first pass
/// that labels that fold trains on. All repeats of a sentence share its
/// document, so they are kept or left out together.
fn outside_fold(
    sentences: &[usize],
    sentence_doc: &[usize],
    folds: usize,
    fold: usize,
) -> Vec<usize> {
    sentences
        .iter()
        .copied()
        .filter(|&s| sentence_doc[s] % folds != fold)
        .collect()
}

fn progress_bar(show: bool, length: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} epochs {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Trains a perceptron on `sentences` of `corpus` for the configured
/// epochs, calling `after_epoch` with the epoch number (from 1) and the
/// weights so far.
fn run_epochs(
    features: &FeatureMatrix,
    corpus: &Corpus,
    sentences: &[usize],
    feature_count: usize,
    options: &TrainOptions,
    mut after_epoch: impl FnMut(usize, &Perceptron),
) -> Perceptron {
    let mut perceptron = Perceptron::new(feature_count);
    let mut scratch = Scratch::default();
    let mut order = sentences.to_vec();
    let mut rng = SplitMix64(options.seed);
    for epoch in 1..=options.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let range = corpus.sentences[s].clone();
            perceptron.learn(features, range.clone(), &corpus.gold[range], &mut scratch);
        }
        after_epoch(epoch, &perceptron);
    }
    perceptron
}

/// Documents prepared for training: analysed, with their gold labels, all
/// tokens numbered across documents.
struct Corpus {
    docs: Vec<AnalysedText>,
    /// Where each document's tokens start in the global numbering.
    doc_starts: Vec<usize>,
    /// Each sentence's global token range.
    sentences: Vec<Range<usize>>,
    /// Each sentence's document.
    sentence_doc: Vec<usize>,
    /// Gold BIO labels, globally numbered.
    gold: Vec<Label>,
}

impl Corpus {
    fn new(
        documents: &[ConllDocument],
        gazetteer: &NameLists,
        classes: Option<&dyn WordClasses>,
    ) -> Self {
        let mut corpus = Corpus {
            docs: Vec::with_capacity(documents.len()),
            doc_starts: Vec::with_capacity(documents.len()),
            sentences: Vec::new(),
            sentence_doc: Vec::new(),
            gold: Vec::new(),
        };
        for (d, document) in documents.iter().enumerate() {
            let words: Vec<Vec<&str>> = document
                .sentences
                .iter()
                .map(|s| s.iter().map(|t| t.word.as_str()).collect())
                .collect();
            corpus.doc_starts.push(corpus.gold.len());
            for sentence in &document.sentences {
                let tags: Vec<&str> = sentence.iter().map(|t| t.tag.as_str()).collect();
                let start = corpus.gold.len();
                corpus
                    .gold
                    .extend(labels_from_spans(&spans_from_iob(&tags), tags.len()));
                corpus.sentences.push(start..corpus.gold.len());
                corpus.sentence_doc.push(d);
            }
            corpus
                .docs
                .push(AnalysedText::new(&words, gazetteer, classes));
        }
        corpus
    }

    /// Every token's features, interned in `interner` (adding new features
    /// only when `grow`; unknown ones are dropped, as at run time).
    fn features(
        &self,
        extractor: Extractor,
        first_pass: Option<&[NonLocal]>,
        interner: &mut Interner,
        grow: bool,
    ) -> FeatureMatrix {
        let mut matrix = FeatureMatrix::new();
        let mut hashes = Vec::new();
        for (d, doc) in self.docs.iter().enumerate() {
            let nonlocal = first_pass.and_then(|p| p.get(d));
            for (sentence, &headline) in doc.sentences.iter().zip(&doc.headline) {
                for at in sentence.clone() {
                    hashes.clear();
                    extractor.all_features(doc, sentence, at, headline, nonlocal, &mut |f| {
                        hashes.push(f)
                    });
                    matrix.push(hashes.iter().filter_map(|&h| interner.id(h, grow)));
                }
            }
        }
        matrix
    }

    /// The first-pass evidence of globally numbered `labels`, per document.
    fn nonlocal(&self, labels: &[Label]) -> Vec<NonLocal> {
        self.docs
            .iter()
            .zip(&self.doc_starts)
            .map(|(doc, &start)| {
                NonLocal::new(doc, labels[start..start + doc.tokens.len()].to_vec())
            })
            .collect()
    }

    fn predict_dense(
        &self,
        rows: &[Row],
        transitions: &super::decode::Transitions,
        features: &FeatureMatrix,
    ) -> Vec<Label> {
        let mut labels = vec![0; self.gold.len()];
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        for range in &self.sentences {
            predict(
                rows,
                transitions,
                features,
                range.clone(),
                &mut scratch,
                &mut out,
            );
            labels[range.clone()].copy_from_slice(&out);
        }
        labels
    }

    /// The scores of `perceptron`'s averaged weights on this corpus.
    fn score_dense(&self, perceptron: &Perceptron, features: &FeatureMatrix) -> EntityScores {
        let (rows, transitions) = perceptron.averaged();
        let labels = self.predict_dense(&rows, &transitions, features);
        let mut scores = EntityScores::default();
        for range in &self.sentences {
            scores.add(
                &spans_from_labels(&self.gold[range.clone()]),
                &spans_from_labels(&labels[range.clone()]),
            );
        }
        scores
    }
}

/// Feature hashes numbered in order of first sight.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<u64, u32>,
    keys: Vec<u64>,
}

impl Interner {
    fn id(&mut self, key: u64, grow: bool) -> Option<u32> {
        if let Some(&id) = self.ids.get(&key) {
            return Some(id);
        }
        if !grow {
            return None;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key, id);
        self.keys.push(key);
        Some(id)
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    /// A run-time pass of the features whose weights matter.
    fn stage(
        &self,
        groups: u32,
        rows: &[Row],
        transitions: super::decode::Transitions,
        min_weight: f32,
    ) -> Stage {
        let features = self
            .keys
            .iter()
            .zip(rows)
            .filter(|(_, row)| row.iter().any(|w| w.abs() >= min_weight && *w != 0.0))
            .map(|(&key, row)| (key, *row))
            .collect();
        Stage::new(groups, features, transitions)
    }
}

/// SplitMix64: a tiny generator whose sequence for a seed never changes
/// with a crate upgrade, so shuffles (and models) are reproducible.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Fisher-Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_leading_documents_sentences_are_visited_more_than_once() {
        // Sentences 0-1 in document 0, 2 in document 1 (both from --train), 3-4 in document 2 (--also).
        let sentence_doc = [0, 0, 1, 2, 2];
        assert_eq!(
            visits(&sentence_doc, 2, 3),
            [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 4]
        );
        assert_eq!(visits(&sentence_doc, 2, 1), [0, 1, 2, 3, 4]);
        assert_eq!(visits(&sentence_doc, 2, 0), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_held_out_documents_repeats_are_all_held_out_of_the_jackknife() {
        // Documents 0-3 from --train (2 visits each), 4 from --also.
        let sentence_doc = [0, 1, 1, 2, 3, 4];
        let all = visits(&sentence_doc, 4, 2);
        let folds = 2;
        for fold in 0..folds {
            let training = outside_fold(&all, &sentence_doc, folds, fold);
            for (s, &doc) in sentence_doc.iter().enumerate() {
                let copies = training.iter().filter(|&&t| t == s).count();
                let expected = match (doc % folds == fold, doc < 4) {
                    (true, _) => 0,
                    (false, true) => 2,
                    (false, false) => 1,
                };
                assert_eq!(copies, expected, "sentence {s}, fold {fold}");
            }
        }
    }
}
