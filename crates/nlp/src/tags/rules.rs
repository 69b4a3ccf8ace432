//! The rules file (`config/tags.toml`): its TOML shape, and its checks, so that a bad rule stops the worker at start with the rule's name.

use std::collections::HashSet;

use regex::Regex;
use serde::Deserialize;

/// Why the rules could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The file could not be read.
    #[error("cannot read the tag rules {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// The file is not TOML of the rules' shape.
    #[error("tag rules {path}: {problem}")]
    Parse { path: String, problem: String },
    /// One rule is wrong.
    #[error("tag rule `{rule}`: {problem}")]
    Rule { rule: String, problem: String },
}

/// The file: a list of `[[rule]]` tables.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

/// One rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The rule's name, which is also its tag unless `tag` is given.
    pub name: String,
    /// The tag to add (default: the name).
    pub tag: Option<String>,
    /// At least one of these must match.
    pub any: Option<Conditions>,
    /// Every one of these must match.
    pub all: Option<Conditions>,
    /// None of these may match.
    pub none: Option<Conditions>,
}

/// What can be matched, each a list.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// Entity names: an entity's canonical name or any of its mentions, case aside.
    #[serde(default)]
    pub entities: Vec<String>,
    /// Keyword terms, case aside.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// IPTC Media Topic codes (`medtop:16000000`) or labels, case aside.
    #[serde(default)]
    pub topics: Vec<String>,
    /// ISO 3166-1 alpha-2 codes of the countries the entities resolve to.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Regular expressions (Rust `regex` syntax) searched in the title and text.
    #[serde(default)]
    pub regex: Vec<String>,
}

/// One condition, ready to test.
#[derive(Debug, Clone)]
pub enum Condition {
    Entity(String),
    Keyword(String),
    Topic(String),
    Country(String),
    Regex(Regex),
}

/// A checked rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub tag: String,
    pub any: Vec<Condition>,
    pub all: Vec<Condition>,
    pub none: Vec<Condition>,
}

/// Parses and checks the text of a rules file (`path` is for messages).
pub fn parse(path: &str, text: &str) -> Result<Vec<Rule>, RulesError> {
    let file: RulesFile = toml::from_str(text).map_err(|e| RulesError::Parse {
        path: path.to_owned(),
        problem: e.to_string(),
    })?;
    let mut names = HashSet::new();
    let mut rules = Vec::with_capacity(file.rule.len());
    for spec in file.rule {
        let name = spec.name.trim().to_owned();
        let fail = |problem: String| RulesError::Rule {
            rule: name.clone(),
            problem,
        };
        if name.is_empty() {
            return Err(RulesError::Rule {
                rule: String::new(),
                problem: "the name is empty".into(),
            });
        }
        if !names.insert(name.clone()) {
            return Err(fail("another rule has this name".into()));
        }
        let tag = spec.tag.unwrap_or_else(|| name.clone()).trim().to_owned();
        if tag.is_empty() {
            return Err(fail("the tag is empty".into()));
        }
        let any = conditions(spec.any, "any").map_err(&fail)?;
        let all = conditions(spec.all, "all").map_err(&fail)?;
        let none = conditions(spec.none, "none").map_err(&fail)?;
        if any.is_empty() && all.is_empty() && none.is_empty() {
            return Err(fail(
                "it has no condition: give `any`, `all` or `none`".into(),
            ));
        }
        rules.push(Rule {
            tag,
            any,
            all,
            none,
        });
    }
    Ok(rules)
}

/// The conditions of one group, lower-cased where matching ignores case.
fn conditions(group: Option<Conditions>, label: &str) -> Result<Vec<Condition>, String> {
    let Some(group) = group else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let words = |list: Vec<String>, kind: &str, make: fn(String) -> Condition| {
        list.into_iter()
            .map(|w| {
                let w = w.trim().to_lowercase();
                if w.is_empty() {
                    Err(format!("an empty string in `{label}.{kind}`"))
                } else {
                    Ok(make(w))
                }
            })
            .collect::<Result<Vec<_>, String>>()
    };
    out.extend(words(group.entities, "entities", Condition::Entity)?);
    out.extend(words(group.keywords, "keywords", Condition::Keyword)?);
    out.extend(words(group.topics, "topics", Condition::Topic)?);
    for code in group.countries {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "`{label}.countries` holds {code:?}, not an ISO 3166-1 alpha-2 code"
            ));
        }
        out.push(Condition::Country(code));
    }
    for pattern in group.regex {
        let re = regex::RegexBuilder::new(&pattern)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| {
                format!("`{label}.regex` {pattern:?} is not a valid regular expression: {e}")
            })?;
        out.push(Condition::Regex(re));
    }
    if out.is_empty() {
        return Err(format!("`{label}` is given but lists nothing"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_rules_file_is_valid() {
        let text = include_str!("../../../../config/tags.toml");
        let rules = parse("config/tags.toml", text).unwrap();
        assert!(rules.len() >= 3);
    }

    #[test]
    fn each_bad_rule_is_named_in_its_error() {
        for (text, needle) in [
            (
                "[[rule]]\nname = \"r1\"\n[rule.any]\nregex = [\"(unclosed\"]\n",
                "tag rule `r1`",
            ),
            (
                "[[rule]]\nname = \"r2\"\n",
                "tag rule `r2`: it has no condition",
            ),
            (
                "[[rule]]\nname = \"r3\"\n[rule.all]\ncountries = [\"Ukraine\"]\n",
                "tag rule `r3`",
            ),
            (
                "[[rule]]\nname = \"r4\"\n[rule.any]\n",
                "tag rule `r4`: `any` is given but lists nothing",
            ),
            (
                "[[rule]]\nname = \"r5\"\n[rule.none]\nentities = [\" \"]\n",
                "tag rule `r5`",
            ),
            (
                "[[rule]]\nname = \"r6\"\n[rule.any]\nentities = [\"x\"]\n[[rule]]\nname = \"r6\"\n[rule.any]\nentities = [\"y\"]\n",
                "tag rule `r6`: another rule",
            ),
            (
                "[[rule]]\nname = \"r7\"\n[rule.any]\npeople = [\"x\"]\n",
                "people",
            ),
            ("not toml [", "tag rules t.toml"),
        ] {
            let error = parse("t.toml", text).unwrap_err().to_string();
            assert!(error.contains(needle), "{error}");
        }
    }

    #[test]
    fn an_empty_file_has_no_rules() {
        assert!(parse("t.toml", "").unwrap().is_empty());
    }
}
