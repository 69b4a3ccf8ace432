//! `enricher eval topics`: how the seventeen-topic classifier generalises. Leave-one-source-out accuracy (train on every source but one, test on it) for each candidate setting, BBC k-fold accuracy with every other source in training, per-class recall, the calibration table of the committed settings, and the committed examples with the embedded model.
//!
//! A held-out source is read as articles are (title and text); its items
//! take no part in training, in the temperature fitted for the calibration
//! table or in anything else of its fold. The lexicon is the same in every
//! fold (built from the taxonomy, with document frequencies of the BBC texts,
//! which use no label). Accuracy is top-1 over all items of the source,
//! also for classes no other source has (which a held-out source can then
//! only get from the cue words).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use serde::Deserialize;

use enricher_nlp::document::{Article, Document};
use enricher_nlp::entities::EntitiesModule;
use enricher_nlp::pipeline::Module;
use enricher_nlp::topics::TopicClassifier;
use enricher_nlp::topics::linear::{self, Learner};
use enricher_nlp::topics::train::{self, BBC, Calibration, Corpus, Weighting};

/// The temperatures the calibration tries.
const TEMPERATURES: [f32; 16] = [
    0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.4, 1.7, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0,
];
/// The upper edges of the calibration table's score bands.
const BANDS: [f32; 10] = [0.1, 0.125, 0.15, 0.2, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0];

/// One setting `eval topics` compares.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub weighting: Weighting,
    pub lexicon: bool,
    pub epochs: usize,
}

impl Candidate {
    fn name(&self) -> String {
        format!(
            "source^{} class^{}{}, {} epochs",
            self.weighting.source_power,
            self.weighting.class_power,
            if self.lexicon { " + lexicon" } else { "" },
            self.epochs
        )
    }

    fn learner(&self) -> Learner {
        Learner {
            lexicon: self.lexicon,
            epochs: self.epochs,
            ..train::DEFAULT_LEARNER
        }
    }
}

/// The candidates: the committed one first, then others differing in one setting.
fn candidates() -> Vec<Candidate> {
    let committed = Candidate {
        weighting: Weighting::default(),
        lexicon: train::DEFAULT_LEARNER.lexicon,
        epochs: train::DEFAULT_LEARNER.epochs,
    };
    let weighting = |source_power, class_power| Candidate {
        weighting: Weighting {
            source_power,
            class_power,
        },
        ..committed
    };
    let mut list = vec![committed];
    for candidate in [
        weighting(1.0, 1.0),
        weighting(0.5, 0.5),
        weighting(0.0, 0.0),
        weighting(0.0, 0.5),
        weighting(0.0, 1.0),
        Candidate {
            lexicon: !committed.lexicon,
            ..committed
        },
        Candidate {
            epochs: 10,
            ..committed
        },
        Candidate {
            epochs: 40,
            ..committed
        },
    ] {
        let same = candidate.weighting == committed.weighting
            && candidate.lexicon == committed.lexicon
            && candidate.epochs == committed.epochs;
        if !same {
            list.push(candidate);
        }
    }
    list
}

/// One committed example: a short news text and the top-level topic it is about.
#[derive(Debug, Clone, Deserialize)]
pub struct TopicExample {
    /// The expected top-level topic, `medtop:NNNNNNNN`.
    pub topic: String,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
}

/// Reads `examples.jsonl`.
pub fn read_examples(path: &Path) -> anyhow::Result<Vec<TopicExample>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{} line {}: not an example", path.display(), n + 1))
        })
        .collect()
}

/// The outcome of one example under a classifier.
#[derive(Debug, Clone)]
pub struct ExampleOutcome {
    pub expected: String,
    /// The first top-level topic's code, if any.
    pub got: Option<String>,
    /// Where the expected topic ranks among the top-level topics (1-based), if listed.
    pub rank: Option<usize>,
    pub snippet: String,
}

