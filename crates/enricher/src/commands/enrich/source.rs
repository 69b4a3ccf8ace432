//! The inputs of `enricher enrich`, read lazily: each file (or stdin) whole, or line by line for JSON Lines, none over the size limit.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use enricher_message::intake::body_hash_id;

use super::capped::{Piece, read_piece};

/// One input to enrich, or why it could not even be read.
#[derive(Debug)]
pub enum Input {
    Article {
        body: Vec<u8>,
        content_type: Option<Arc<str>>,
    },
    Failed {
        id: String,
        code: &'static str,
        detail: String,
    },
}

/// How the inputs are read.
#[derive(Debug, Clone)]
pub struct Reading {
    /// `--jsonl`: every input (stdin too) holds one article per line.
    pub jsonl: bool,
    /// `--content-type`, instead of guessing from the file's name.
    pub forced_type: Option<String>,
    /// `input.max_message_bytes`: a longer article is `too_large`, and never held whole.
    pub max_bytes: usize,
}

/// The inputs of a list of files, `-` for stdin, one after another.
pub struct Inputs {
    files: VecDeque<PathBuf>,
    reading: Reading,
    /// What was already read from stdin to look at it (`sniff`), read again first.
    stdin_prefix: Option<Vec<u8>>,
    open: Option<Open>,
}

/// The file being read.
struct Open {
    reader: Box<dyn BufRead>,
    name: String,
    lines: bool,
    line: u64,
    content_type: Option<Arc<str>>,
}

/// Bytes of a file read at a time.
const READ_BUFFER: usize = 64 * 1024;

impl Inputs {
    pub fn new(files: Vec<PathBuf>, reading: Reading, stdin_prefix: Option<Vec<u8>>) -> Self {
        Self {
            files: files.into(),
            reading,
            stdin_prefix,
            open: None,
        }
    }

    fn open_file(&mut self, path: &Path) -> std::io::Result<Open> {
        let stdin = path.as_os_str() == "-";
        let lines = self.reading.jsonl
            || (!stdin
                && is_lines(path)
                && self
                    .reading
                    .forced_type
                    .as_deref()
                    .is_none_or(|t| t.contains("json")));
        let content_type = match &self.reading.forced_type {
            Some(forced) => Some(forced.as_str()),
            None if lines => Some("application/json"),
            None if stdin => None,
            None => content_type_of(path),
        };
        let reader: Box<dyn BufRead> = if stdin {
            let prefix = self.stdin_prefix.take().unwrap_or_default();
            Box::new(Cursor::new(prefix).chain(std::io::stdin().lock()))
        } else {
            Box::new(BufReader::with_capacity(
                READ_BUFFER,
                std::fs::File::open(path)?,
            ))
        };
        Ok(Open {
            reader,
            name: if stdin {
                "stdin".to_owned()
            } else {
                path.display().to_string()
            },
            lines,
            line: 0,
            content_type: content_type.map(Arc::from),
        })
    }
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            let Some(open) = &mut self.open else {
                let path = self.files.pop_front()?;
                match self.open_file(&path) {
                    Ok(open) => self.open = Some(open),
                    Err(error) => return Some(unreadable(&path.display().to_string(), &error)),
                }
                continue;
            };
            let max_bytes = self.reading.max_bytes;
            let piece = read_piece(&mut open.reader, open.lines.then_some(b'\n'), max_bytes);
            open.line += 1;
            let place = if open.lines {
                format!("line {} of {}", open.line, open.name)
            } else {
                open.name.clone()
            };
            let input = match piece {
                // An empty file is one empty article (rejected as `empty`), not none.
                Ok(None) if !open.lines && open.line == 1 => Input::Article {
                    body: Vec::new(),
                    content_type: open.content_type.clone(),
                },
                Ok(None) => {
                    self.open = None;
                    continue;
                }
                Ok(Some(Piece::Whole(body))) => {
                    if open.lines && body.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    Input::Article {
                        body,
                        content_type: open.content_type.clone(),
                    }
                }
                Ok(Some(Piece::TooLong { bytes, hash })) => Input::Failed {
                    id: hash,
                    code: "too_large",
                    detail: format!(
                        "{place} is {bytes} bytes; input.max_message_bytes allows {max_bytes}"
                    ),
                },
                Err(error) => {
                    let failed = unreadable(&place, &error);
                    self.open = None;
                    return Some(failed);
                }
            };
            if !open.lines {
                self.open = None;
            }
            return Some(input);
        }
    }
}

