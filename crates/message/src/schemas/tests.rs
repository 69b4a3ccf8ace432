//! The published schemas: valid 2020-12 schemas, named by the URN the file's path maps to, every `$ref` resolved offline, and the input schema in step with intake.

use std::path::Path;

use jsonschema::{Registry, Resource, Validator};
use serde_json::{Value, json};

use super::{ALL, INPUT, OUTPUT, Schema, path_of};
use crate::intake::{RawInput, RejectCode, read};

fn parsed(schema: &Schema) -> Value {
    serde_json::from_str(schema.text).unwrap_or_else(|e| panic!("{}: {e}", schema.path))
}

fn repository() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Every schema in one registry keyed by its `$id`, with no way to fetch anything else
/// (the default retriever refuses every URI, and jsonschema is built without HTTP or files).
fn registry() -> Registry {
    Registry::try_from_resources(
        ALL.iter()
            .map(|s| (s.id, Resource::from_contents(parsed(s)).unwrap())),
    )
    .expect("the published schemas make a registry")
}

/// A validator for `schema`, the other published schemas reachable by `$id`; nothing fetched.
fn validator(schema: &Schema) -> Validator {
    jsonschema::options()
        .with_registry(registry())
        .build(&parsed(schema))
        .unwrap_or_else(|e| panic!("{}: {e}", schema.path))
}