/// The entities the pipeline's `entities` module finds in `text`.
fn entities_of(
    module: &EntitiesModule,
    title: Option<&str>,
    text: &str,
) -> Vec<enricher_nlp::entities::Entity> {
    let mut doc = Document::new(Article {
        title: title.map(str::to_owned),
        text: text.to_owned(),
        ..Default::default()
    });
    match module.process(&mut doc) {
        Ok(()) => doc.enrichments.entities.unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// Classifies every example with `classifier` (with entities).
pub fn run_examples(
    classifier: &TopicClassifier,
    examples: &[TopicExample],
) -> Vec<ExampleOutcome> {
    let module = EntitiesModule::default();
    examples
        .iter()
        .map(|example| {
            let entities = entities_of(&module, example.title.as_deref(), &example.text);
            let topics = classifier.classify(example.title.as_deref(), &example.text, &entities);
            let tops: Vec<&str> = topics
                .iter()
                .filter(|t| t.level == 1)
                .map(|t| t.code.as_str())
                .collect();
            ExampleOutcome {
                expected: example.topic.clone(),
                got: tops.first().map(|s| s.to_string()),
                rank: tops.iter().position(|c| *c == example.topic).map(|r| r + 1),
                snippet: example.text.chars().take(60).collect(),
            }
        })
        .collect()
}

/// Correct and total.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    pub correct: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.correct += usize::from(right);
        self.total += 1;
    }

    /// Correct over total (0 for none).
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

/// One held-out prediction: the item, its raw logits.
struct Prediction {
    item: usize,
    logits: Vec<f32>,
}

/// One candidate's results.
pub struct CandidateScore {
    pub name: String,
    /// Leave-one-source-out accuracy per source, in the corpus's source order.
    pub by_source: Vec<Tally>,
    /// BBC k-fold accuracy with every other source in training.
    pub bbc_cv: Tally,
    /// The same models on each BBC article's title and first paragraph only.
    pub bbc_cv_lead: Tally,
    /// Leave-one-source-out recall per class, all sources pooled.
    pub recall: Vec<Tally>,
    /// Per source, held-out predictions scored as a four-desk wire set.
    pub wire_style: Vec<Tally>,
}

impl CandidateScore {
    /// The mean of the per-source accuracies.
    pub fn mean(&self) -> f64 {
        let n = self.by_source.len().max(1) as f64;
        self.by_source.iter().map(Tally::accuracy).sum::<f64>() / n
    }
}

/// A row of the calibration table.
pub struct Band {
    pub upper: f32,
    /// Share of held-out items (each source weighing the same).
    pub share: f64,
    pub mean_score: f64,
    pub accuracy: f64,
    pub items: usize,
}

/// A row of the per-class recall table.
pub struct ClassRecall {
    pub label: String,
    /// Per source: (right, items) of the class.
    pub by_source: Vec<Tally>,
    pub all: Tally,
    /// The most frequent wrong answer and how often.
    pub confused_with: Option<(String, usize)>,
}

/// Everything `enricher eval topics` prints.
pub struct TopicsReport {
    pub sources: Vec<(String, usize)>,
    pub folds: usize,
    pub seed: u64,
    pub candidates: Vec<CandidateScore>,
    pub recall: Vec<ClassRecall>,
    pub temperature: f32,
    pub committed: Calibration,
    pub bands: Vec<Band>,
    /// Share (sources equal) and accuracy of the held-out items the committed
    /// `min_score` leaves without a topic.
    pub abstained: (f64, f64),
    pub examples: Vec<ExampleOutcome>,
    pub micros_per_article: f64,
    pub mean_chars: f64,
    pub micros_near_3000: f64,
    pub count_near_3000: usize,
}

fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = i;
        }
    }
    best
}