/// The line of an input that could not be read.
fn unreadable(name: &str, error: &std::io::Error) -> Input {
    Input::Failed {
        id: body_hash_id(name.as_bytes()),
        code: "unreadable_file",
        detail: format!("cannot read {name}: {error}"),
    }
}

/// The content type a file's name implies, when `--content-type` does not force one.
fn content_type_of(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "json" | "jsonl" | "ndjson" => Some("application/json"),
        "txt" | "text" => Some("text/plain"),
        "html" | "htm" => Some("text/html"),
        _ => None,
    }
}

/// Whether a file's name says it holds JSON Lines.
fn is_lines(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(jsonl: bool, max_bytes: usize) -> Reading {
        Reading {
            jsonl,
            forced_type: None,
            max_bytes,
        }
    }

    /// What each input of a file holding `content` reads as.
    fn read_file(name: &str, content: &str, reading: Reading) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        std::fs::write(&file, content).unwrap();
        Inputs::new(vec![file], reading, None)
            .map(describe)
            .collect()
    }

    fn describe(input: Input) -> String {
        match input {
            Input::Article { body, content_type } => format!(
                "{} as {}",
                String::from_utf8_lossy(&body),
                content_type.as_deref().unwrap_or("?")
            ),
            Input::Failed { code, detail, .. } => format!("{code}: {detail}"),
        }
    }

    #[test]
    fn files_are_read_in_order_jsonl_by_line_others_whole_and_a_missing_one_fails() {
        let dir = tempfile::tempdir().unwrap();
        let lines = dir.path().join("a.jsonl");
        std::fs::write(&lines, "{\"id\":1}\n\n   \n{\"id\":2}\r\n").unwrap();
        let text = dir.path().join("b.txt");
        std::fs::write(&text, "one\ntwo\n").unwrap();
        let empty = dir.path().join("c.html");
        std::fs::write(&empty, "").unwrap();
        let missing = dir.path().join("missing.txt");
        let inputs = Inputs::new(
            vec![lines, text, missing, empty],
            reading(false, 1000),
            None,
        );
        let described: Vec<String> = inputs.map(describe).collect();
        assert_eq!(described.len(), 5, "{described:?}");
        assert_eq!(described[0], "{\"id\":1} as application/json");
        assert_eq!(described[1], "{\"id\":2} as application/json");
        assert_eq!(described[2], "one\ntwo\n as text/plain");
        assert!(
            described[3].starts_with("unreadable_file: cannot read ")
                && described[3].contains("missing.txt"),
            "{described:?}"
        );
        assert_eq!(described[4], " as text/html");
    }

    #[test]
    fn with_jsonl_any_file_is_read_by_line_and_a_long_line_is_too_large() {
        let long = format!("{{\"body\":\"{}\"}}", "x".repeat(500));
        let content = format!("{{\"id\":1}}\n{long}\n{{\"id\":3}}");
        let described = read_file("articles.txt", &content, reading(true, 100));
        assert_eq!(described.len(), 3, "{described:?}");
        assert_eq!(described[0], "{\"id\":1} as application/json");
        assert!(
            described[1].starts_with("too_large: line 2 of ")
                && described[1].ends_with(" is 511 bytes; input.max_message_bytes allows 100"),
            "{described:?}"
        );
        assert_eq!(described[2], "{\"id\":3} as application/json");
    }

    #[test]
    fn a_file_over_the_limit_is_one_too_large_input() {
        let described = read_file("big.txt", &"y".repeat(5000), reading(false, 100));
        assert_eq!(described.len(), 1);
        assert!(
            described[0].starts_with("too_large: ") && described[0].contains("5000 bytes"),
            "{described:?}"
        );
    }
}
