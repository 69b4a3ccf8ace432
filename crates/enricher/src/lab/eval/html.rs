//! `enricher eval html DIR`: score HTML article extraction against the benchmark's ground truth.
//!
//! The corpus layout is the article-extraction benchmark's: `DIR/html/ID.html.gz`
//! (gzip-compressed pages) and `DIR/ground-truth.json` mapping each `ID` to
//! `{"articleBody": ..., "url": ...}`. Pages are extracted one after another on
//! one thread, and only the extraction is timed, so pages/s is the per-core
//! throughput a worker can expect. The text scored is the text intake keeps:
//! the extractor's, without the furniture lines of
//! [`enricher_message::furniture`].

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flate2::read::GzDecoder;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;

use super::error::EvalError;
use super::shingles::{self, PageScore};

/// One labelled page of the ground truth.
#[derive(Debug, Deserialize)]
struct GoldPage {
    #[serde(rename = "articleBody", default)]
    article_body: String,
    #[serde(default)]
    url: Option<String>,
}

/// Options of `enricher eval html`.
#[derive(Debug, Clone, Default)]
pub struct HtmlEvalOptions {
    /// Write each extracted text to `DUMP/ID.txt`.
    pub dump: Option<PathBuf>,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

/// The score of one page, kept for the list of worst pages.
#[derive(Debug, Clone)]
pub struct PageResult {
    pub id: String,
    pub score: PageScore,
}

/// The outcome of a run: averaged precision and recall, their F1, and throughput.
#[derive(Debug, Clone)]
pub struct HtmlEvalReport {
    pub pages: Vec<PageResult>,
    /// Mean of the per-page precisions.
    pub precision: f64,
    /// Mean of the per-page recalls.
    pub recall: f64,
    /// Time spent in [`enricher_message::html::extract`] and the furniture
    /// filter alone.
    pub extraction_time: Duration,
    /// Wall time of the whole run, including gunzip, scoring and reading files.
    pub total_time: Duration,
}

impl HtmlEvalReport {
    /// F1 of the averaged precision and recall, as the benchmark reports it.
    pub fn f1(&self) -> f64 {
        shingles::f1(self.precision, self.recall)
    }

    /// Pages per second of extraction alone.
    pub fn pages_per_second(&self) -> f64 {
        per_second(self.pages.len(), self.extraction_time)
    }

    /// Pages per second of the whole run.
    pub fn overall_pages_per_second(&self) -> f64 {
        per_second(self.pages.len(), self.total_time)
    }