/// Runs every candidate, then the committed one's recall and calibration,
/// then the examples and the timing with the embedded model.
pub fn run(
    bbc: &Path,
    iptc: &Path,
    topics: &Path,
    examples: &Path,
    folds: usize,
    seed: u64,
) -> anyhow::Result<TopicsReport> {
    let corpus = Corpus::load(bbc, iptc, topics)?;
    let sources = corpus.sources.clone();
    let source_of: Vec<usize> = corpus
        .items
        .iter()
        .map(|i| sources.iter().position(|s| *s == i.source).unwrap_or(0))
        .collect();
    let bbc_items: Vec<usize> = (0..corpus.items.len())
        .filter(|&i| corpus.items[i].source == BBC)
        .collect();
    let fold_of = train::folds(bbc_items.len(), folds, seed);
    let mut bbc_fold = vec![usize::MAX; corpus.items.len()];
    for (k, &i) in bbc_items.iter().enumerate() {
        bbc_fold[i] = fold_of[k];
    }
    let candidates = candidates();
    let steps = candidates.len() * (sources.len() + folds);
    let bar = crate::lab::progress::counter(steps, "models");
    let mut scores = Vec::new();
    let mut committed_predictions: Vec<Prediction> = Vec::new();
    for (c, candidate) in candidates.iter().enumerate() {
        bar.set_message(format!("setting {}", c + 1));
        let mut by_source = vec![Tally::default(); sources.len()];
        let mut recall = vec![Tally::default(); corpus.classes.len()];
        let mut predictions: Vec<Prediction> = Vec::new();
        for (s, tally) in by_source.iter_mut().enumerate() {
            let model = corpus.model(candidate.learner(), candidate.weighting, &|i| {
                source_of[i] != s
            });
            for i in (0..corpus.items.len()).filter(|&i| source_of[i] == s) {
                let logits = corpus.logits(&model, i);
                let item = &corpus.items[i];
                let right = item.is_right(argmax(&logits));
                tally.add(right);
                recall[item.class].add(right);
                predictions.push(Prediction { item: i, logits });
            }
            bar.inc(1);
        }
        let mut bbc_cv = Tally::default();
        let mut bbc_cv_lead = Tally::default();
        for fold in 0..folds {
            let model = corpus.model(candidate.learner(), candidate.weighting, &|i| {
                bbc_fold[i] != fold
            });
            for &i in bbc_items.iter().filter(|&&i| bbc_fold[i] == fold) {
                let item = &corpus.items[i];
                bbc_cv.add(item.is_right(argmax(&corpus.logits(&model, i))));
                let lead = enricher_nlp::topics::article_terms(
                    Some(&item.title),
                    item.body.split("\n\n").next().unwrap_or_default(),
                );
                let logits = model.logits(&lead, &corpus.top_evidence(&lead));
                bbc_cv_lead.add(item.is_right(argmax(&logits)));
            }
            bar.inc(1);
        }
        scores.push(CandidateScore {
            name: candidate.name(),
            by_source,
            bbc_cv,
            bbc_cv_lead,
            recall,
            wire_style: wire_style(&corpus, &source_of, &predictions),
        });
        if c == 0 {
            committed_predictions = predictions;
        }
    }
    bar.finish_and_clear();

    let recall = class_recall(&corpus, &source_of, &committed_predictions);
    let per_source: Vec<f32> = sources
        .iter()
        .enumerate()
        .map(|(s, _)| 1.0 / source_of.iter().filter(|&&x| x == s).count().max(1) as f32)
        .collect();
    let weighted: Vec<(Vec<f32>, u32, f32)> = committed_predictions
        .iter()
        .map(|p| {
            (
                p.logits.clone(),
                corpus.items[p.item].allowed(),
                per_source[source_of[p.item]],
            )
        })
        .collect();
    let temperature = train::fit_temperature(&weighted, &TEMPERATURES);
    let committed = train::DEFAULT_CALIBRATION;
    let (bands, abstained) = calibration(&weighted, committed);

    let embedded = TopicClassifier::embedded();
    let examples = run_examples(embedded, &read_examples(examples)?);
    let articles: Vec<&train::Labelled> = bbc_items.iter().map(|&i| &corpus.items[i]).collect();
    let (micros_per_article, _) = time_classify(embedded, articles.iter().copied());
    let chars: usize = articles
        .iter()
        .map(|a| a.title.chars().count() + a.body.chars().count())
        .sum();
    let near = |a: &&train::Labelled| (2_500..=3_500).contains(&a.body.chars().count());
    let (micros_near_3000, count_near_3000) =
        time_classify(embedded, articles.iter().copied().filter(near));
    Ok(TopicsReport {
        sources: sources
            .iter()
            .enumerate()
            .map(|(s, name)| (name.clone(), source_of.iter().filter(|&&x| x == s).count()))
            .collect(),
        folds,
        seed,
        candidates: scores,
        recall,
        temperature,
        committed,
        bands,
        abstained,
        examples,
        micros_per_article,
        mean_chars: chars as f64 / articles.len().max(1) as f64,
        micros_near_3000,
        count_near_3000,
    })
}

