//! Offline evaluations: score a component of the pipeline against a labelled corpus on disk.
//!
//! Each evaluation reads its corpus from a folder the caller names (the data is
//! not shipped in the repository), runs on one thread, and prints a short table.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::cli::{EvalCommand, TopicsData, ner_defaults};
use crate::error::Failure;

mod error;
pub mod html;
pub mod keywords;
pub mod language;
pub mod language_cost;
pub mod quotes;
pub mod sentences;
pub mod shingles;
pub mod topics;

/// Run the evaluation `what` names and print its mistakes (when asked) and its table.
pub fn run(what: EvalCommand) -> Result<(), Failure> {
    match what {
        EvalCommand::Html { dir, worst, dump } => html_table(&dir, worst, dump),
        EvalCommand::Ner {
            file,
            language,
            model,
            mistakes,
            cv,
            geonames,
            names,
        } => {
            ner(&file, &language, model.as_deref(), mistakes)?;
            match (cv, geonames) {
                (Some(train), Some(geonames)) => ner_cv(train, geonames, names),
                _ => Ok(()),
            }
        }
        EvalCommand::Topics {
            data: TopicsData { bbc, topics, iptc },
            examples,
            folds,
            seed,
        } => {
            let report = topics::run(&bbc, &iptc, &topics, &examples, folds.max(2), seed)?;
            println!("{report}");
            Ok(())
        }
        EvalCommand::Keywords { articles } => {
            let report = keywords::run(&articles).map_err(|error| anyhow::anyhow!("{error}"))?;
            print!("{report}");
            Ok(())
        }
        EvalCommand::Sentences { file, mistakes } => {
            let report = sentences::run(&file)?;
            print_with_mistakes(&report, &report.mistakes, mistakes);
            Ok(())
        }
        EvalCommand::Quotes {
            gold,
            articles,
            mistakes,
        } => {
            let report = quotes::run(&gold, &articles).map_err(anyhow::Error::from)?;
            print_with_mistakes(&report, &report.mistakes, mistakes);
            Ok(())
        }
        EvalCommand::Language {
            file,
            mistakes,
            articles,
        } => language_table(&file, mistakes, articles.as_deref()),
    }
}

/// `eval html`: the extraction scores, with the worst pages when asked.
fn html_table(dir: &Path, worst: usize, dump: Option<PathBuf>) -> Result<(), Failure> {
    let options = html::HtmlEvalOptions {
        dump,
        progress: true,
    };
    let report = html::run(dir, &options).map_err(anyhow::Error::from)?;
    let stdout = std::io::stdout();
    report
        .write_table(&mut stdout.lock(), worst)
        .map_err(anyhow::Error::from)?;
    Ok(())
}

/// `eval ner`: the built-in tagger, or one from a model file, on a CoNLL-2003 file.
fn ner(file: &Path, language: &str, model: Option<&Path>, mistakes: usize) -> Result<(), Failure> {
    use enricher_nlp::ner::{EntityTagger, languages};
    let started = std::time::Instant::now();
    let owned;
    let tagger = match model {
        Some(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read the model {}", path.display()))?;
            let tagger = EntityTagger::from_bytes(&bytes)
                .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
            owned = match languages::classes(language) {
                Some(classes) => tagger.with_classes(classes),
                None => tagger,
            };
            &owned
        }
        None => languages::tagger(language).ok_or_else(|| {
            Failure::usage(format!(
                "no built-in entity tagger for language {language:?}; the languages: {}",
                languages::languages().join(", ")
            ))
        })?,
    };
    let loaded = started.elapsed();
    let documents = enricher_nlp::ner::conll::read(file)?;
    let report = enricher_nlp::ner::evaluate::evaluate(&documents, tagger);
    println!("tagger alone, on the file's tokens and sentences:");
    println!("{report}");
    println!("model loaded in {:.3} s", loaded.as_secs_f64());
    let module = enricher_nlp::entities::EntitiesModule::with_tagger(tagger);
    let (product, found_mistakes) =
        enricher_nlp::ner::evaluate::evaluate_product_with_mistakes(&documents, &module, language);
    for mistake in found_mistakes.iter().take(mistakes) {
        println!("  {mistake}");
    }
    println!();
    println!(
        "product path: each document as an article would write it, through the entities module \
         (sentences, tokens, tagging, grouping), exact character spans with the entity's type:"
    );
    print!("{product}");
    Ok(())
}

/// `eval ner --cv`: the committed training settings cross-validated over a training file.
fn ner_cv(train: PathBuf, geonames: PathBuf, names: Option<PathBuf>) -> Result<(), Failure> {
    println!();
    let options = crate::lab::train::committed_ner_options(train, geonames, names);
    crate::lab::train::cross_validate_ner(&options, ner_defaults::FOLDS)
}

/// `eval language`: both designs' scores, their worst answers when asked, and their cost per article.
fn language_table(file: &Path, mistakes: usize, articles: Option<&Path>) -> Result<(), Failure> {
    let report = language::run(file)?;
    for design in report.designs.iter().filter(|_| mistakes > 0) {
        println!("{}: worst {mistakes}", design.design);
        for mistake in design.mistakes.iter().take(mistakes) {
            println!("  {mistake}");
        }
    }
    println!("{report}");
    if let Some(articles) = articles {
        println!("\n{}", language_cost::run(articles)?);
    }
    Ok(())
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
