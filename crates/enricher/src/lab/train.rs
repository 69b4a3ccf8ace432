//! `enricher train`: the entity tagger, the word classes and the topic classifier, each from data the caller names.

use anyhow::Context as _;
use enricher_nlp::ner::features::group;

use std::path::PathBuf;

use crate::cli::{TopicsData, TrainCommand, TrainNer, ner_defaults};
use crate::error::Failure;

/// Train the model `what` names and write it where it says.
pub fn train(what: TrainCommand) -> Result<(), Failure> {
    match what {
        TrainCommand::Clusters {
            corpora,
            out,
            min_count,
            contexts,
            iterations,
        } => {
            let options = enricher_nlp::ner::cluster_build::ClusterOptions {
                corpora,
                min_count,
                contexts,
                iterations,
                progress: true,
            };
            let report = enricher_nlp::ner::cluster_build::run(&options, &out)?;
            println!("wrote {}", out.display());
            print!("{report}");
            Ok(())
        }
        TrainCommand::Ner(args) => train_ner(args),
        TrainCommand::Topics {
            data: TopicsData { bbc, topics, iptc },
            out,
            source_power,
            class_power,
            no_lexicon_features,
            temperature,
            min_score,
        } => {
            use enricher_nlp::topics::train::{self as topics_train, Calibration, Weighting};
            let options = topics_train::TrainOptions {
                bbc,
                iptc,
                topics,
                learner: enricher_nlp::topics::linear::Learner {
                    lexicon: !no_lexicon_features,
                    ..topics_train::DEFAULT_LEARNER
                },
                weighting: Weighting {
                    source_power,
                    class_power,
                },
            };
            let calibration = Calibration {
                temperature,
                min_score,
            };
            let trained = topics_train::train(&options, calibration)?;
            std::fs::write(&out, &trained.bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            let sources: Vec<String> = trained
                .sources
                .iter()
                .map(|(s, n)| format!("{s} {n}"))
                .collect();
            println!(
                "{}: {} bytes from {} items ({}); {} model terms, {} lexicon terms",
                out.display(),
                trained.bytes.len(),
                trained.items,
                sources.join(", "),
                trained.terms,
                trained.lexicon_terms
            );
            Ok(())
        }
    }
}

/// `enricher train ner`: the two-pass tagger, with the feature groups not left out.
fn train_ner(args: TrainNer) -> Result<(), Failure> {
    let TrainNer {
        train,
        also,
        train_visits,
        dev,
        language,
        out,
        geonames,
        epochs,
        seed,
        folds,
        without,
        min_weight,
        clusters,
        names,
        cv,
    } = args;
    let mut groups = group::ALL;
    for name in &without {
        let (_, bit) = group::NAMES
            .iter()
            .find(|(n, _)| n == name)
            .ok_or_else(|| Failure::usage(format!("no feature group {name:?}")))?;
        groups &= !bit;
    }
    let out = out.unwrap_or_else(|| default_ner_model(&language));
    let options = enricher_nlp::ner::train::TrainOptions {
        train,
        also,
        train_visits,
        dev,
        language,
        geonames,
        clusters,
        names,
        epochs,
        seed,
        folds,
        groups,
        min_weight,
        progress: true,
    };
    if let Some(k) = cv {
        return cross_validate_ner(&options, k);
    }
    let outcome = enricher_nlp::ner::train::train(&options)?;
    std::fs::write(&out, &outcome.model)
        .with_context(|| format!("cannot write {}", out.display()))?;
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
}

/// Where `train ner` writes the model for `language` unless told otherwise.
fn default_ner_model(language: &str) -> PathBuf {
    if language == "en" {
        PathBuf::from("crates/nlp/models/ner.bin")
    } else {
        PathBuf::from(format!("crates/nlp/models/ner-{language}.bin"))
    }
}

/// The options `train ner` trains the committed model with, on `train`
/// (`eval ner --cv`): every feature group, the default epochs, seed and folds.
pub(super) fn committed_ner_options(
    train: PathBuf,
    geonames: PathBuf,
    names: Option<PathBuf>,
) -> enricher_nlp::ner::train::TrainOptions {
    enricher_nlp::ner::train::TrainOptions {
        dev: train.clone(),
        train: vec![train],
        also: Vec::new(),
        train_visits: 1,
        language: "en".into(),
        geonames,
        clusters: ner_defaults::CLUSTERS.into(),
        names,
        epochs: ner_defaults::EPOCHS,
        seed: ner_defaults::SEED,
        folds: ner_defaults::FOLDS,
        groups: group::ALL,
        min_weight: ner_defaults::MIN_WEIGHT,
        progress: false,
    }
}

/// `enricher train ner --cv K` and `eval ner --cv`: the F1 of each fold, tagger alone and on
/// the product path, and their means and spreads.
pub(super) fn cross_validate_ner(
    options: &enricher_nlp::ner::train::TrainOptions,
    k: usize,
) -> Result<(), Failure> {
    let bar = crate::lab::progress::counter(k, "folds");
    bar.set_message("training");
    let scores = enricher_nlp::ner::train::cross_validate(options, k, |score| {
        bar.set_message(format!("F1 {:.2}", score.f1));
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    println!("fold  tagger F1  product-path F1");
    for score in &scores {
        println!(
            "{:>4}  {:>9.2}  {:>15.2}",
            score.fold,
            score.f1,
            score.product.overall.f1()
        );
    }
    let tagger: Vec<f64> = scores.iter().map(|s| s.f1).collect();
    let product: Vec<f64> = scores.iter().map(|s| s.product.overall.f1()).collect();
    let (mean, sd) = enricher_nlp::scores::mean_sd(&tagger);
    let (product_mean, product_sd) = enricher_nlp::scores::mean_sd(&product);
    println!(
        "mean  {mean:>5.2} +- {sd:.2}  {product_mean:>11.2} +- {product_sd:.2}   \
         ({k} folds by document of {}; +- is the standard deviation)",
        options
            .train
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" + ")
    );
    Ok(())
}