/// The topics a four-desk wire set's "world" desk covers: any hard-news topic
/// counts as right for another (politics, conflict, crime, disaster,
/// society, environment, labour, weather, religion, human interest).
const HARD_NEWS: [&str; 10] = [
    "medtop:11000000",
    "medtop:16000000",
    "medtop:02000000",
    "medtop:03000000",
    "medtop:14000000",
    "medtop:06000000",
    "medtop:09000000",
    "medtop:17000000",
    "medtop:12000000",
    "medtop:08000000",
];
/// The desks such a set has besides "world": economy, science and technology, sport.
const WIRE_DESKS: [&str; 3] = ["medtop:04000000", "medtop:13000000", "medtop:15000000"];

/// Held-out predictions per source scored as a four-desk wire set is
/// (world, business, science and technology, sport): an item of a desk topic
/// is right with that topic, an item of a hard-news topic with any hard-news
/// topic, and items of other topics (arts, health, lifestyle, education),
/// which such a set has no desk for, are left out. Abstentions (best score
/// below `min_score`) count as wrong.
fn wire_style(corpus: &Corpus, source_of: &[usize], predictions: &[Prediction]) -> Vec<Tally> {
    let code = |class: usize| corpus.nodes[corpus.classes[class] as usize].code.as_str();
    let calibration = train::DEFAULT_CALIBRATION;
    let mut tallies = vec![Tally::default(); corpus.sources.len()];
    for p in predictions {
        let item = &corpus.items[p.item];
        let expected = code(item.class);
        let hard = HARD_NEWS.contains(&expected);
        if !hard && !WIRE_DESKS.contains(&expected) {
            continue;
        }
        let scores = linear::softmax(&p.logits, calibration.temperature);
        let best = argmax(&scores);
        let got = code(best);
        let right = scores[best] >= calibration.min_score
            && (item.is_right(best) || (hard && HARD_NEWS.contains(&got)));
        tallies[source_of[p.item]].add(right);
    }
    tallies
}

/// Per-class recall of held-out predictions, per source and pooled.
fn class_recall(
    corpus: &Corpus,
    source_of: &[usize],
    predictions: &[Prediction],
) -> Vec<ClassRecall> {
    let label = |class: usize| corpus.nodes[corpus.classes[class] as usize].label.clone();
    let mut rows: Vec<ClassRecall> = (0..corpus.classes.len())
        .map(|c| ClassRecall {
            label: label(c),
            by_source: vec![Tally::default(); corpus.sources.len()],
            all: Tally::default(),
            confused_with: None,
        })
        .collect();
    let mut wrong: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); corpus.classes.len()];
    for p in predictions {
        let item = &corpus.items[p.item];
        let class = item.class;
        let got = argmax(&p.logits);
        let right = item.is_right(got);
        rows[class].by_source[source_of[p.item]].add(right);
        rows[class].all.add(right);
        if !right {
            *wrong[class].entry(got).or_insert(0) += 1;
        }
    }
    for (row, wrong) in rows.iter_mut().zip(wrong) {
        row.confused_with = wrong
            .into_iter()
            .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
            .map(|(c, n)| (label(c), n));
    }
    rows
}

