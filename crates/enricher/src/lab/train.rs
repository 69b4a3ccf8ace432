//! `enricher train`: the entity tagger, the word classes and the topic classifier, each from data the caller names.

use anyhow::Context as _;
use enricher_nlp::ner::features::group;

use crate::cli::{TopicsData, TrainCommand, TrainNer};
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
            data: TopicsData { bbc, iptc },
            out,
            lexicon_weight,
            other_prior,
        } => {
            let options = enricher_nlp::topics::train::TrainOptions {
                bbc,
                iptc,
                learner: enricher_nlp::topics::train::DEFAULT_LEARNER,
                lexicon_weight,
                other_prior,
            };
            let trained = enricher_nlp::topics::train::train(&options)?;
            std::fs::write(&out, &trained.bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!(
                "{}: {} bytes from {} articles; {} desk-model terms, {} lexicon terms",
                out.display(),
                trained.bytes.len(),
                trained.articles,
                trained.desk_terms,
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
    let mut groups = group::ALL;
    for name in &without {
        let (_, bit) = group::NAMES
            .iter()
            .find(|(n, _)| n == name)
            .ok_or_else(|| Failure::usage(format!("no feature group {name:?}")))?;
        groups &= !bit;
    }
    let options = enricher_nlp::ner::train::TrainOptions {
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