    /// The short table printed at the end of a run.
    pub fn write_table(&self, out: &mut impl Write, worst: usize) -> std::io::Result<()> {
        if worst > 0 {
            let mut pages: Vec<&PageResult> = self.pages.iter().collect();
            pages.sort_by(|a, b| a.score.f1().total_cmp(&b.score.f1()));
            writeln!(
                out,
                "{:<66} {:>6} {:>6} {:>6}",
                "worst pages", "P", "R", "F1"
            )?;
            for page in pages.iter().take(worst) {
                writeln!(
                    out,
                    "{:<66} {:>6.3} {:>6.3} {:>6.3}",
                    page.id,
                    page.score.precision,
                    page.score.recall,
                    page.score.f1()
                )?;
            }
            writeln!(out)?;
        }
        writeln!(out, "pages       {:>9}", self.pages.len())?;
        writeln!(out, "precision   {:>9.4}", self.precision)?;
        writeln!(out, "recall      {:>9.4}", self.recall)?;
        writeln!(out, "F1          {:>9.4}", self.f1())?;
        writeln!(
            out,
            "pages/s     {:>9.1}   extraction only, one thread ({:.2} s)",
            self.pages_per_second(),
            self.extraction_time.as_secs_f64()
        )?;
        writeln!(
            out,
            "pages/s     {:>9.1}   whole run, with gunzip and scoring ({:.2} s)",
            self.overall_pages_per_second(),
            self.total_time.as_secs_f64()
        )
    }
}

fn per_second(count: usize, time: Duration) -> f64 {
    let seconds = time.as_secs_f64();
    if seconds > 0.0 {
        count as f64 / seconds
    } else {
        0.0
    }
}

/// Extract and score every page of the corpus in `dir`, in file-name order.
pub fn run(dir: &Path, options: &HtmlEvalOptions) -> Result<HtmlEvalReport, EvalError> {
    let started = Instant::now();
    let truth_path = dir.join("ground-truth.json");
    let truth_text = std::fs::read(&truth_path).map_err(|source| EvalError::Read {
        path: truth_path.clone(),
        source,
    })?;
    let truth: HashMap<String, GoldPage> =
        serde_json::from_slice(&truth_text).map_err(|source| EvalError::GroundTruth {
            path: truth_path,
            source,
        })?;
    let pages = page_files(&dir.join("html"), &truth)?;
    if pages.is_empty() {
        return Err(EvalError::Empty(dir.to_owned()));
    }
    if let Some(dump) = &options.dump {
        std::fs::create_dir_all(dump).map_err(|source| EvalError::Read {
            path: dump.clone(),
            source,
        })?;
    }
    let bar = if options.progress {
        let bar = ProgressBar::new(pages.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut results = Vec::with_capacity(pages.len());
    let mut extraction_time = Duration::ZERO;
    for (id, path) in pages {
        let body = gunzip(&path)?;
        let gold = &truth[&id];
        let at = Instant::now();
        let page = enricher_message::html::extract(&body, None, gold.url.as_deref());
        // The text as intake keeps it: furniture lines between paragraphs out.
        let text = enricher_message::furniture::strip(&page.text);
        extraction_time += at.elapsed();
        let score = shingles::score(&text, &gold.article_body);
        if let Some(dump) = &options.dump {
            let path = dump.join(format!("{id}.txt"));
            std::fs::write(&path, text.as_bytes())
                .map_err(|source| EvalError::Read { path, source })?;
        }
        results.push(PageResult { id, score });
        bar.inc(1);
    }
    bar.finish_and_clear();
    let count = results.len() as f64;
    let precision = results.iter().map(|p| p.score.precision).sum::<f64>() / count;
    let recall = results.iter().map(|p| p.score.recall).sum::<f64>() / count;
    Ok(HtmlEvalReport {
        pages: results,
        precision,
        recall,
        extraction_time,
        total_time: started.elapsed(),
    })
}

/// The `ID.html.gz` files of `html_dir` whose id the ground truth names, sorted by id.
fn page_files(
    html_dir: &Path,
    truth: &HashMap<String, GoldPage>,
) -> Result<Vec<(String, PathBuf)>, EvalError> {
    let read_error = |source| EvalError::Read {
        path: html_dir.to_owned(),
        source,
    };
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(html_dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        let Some(id) = path
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_suffix(".html.gz"))
        else {
            continue;
        };
        if truth.contains_key(id) {
            pages.push((id.to_owned(), path));
        }
    }
    pages.sort();
    Ok(pages)
}

fn gunzip(path: &Path) -> Result<Vec<u8>, EvalError> {
    let file = std::fs::File::open(path).map_err(|source| EvalError::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut body = Vec::new();
    GzDecoder::new(file)
        .read_to_end(&mut body)
        .map_err(|source| EvalError::Read {
            path: path.to_owned(),
            source,
        })?;
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;

    fn write_gz(path: &Path, text: &str) {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(text.as_bytes()).unwrap();
        std::fs::write(path, encoder.finish().unwrap()).unwrap();
    }

    #[test]
    fn a_tiny_corpus_is_read_extracted_and_scored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("html")).unwrap();
        let paragraph = "The council voted on Tuesday to rebuild the old bridge over the river, \
                         after years of complaints from residents about its safety and its age.";
        let html = format!(
            "<html><body><nav>Home News Sport</nav><article><h1>Bridge</h1>\
             <p>{paragraph}</p><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
        );
        write_gz(&dir.path().join("html/page-1.html.gz"), &html);
        write_gz(&dir.path().join("html/unlabelled.html.gz"), &html);
        let truth = serde_json::json!({
            "page-1": {"articleBody": format!("{paragraph}\n\n{paragraph}\n\n{paragraph}"), "url": "https://news.test/bridge"},
            "missing": {"articleBody": "x", "url": null},
        });
        std::fs::write(dir.path().join("ground-truth.json"), truth.to_string()).unwrap();
        let report = run(dir.path(), &HtmlEvalOptions::default()).unwrap();
        assert_eq!(report.pages.len(), 1);
        assert!(report.f1() > 0.9, "F1 {}", report.f1());
        let mut table = Vec::new();
        report.write_table(&mut table, 1).unwrap();
        let table = String::from_utf8(table).unwrap();
        assert!(table.contains("F1") && table.contains("pages/s"));
    }

    #[test]
    fn a_missing_corpus_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let error = run(dir.path(), &HtmlEvalOptions::default()).unwrap_err();
        assert!(error.to_string().contains("ground-truth.json"), "{error}");
    }
}