/// The calibration table of `predictions` (logits, class, weight) under
/// `calibration`, and the share and accuracy of those below its `min_score`.
fn calibration(
    predictions: &[(Vec<f32>, u32, f32)],
    calibration: Calibration,
) -> (Vec<Band>, (f64, f64)) {
    let mut sums = vec![(0f64, 0f64, 0f64, 0usize); BANDS.len()];
    let (mut total, mut below, mut below_right) = (0f64, 0f64, 0f64);
    for (logits, allowed, weight) in predictions {
        let p = linear::softmax(logits, calibration.temperature);
        let best = argmax(&p);
        let score = p[best];
        let w = f64::from(*weight);
        let right = if allowed >> best & 1 == 1 { w } else { 0.0 };
        total += w;
        if score < calibration.min_score {
            below += w;
            below_right += right;
        }
        let band = BANDS
            .iter()
            .position(|&u| score < u)
            .unwrap_or(BANDS.len() - 1);
        let s = &mut sums[band];
        s.0 += w;
        s.1 += w * f64::from(score);
        s.2 += right;
        s.3 += 1;
    }
    let bands = BANDS
        .iter()
        .zip(sums)
        .map(|(&upper, (w, score, right, items))| Band {
            upper,
            share: if total > 0.0 { w / total } else { 0.0 },
            mean_score: if w > 0.0 { score / w } else { 0.0 },
            accuracy: if w > 0.0 { right / w } else { 0.0 },
            items,
        })
        .collect();
    let share = if total > 0.0 { below / total } else { 0.0 };
    let accuracy = if below > 0.0 {
        below_right / below
    } else {
        0.0
    };
    (bands, (share, accuracy))
}

/// Mean microseconds of `classify` (without entities) over `articles`, best
/// of three passes, and the number of articles.
fn time_classify<'a>(
    classifier: &TopicClassifier,
    articles: impl Iterator<Item = &'a train::Labelled> + Clone,
) -> (f64, usize) {
    let count = articles.clone().count();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = Instant::now();
        for article in articles.clone() {
            std::hint::black_box(classifier.classify(Some(&article.title), &article.body, &[]));
        }
        best = best.min(started.elapsed().as_secs_f64() * 1e6 / count.max(1) as f64);
    }
    (best, count)
}

