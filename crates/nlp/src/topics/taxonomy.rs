//! The IPTC Media Topics taxonomy as `mediatopics-en.json` gives it: each topic's code, label, definition and path from its top-level ancestor.

use std::path::Path;

use serde::Deserialize;

/// One Media Topic of the source file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MediaTopic {
    /// `medtop:NNNNNNNN`.
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub definition: String,
    /// Codes from the top-level ancestor down to this topic itself.
    pub path: Vec<String>,
}

impl MediaTopic {
    /// 1 for a top-level topic, 2 for its children, and so on.
    pub fn level(&self) -> usize {
        self.path.len()
    }

    /// The code of the top-level ancestor (the topic's own for a top-level one).
    pub fn top(&self) -> Option<&str> {
        self.path.first().map(String::as_str)
    }

    /// The code of the second-level ancestor (the topic's own at level 2),
    /// `None` for a top-level topic.
    pub fn second(&self) -> Option<&str> {
        self.path.get(1).map(String::as_str)
    }
}

/// Why the taxonomy could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("cannot read the taxonomy {path}: {source}")]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a JSON list of Media Topics: {source}")]
    Parse {
        path: std::path::PathBuf,
        source: serde_json::Error,
    },
    #[error("{0}")]
    Shape(String),
}

/// Reads and checks the taxonomy: every path non-empty and ending at its own
/// topic, every ancestor present, codes of the `medtop:NNNNNNNN` form.
pub fn read(path: &Path) -> Result<Vec<MediaTopic>, TaxonomyError> {
    let text = std::fs::read_to_string(path).map_err(|source| TaxonomyError::Read {
        path: path.to_owned(),
        source,
    })?;
    let topics: Vec<MediaTopic> =
        serde_json::from_str(&text).map_err(|source| TaxonomyError::Parse {
            path: path.to_owned(),
            source,
        })?;
    check(&topics)?;
    Ok(topics)
}

/// Whether `code` is of the `medtop:` form with eight digits.
pub fn is_code(code: &str) -> bool {
    code.strip_prefix("medtop:")
        .is_some_and(|digits| digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()))
}

fn check(topics: &[MediaTopic]) -> Result<(), TaxonomyError> {
    let codes: std::collections::HashSet<&str> = topics.iter().map(|t| t.code.as_str()).collect();
    for topic in topics {
        if !is_code(&topic.code) {
            return Err(TaxonomyError::Shape(format!("bad code {:?}", topic.code)));
        }
        if topic.path.last() != Some(&topic.code) {
            return Err(TaxonomyError::Shape(format!(
                "the path of {} does not end at it",
                topic.code
            )));
        }
        if let Some(missing) = topic.path.iter().find(|c| !codes.contains(c.as_str())) {
            return Err(TaxonomyError::Shape(format!(
                "{} has the unknown ancestor {missing}",
                topic.code
            )));
        }
    }
    if !topics.iter().any(|t| t.level() == 1) {
        return Err(TaxonomyError::Shape("no top-level topic".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(code: &str, path: &[&str]) -> MediaTopic {
        MediaTopic {
            code: code.into(),
            label: "x".into(),
            definition: String::new(),
            path: path.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn codes_must_be_medtop_and_eight_digits() {
        assert!(is_code("medtop:16000000"));
        assert!(!is_code("medtop:1600000"));
        assert!(!is_code("iptc:16000000"));
        assert!(!is_code("medtop:1600000x"));
    }

    #[test]
    fn paths_must_end_at_the_topic_and_name_known_ancestors() {
        let top = topic("medtop:16000000", &["medtop:16000000"]);
        let child = topic("medtop:20000053", &["medtop:16000000", "medtop:20000053"]);
        assert!(check(&[top.clone(), child.clone()]).is_ok());
        assert_eq!(child.top(), Some("medtop:16000000"));
        assert_eq!(child.second(), Some("medtop:20000053"));
        assert_eq!(top.second(), None);
        let orphan = topic("medtop:20000054", &["medtop:11000000", "medtop:20000054"]);
        assert!(check(&[top.clone(), orphan]).is_err());
        let wrong_end = topic("medtop:20000055", &["medtop:16000000"]);
        assert!(check(&[top, wrong_end]).is_err());
    }
}