/// Every `$ref` in `value`, however deep.
fn refs<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                found.push(target);
            }
            map.values().for_each(|v| refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

#[test]
fn every_schema_is_a_valid_2020_12_schema_named_by_its_urn() {
    for schema in ALL {
        let value = parsed(&schema);
        assert_eq!(
            value["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{}",
            schema.path
        );
        assert_eq!(value["$id"], schema.id, "{}", schema.path);
        assert_eq!(path_of(schema.id).as_deref(), Some(schema.path));
        if let Err(error) = jsonschema::meta::validate(&value) {
            panic!("{} is not a valid schema: {error}", schema.path);
        }
        let on_disk = std::fs::read_to_string(repository().join(schema.path)).unwrap();
        assert_eq!(on_disk, schema.text, "{} compiled in", schema.path);
    }
}

#[test]
fn every_file_under_schemas_is_published() {
    let mut files: Vec<String> = std::fs::read_dir(repository().join("schemas"))
        .unwrap()
        .map(|entry| format!("schemas/{}", entry.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let mut published: Vec<String> = ALL.iter().map(|s| s.path.to_owned()).collect();
    published.sort();
    assert_eq!(files, published, "list a new schema in schemas.rs");
}

/// The `$ref`s of `value` (whose `$id` is `id`) that `registry` cannot resolve, with the reason.
fn unresolved(registry: &Registry, id: &str, value: &Value) -> Vec<String> {
    let resolver = registry.try_resolver(id).unwrap();
    let mut found = Vec::new();
    refs(value, &mut found);
    found
        .into_iter()
        .filter_map(|target| {
            resolver
                .lookup(target)
                .err()
                .map(|error| format!("{target}: {error}"))
        })
        .collect()
}

#[test]
fn every_reference_resolves_within_the_repository() {
    let registry = registry();
    let mut checked = 0;
    for schema in ALL {
        let value = parsed(&schema);
        let mut found = Vec::new();
        refs(&value, &mut found);
        checked += found.len();
        let missing = unresolved(&registry, schema.id, &value);
        assert!(missing.is_empty(), "{}: {missing:?}", schema.path);
        validator(&schema);
    }
    assert!(checked > 0, "no $ref found: the walk is broken");
}

#[test]
fn a_reference_outside_the_published_schemas_is_refused() {
    // The check above would pass vacuously if an unknown reference resolved.
    let id = "urn:enricher:schema:stray:v1";
    let stray = json!({"$id": id, "properties": {"a": {"$ref": "urn:enricher:schema:missing:v1"}, "b": {"$ref": "#/$defs/none"}}});
    let registry = registry()
        .try_with_resource(id, Resource::from_contents(stray.clone()).unwrap())
        .unwrap();
    let missing = unresolved(&registry, id, &stray);
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(
        jsonschema::options()
            .with_registry(registry)
            .build(&stray)
            .is_err(),
        "a validator with an unknown $ref must not build"
    );
}

#[test]
fn urns_map_to_paths_and_nothing_else_does() {
    assert_eq!(
        path_of("urn:enricher:schema:enriched-article:v1").as_deref(),
        Some("schemas/enriched-article.v1.json")
    );
    assert_eq!(
        path_of("urn:enricher:schema:input-article:v12").as_deref(),
        Some("schemas/input-article.v12.json")
    );
    for id in [
        "https://enricher.invalid/schemas/enriched-article.v1.json",
        "urn:enricher:schema:enriched-article",
        "urn:enricher:schema:../x:v1",
        "urn:enricher:schema:x:1",
        "urn:enricher:schema::v1",
    ] {
        assert_eq!(path_of(id), None, "{id}");
    }
}

/// What intake makes of a JSON body: accepted, or the code it is rejected with.
fn intake(value: &Value) -> Result<(), RejectCode> {
    let body = value.to_string();
    read(
        &RawInput {
            body: body.as_bytes(),
            content_type: Some("application/json"),
            ..RawInput::default()
        },
        1 << 20,
    )
    .map(|_| ())
    .map_err(|rejection| rejection.code)
}

#[test]
fn the_input_schema_accepts_what_intake_reads_and_refuses_its_invalid_shapes() {
    let schema = validator(&INPUT);
    let example = parsed(&INPUT)["examples"][0].clone();
    let accepted = [
        example,
        json!({"body": "Text."}),
        json!({"html": "<html><body><article><p>A page with enough words in its article to be read as one.</p></article></body></html>"}),
        json!({"id": 42, "body": "Text.", "author": "A B", "language": "en-GB"}),
        json!({"id": null, "url": null, "title": null, "body": "Text.", "html": null, "published_at": null}),
        json!({"body": "Text.", "author": [], "metadata": [1, 2], "feed": {"any": "thing"}}),
        json!({"body": "Text.", "published_at": "not a date"}),
        json!({"body": "Text.", "published_at": 1730111400}),
    ];
    for input in accepted {
        assert_eq!(intake(&input), Ok(()), "intake refuses {input}");
        assert!(schema.is_valid(&input), "the schema refuses {input}");
    }
    let invalid_shape = [
        json!(["body"]),
        json!("Text."),
        json!({}),
        json!({"title": "No text"}),
        json!({"body": null, "html": null}),
        json!({"body": 5}),
        json!({"html": ["<p>"]}),
        json!({"id": "  ", "body": "Text."}),
        json!({"id": true, "body": "Text."}),
        json!({"id": {"n": 1}, "body": "Text."}),
        json!({"body": "Text.", "author": ["A", 1]}),
        json!({"body": "Text.", "author": 7}),
        json!({"body": "Text.", "url": 1}),
        json!({"body": "Text.", "title": {}}),
        json!({"body": "Text.", "source": false}),
        json!({"body": "Text.", "language": ["en"]}),
        json!({"body": "Text.", "published_at": true}),
    ];
    for input in invalid_shape {
        assert_eq!(
            intake(&input),
            Err(RejectCode::InvalidShape),
            "intake takes {input}"
        );
        assert!(!schema.is_valid(&input), "the schema takes {input}");
    }
    // Shape is the schema's part; a blank text is only found by reading it.
    let blank = json!({"body": "   "});
    assert!(schema.is_valid(&blank));
    assert_eq!(intake(&blank), Err(RejectCode::Empty));
}

#[test]
fn the_input_example_enriched_is_a_valid_output() {
    use crate::processor::{Incoming, Outcome, Processor, ProcessorOptions};
    use enricher_nlp::pipeline::Pipeline;
    use enricher_nlp::registry::{self, ModuleSettings};

    let names = ["language", "stats", "fingerprint"].map(String::from);
    let modules = registry::build(&names, &ModuleSettings::default()).expect("modules");
    let processor = Processor::new(
        Pipeline::new(modules),
        ProcessorOptions::unlimited(),
        "test".into(),
    );
    let body = parsed(&INPUT)["examples"][0].to_string();
    let outcome = processor.process(&Incoming {
        input: RawInput {
            body: body.as_bytes(),
            content_type: Some("application/json"),
            ..RawInput::default()
        },
        routing_key: "in",
        received_at: chrono::Utc::now(),
    });
    let Outcome::Enriched { body, .. } = outcome else {
        panic!("the example is rejected: {outcome:?}");
    };
    let output: Value = serde_json::from_slice(&body).unwrap();
    let schema = validator(&OUTPUT);
    let errors: Vec<String> = schema.iter_errors(&output).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{output:#}");
    assert_eq!(
        output["article"]["metadata"],
        json!({"desk": "world", "feed": "rss-7"})
    );
    let mut without_processing = output.clone();
    without_processing
        .as_object_mut()
        .unwrap()
        .remove("processing");
    assert!(!schema.is_valid(&without_processing));
}