impl fmt::Display for TopicsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Leave-one-source-out top-1 accuracy (train on the other sources, test on the source), \
             and BBC {}-fold accuracy (seed {}) with every other source in training",
            self.folds, self.seed
        )?;
        write!(f, "{:<42}", "setting")?;
        for (source, n) in &self.sources {
            write!(f, " {:>16}", format!("{source} ({n})"))?;
        }
        writeln!(f, " {:>7} {:>8} {:>9}", "mean", "BBC CV", "BBC lead")?;
        for (i, c) in self.candidates.iter().enumerate() {
            let mark = if i == 0 { " *" } else { "" };
            write!(f, "{:<42}", format!("{}{mark}", c.name))?;
            for t in &c.by_source {
                write!(f, " {:>16.3}", t.accuracy())?;
            }
            writeln!(
                f,
                " {:>7.3} {:>8.3} {:>9.3}",
                c.mean(),
                c.bbc_cv.accuracy(),
                c.bbc_cv_lead.accuracy()
            )?;
        }
        writeln!(
            f,
            "(* the committed settings; mean: of the sources; BBC lead: the same BBC models on each article's title and first paragraph)\n"
        )?;

        writeln!(
            f,
            "Leave-one-source-out recall per class (all sources pooled), by setting"
        )?;
        write!(f, "{:<42}", "setting")?;
        for row in &self.recall {
            let slug = enricher_nlp::topics::slug(&row.label);
            write!(f, " {:>6}", slug.chars().take(6).collect::<String>())?;
        }
        writeln!(f)?;
        for c in &self.candidates {
            write!(f, "{:<42}", c.name)?;
            for t in &c.recall {
                write!(f, " {:>6.2}", t.accuracy())?;
            }
            writeln!(f)?;
        }
        writeln!(f)?;

        writeln!(
            f,
            "Per-class recall of the committed settings, each source held out"
        )?;
        write!(f, "{:<42} {:>12}", "topic", "all")?;
        for (source, _) in &self.sources {
            write!(f, " {:>9}", source)?;
        }
        writeln!(f, "  most often taken for")?;
        for row in &self.recall {
            write!(
                f,
                "{:<42} {:>12}",
                row.label,
                format!("{:.3} ({})", row.all.accuracy(), row.all.total)
            )?;
            for t in &row.by_source {
                if t.total == 0 {
                    write!(f, " {:>9}", "-")?;
                } else {
                    write!(f, " {:>9.3}", t.accuracy())?;
                }
            }
            match &row.confused_with {
                Some((label, n)) => writeln!(f, "  {label} ({n})")?,
                None => writeln!(f)?,
            }
        }
        writeln!(f)?;

        writeln!(
            f,
            "Calibration of the held-out predictions (sources weigh the same): fitted temperature {}, committed {}",
            self.temperature, self.committed.temperature
        )?;
        writeln!(
            f,
            "{:<14} {:>8} {:>7} {:>11} {:>9}",
            "best score", "items", "share", "mean score", "accuracy"
        )?;
        let mut lower = 0.0;
        for band in &self.bands {
            writeln!(
                f,
                "{:<14} {:>8} {:>7.3} {:>11.3} {:>9.3}",
                format!("{lower:.2}-{:.2}", band.upper),
                band.items,
                band.share,
                band.mean_score,
                band.accuracy
            )?;
            lower = band.upper;
        }
        writeln!(
            f,
            "below min_score {}: {:.1}% of held-out items get no topic; {:.1}% of those were right\n",
            self.committed.min_score,
            100.0 * self.abstained.0,
            100.0 * self.abstained.1
        )?;
        writeln!(
            f,
            "Held-out sources scored as a four-desk wire set (world, business, science and technology, sport; \
             any hard-news topic right for another; other topics left out; no topic is wrong)"
        )?;
        write!(f, "{:<42}", "setting")?;
        for (source, _) in &self.sources {
            write!(f, " {:>9}", source)?;
        }
        writeln!(f, " {:>7}", "mean")?;
        for c in &self.candidates {
            write!(f, "{:<42}", c.name)?;
            for t in &c.wire_style {
                write!(f, " {:>9.3}", t.accuracy())?;
            }
            let n = c.wire_style.len().max(1) as f64;
            let mean = c.wire_style.iter().map(Tally::accuracy).sum::<f64>() / n;
            writeln!(f, " {mean:>7.3}")?;
        }
        writeln!(f)?;

        let right = self
            .examples
            .iter()
            .filter(|e| e.got.as_deref() == Some(&e.expected))
            .count();
        let in_three = self
            .examples
            .iter()
            .filter(|e| e.rank.is_some_and(|r| r <= 3))
            .count();
        writeln!(
            f,
            "examples (embedded model, with entities): {right} of {} have the expected top topic, {in_three} have it in the top three",
            self.examples.len()
        )?;
        let mut codes: Vec<&str> = self.examples.iter().map(|e| e.expected.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        let produced = codes
            .iter()
            .filter(|c| self.examples.iter().any(|e| e.got.as_deref() == Some(**c)))
            .count();
        writeln!(
            f,
            "topics produced as the top topic: {produced} of {}",
            codes.len()
        )?;
        for code in &codes {
            let of: Vec<&ExampleOutcome> = self
                .examples
                .iter()
                .filter(|e| e.expected == *code)
                .collect();
            let ok = of
                .iter()
                .filter(|e| e.got.as_deref() == Some(*code))
                .count();
            writeln!(f, "  {code}: {ok}/{}", of.len())?;
        }
        for e in self
            .examples
            .iter()
            .filter(|e| e.got.as_deref() != Some(&e.expected))
        {
            writeln!(
                f,
                "  miss: expected {} got {} (rank {}): {}...",
                e.expected,
                e.got.as_deref().unwrap_or("nothing"),
                e.rank.map_or("-".into(), |r| r.to_string()),
                e.snippet
            )?;
        }
        writeln!(
            f,
            "\nclassify: {:.1} µs per BBC article (mean {:.0} characters; this build, one thread)",
            self.micros_per_article, self.mean_chars
        )?;
        writeln!(
            f,
            "classify: {:.1} µs per article of 2,500 to 3,500 characters ({} articles)",
            self.micros_near_3000, self.count_near_3000
        )
    }
}
