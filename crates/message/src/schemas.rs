//! The published JSON Schemas of the input and the output, compiled in, with the `$id` of each and the file it lives in.
//!
//! A schema's `$id` is a URN, `urn:enricher:schema:NAME:vN`, that names it
//! and is never fetched: it maps to the file `schemas/NAME.vN.json` in the
//! repository (docs/contract.md, "Schemas"). `enricher schema` prints these
//! texts, and the tests validate against them, so what a fresh binary prints
//! is what every output was checked with.

/// One published schema: its `$id`, its path in the repository and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    pub id: &'static str,
    pub path: &'static str,
    pub text: &'static str,
}

/// What producers publish to `input.exchange` as JSON.
pub const INPUT: Schema = Schema {
    id: "urn:enricher:schema:input-article:v1",
    path: "schemas/input-article.v1.json",
    text: include_str!("../../../schemas/input-article.v1.json"),
};

/// What the worker publishes to `output.exchange` (and `enricher enrich` prints).
pub const OUTPUT: Schema = Schema {
    id: "urn:enricher:schema:enriched-article:v1",
    path: "schemas/enriched-article.v1.json",
    text: include_str!("../../../schemas/enriched-article.v1.json"),
};

/// Every published schema.
pub const ALL: [Schema; 2] = [INPUT, OUTPUT];

/// The file a schema `$id` maps to: `urn:enricher:schema:NAME:vN` is
/// `schemas/NAME.vN.json`; `None` for an id outside that scheme.
pub fn path_of(id: &str) -> Option<String> {
    let rest = id.strip_prefix("urn:enricher:schema:")?;
    let (name, version) = rest.rsplit_once(':')?;
    let number = version.strip_prefix('v')?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    (plain(name) && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("schemas/{name}.v{number}.json"))
}

#[cfg(test)]
mod tests;
