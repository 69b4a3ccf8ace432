//! The command line: configuration errors exit 2 naming the key, check-config redacts, enrich prints one line per input, eval prints scores (sentences, entities), --version names the commit, models lists the embedded data as NOTICE does, schema prints the published schemas.

mod common;

use std::process::{Command, Output};

use common::{Broker, Names};
use lapin::types::FieldTable;

fn enricher(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_enricher"));
    command
        .current_dir(common::workspace_root())
        .args(args)
        .env_remove("ENRICHER_CONFIG")
        .env_remove("RUST_LOG");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run enricher")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_bad_config_key_exits_2_and_names_it() {
    let output = enricher(&["check-config"], &[("ENRICHER__INPUT__PREFECTH", "10")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("input.prefecth"),
        "{}",
        stderr(&output)
    );

    let output = enricher(&["run"], &[("ENRICHER__INPUT__QUEUE_TYPE", "stream")]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "run refuses a bad value before connecting"
    );
    assert!(
        stderr(&output).contains("input.queue_type"),
        "{}",
        stderr(&output)
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[pipeline]\nmodules = [\"stats\", \"astrology\"]\n").unwrap();
    let output = enricher(&["check-config", "--config", file.to_str().unwrap()], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("pipeline.modules") && stderr(&output).contains("astrology"));

    let output = enricher(
        &["check-config"],
        &[("ENRICHER_CONFIG", "/nonexistent/enricher.toml")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("/nonexistent/enricher.toml"));

    // A bad tag rule stops every command that builds the pipeline, naming the rule.
    let rules = dir.path().join("tags.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nname = \"war-watch\"\n[rule.any]\nregex = [\"(unclosed\"]\n",
    )
    .unwrap();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/menafn-ukrinform-2024-10-28.txt"
    );
    for args in [&["check-config"][..], &["enrich", fixture][..]] {
        let output = enricher(args, &[("ENRICHER__TAGS__FILE", rules.to_str().unwrap())]);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("tags.file") && stderr(&output).contains("war-watch"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn a_module_before_one_it_reads_from_exits_2_naming_both() {
    for command in ["check-config", "run"] {
        let output = enricher(
            &[command],
            &[("ENRICHER__PIPELINE__MODULES", "quotes,entities")],
        );
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{command}: {message}");
        assert!(
            message.contains("quotes") && message.contains("entities"),
            "{command}: {message}"
        );
    }

    // The same modules in an order that works pass.
    let output = enricher(
        &["check-config"],
        &[("ENRICHER__PIPELINE__MODULES", "entities,quotes")],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    // Without `entities` at all, `quotes` runs (speakers unknown) with a warning.
    let output = enricher(
        &["check-config"],
        &[("ENRICHER__PIPELINE__MODULES", "quotes")],
    );
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(
        message.contains("quotes") && message.contains("Entities"),
        "{message}"
    );
}

#[test]
fn a_comma_in_amqp_url_exits_2_naming_the_setting_without_printing_a_password() {
    let url = "amqp://user:first-secret@a:5672/%2f,amqp://user:second-secret@b:5672/%2f";
    for command in ["check-config", "run"] {
        let output = enricher(&[command], &[("ENRICHER__AMQP__URL", url)]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        let text = format!(
            "{}{}",
            stderr(&output),
            String::from_utf8_lossy(&output.stdout)
        );
        assert!(
            text.contains("amqp.url") && text.contains("comma"),
            "{command}: {text}"
        );
        assert!(
            !text.contains("secret"),
            "{command} printed a password: {text}"
        );
    }
}

#[test]
fn check_config_rejects_what_run_rejects_in_the_url() {
    for url in [
        "amqp://guest:guest@127.0.0.1:5672/%2f?heartbeat=abc",
        "amqp://guest:guest@127.0.0.1:5672/%2f?frame_max=-1",
        "amqp:///%2f",
    ] {
        for command in ["check-config", "run"] {
            let output = enricher(&[command], &[("ENRICHER__AMQP__URL", url)]);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{command} {url}: {}",
                stderr(&output)
            );
            assert!(stderr(&output).contains("amqp.url"), "{}", stderr(&output));
        }
    }
}

#[test]
fn tls_files_are_checked_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("ca.pem");
    std::fs::write(&not_pem, "not a certificate").unwrap();
    let cases: [(&[(&str, &str)], &str); 3] = [
        (
            &[("ENRICHER__AMQP__TLS__CA_FILE", not_pem.to_str().unwrap())],
            "amqp.tls",
        ),
        (
            &[
                ("ENRICHER__AMQP__URL", "amqps://guest:guest@localhost/%2f"),
                ("ENRICHER__AMQP__TLS__CA_FILE", not_pem.to_str().unwrap()),
            ],
            "no PEM certificate",
        ),
        (
            &[
                ("ENRICHER__AMQP__URL", "amqps://guest:guest@localhost/%2f"),
                ("ENRICHER__AMQP__TLS__CERT_FILE", not_pem.to_str().unwrap()),
            ],
            "key_file",
        ),
    ];
    for (env, expected) in cases {
        let output = enricher(&["check-config"], env);
        assert_eq!(output.status.code(), Some(2), "{env:?}");
        assert!(
            stderr(&output).contains(expected),
            "{env:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn version_prints_the_package_version_and_the_commit_built_from() {
    let output = enricher(&["--version"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = String::from_utf8(output.stdout).unwrap();
    let prefix = format!("enricher {} (commit ", env!("CARGO_PKG_VERSION"));
    let commit = printed
        .trim_end()
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("expected `{prefix}COMMIT)`, got {printed:?}"));
    let hex = (4..=40).contains(&commit.len()) && commit.bytes().all(|b| b.is_ascii_hexdigit());
    assert!(hex || commit == "unknown", "{commit:?}");

    // Built in a git checkout without ENRICHER_GIT_COMMIT: the commit is HEAD's.
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(common::workspace_root())
        .output();
    if let Ok(head) = head
        && head.status.success()
        && option_env!("ENRICHER_GIT_COMMIT").is_none()
    {
        let head = String::from_utf8_lossy(&head.stdout);
        assert!(
            hex && head.trim().starts_with(commit),
            "--version says {commit}, HEAD is {head}"
        );
    }
}

#[test]
fn check_config_prints_the_layered_settings_with_the_password_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("worker.toml");
    std::fs::write(&file, "[input]\nprefetch = 77\nqueue = \"from-file\"\n").unwrap();
    let output = enricher(
        &["check-config", "--config", file.to_str().unwrap()],
        &[
            (
                "ENRICHER__AMQP__URL",
                "amqps://svc:hunter2@broker.internal:5671/prod",
            ),
            ("ENRICHER__INPUT__PREFETCH", "99"),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = String::from_utf8(output.stdout).unwrap();
    assert!(!printed.contains("hunter2"), "{printed}");
    assert!(printed.contains("svc:***@broker.internal"), "{printed}");
    assert!(printed.contains("queue = \"from-file\""), "{printed}");
    assert!(
        printed.contains("prefetch = 99"),
        "environment wins over the file: {printed}"
    );
    let parsed: toml::Value = toml::from_str(&printed).expect("check-config prints TOML");
    assert!(parsed.get("telemetry").is_some());
}

#[test]
fn enrich_prints_one_line_per_input_in_order_and_exits_3_when_some_fail() {
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("batch.jsonl");
    std::fs::write(
        &lines,
        "{\"id\":\"a\",\"body\":\"First article. It has two sentences.\"}\n\n{\"id\":\"b\",\"title\":\"no body\"}\nnot json\n{\"id\":\"c\",\"body\":\"Third.\"}\n",
    )
    .unwrap();
    let text = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/menafn-ukrinform-2024-10-28.txt"
    );
    let output = enricher(&["enrich", lines.to_str().unwrap(), text], &[]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let printed: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(printed.len(), 5, "{stdout}");
    assert_eq!(printed[0]["id"], "a");
    assert_eq!(printed[0]["stats"]["sentences"], 2);
    assert_eq!(printed[1]["id"], "b");
    assert_eq!(printed[1]["error"]["code"], "invalid_shape");
    assert_eq!(printed[2]["error"]["code"], "invalid_json");
    assert_eq!(printed[3]["id"], "c");
    assert!(
        printed[4]["article"]["text"]
            .as_str()
            .unwrap()
            .contains("Rutte")
    );
    let validator = common::schema();
    for enriched in [&printed[0], &printed[3], &printed[4]] {
        common::assert_valid(&validator, enriched);
    }
}

/// The modules whose models are English only.
const ENGLISH_ONLY: [&str; 5] = ["topics", "sentiment", "amounts", "dates", "summary"];

#[test]
fn articles_in_other_languages_get_no_english_only_output_and_say_why() {
    let articles = [
        (
            "fr",
            "Le gouvernement a présenté mercredi un projet de loi sur les retraites. Les syndicats appellent à la grève dans les transports publics et les écoles la semaine prochaine, tandis que l'opposition dénonce une réforme injuste pour les salariés.",
        ),
        (
            "de",
            "Die Bundesregierung hat am Mittwoch einen Gesetzentwurf zur Rente vorgestellt. Die Gewerkschaften rufen für die kommende Woche zu Streiks im Nahverkehr auf, die Opposition kritisiert die Reform als ungerecht für die Beschäftigten. Die Kinder spielen im Garten, die Sonne scheint.",
        ),
        (
            "es",
            "El Gobierno presentó el miércoles un proyecto de ley sobre las pensiones. Los sindicatos convocan una huelga en el transporte público la próxima semana, mientras la oposición denuncia una reforma injusta para los trabajadores y pide 5 mil millones de euros.",
        ),
        (
            "ru",
            "Правительство в среду представило законопроект о пенсиях. Профсоюзы призвали к забастовке на общественном транспорте на следующей неделе, а оппозиция назвала реформу несправедливой по отношению к работникам.",
        ),
        (
            "zh",
            "政府星期三提出了一项关于养老金的法案。工会呼吁下周在公共交通系统举行罢工，反对派则批评这项改革对工人不公平。",
        ),
        (
            "en",
            "The government presented a pensions bill on Wednesday. Unions called a strike on public transport next week, while the opposition called the reform unfair to workers.",
        ),
    ];
    // Words every stop-word list of the language has, which keywords must not be.
    let stop_words: &[(&str, &[&str])] = &[
        ("fr", &["le", "la", "les", "de", "et", "à", "un", "une"]),
        ("de", &["die", "der", "das", "und", "im", "für", "am", "zu"]),
        ("es", &["el", "la", "los", "de", "en", "y", "un", "una"]),
        ("ru", &["в", "и", "на", "о", "по", "а", "к"]),
    ];
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("languages.jsonl");
    let body: String = articles
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "body": text}).to_string() + "\n")
        .collect();
    std::fs::write(&lines, body).unwrap();
    let output = enricher(&["enrich", lines.to_str().unwrap()], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let validator = common::schema();
    for (line, (code, _)) in String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .zip(articles)
    {
        let json: serde_json::Value = serde_json::from_str(line).unwrap();
        common::assert_valid(&validator, &json);
        assert_eq!(json["language"]["code"], code, "{json}");
        let skipped: Vec<(String, String)> = json["processing"]["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["module"].as_str().unwrap().to_owned(),
                    s["reason"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        if code == "en" {
            assert!(
                json["topics"].as_array().is_some_and(|t| !t.is_empty()),
                "{json}"
            );
            assert!(skipped.is_empty(), "{json}");
            continue;
        }
        // Spaceless scripts get no entities, quotes or keywords either.
        let mut expected: Vec<&str> = ENGLISH_ONLY.to_vec();
        if code == "zh" {
            expected.extend(["entities", "quotes", "keywords"]);
        } else {
            assert!(json["entities"].is_array(), "{code}: {json}");
            assert!(json["quotes"].is_array(), "{code}: {json}");
        }
        for module in &expected {
            assert!(json.get(*module).is_none(), "{code}: {module} ran: {json}");
            assert!(
                skipped.contains(&(module.to_string(), format!("language {code} not supported"))),
                "{code}: {module} not named in {skipped:?}"
            );
        }
        assert_eq!(skipped.len(), expected.len(), "{code}: {skipped:?}");
        if let Some((_, words)) = stop_words.iter().find(|(c, _)| *c == code) {
            let keywords = json["keywords"].as_array().expect("keywords ran");
            assert!(!keywords.is_empty(), "{code}: {json}");
            for keyword in keywords {
                let term = keyword["term"].as_str().unwrap().to_lowercase();
                let parts: Vec<&str> = term.split_whitespace().collect();
                for edge in [parts.first(), parts.last()].into_iter().flatten() {
                    assert!(
                        !words.contains(edge),
                        "{code}: {term:?} has a stop word at an end"
                    );
                }
            }
        }
    }
}

/// Each line of `stdout`, parsed.
fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Run `enricher` with `input` on its stdin.
fn enricher_with_stdin(args: &[&str], env: &[(&str, &str)], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_enricher"))
        .current_dir(common::workspace_root())
        .args(args)
        .env_remove("ENRICHER_CONFIG")
        .env_remove("RUST_LOG")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread, so that a large input cannot block against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

#[test]
fn enrich_reads_stdin_and_honours_a_forced_content_type() {
    let output = enricher_with_stdin(
        &["enrich", "--content-type", "text/plain", "-"],
        &[],
        br#"{"body": "this JSON is read as text"}"#,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        printed["article"]["text"],
        r#"{"body": "this JSON is read as text"}"#
    );
}

#[test]
fn enrich_jsonl_from_stdin_keeps_the_order_and_count_on_several_threads() {
    let input: String = (0..40)
        .map(|n| {
            // Lengths that differ, so that the threads finish out of order.
            let body =
                "The minister met the union leaders in Berlin on Tuesday. ".repeat(1 + n % 7 * 5);
            serde_json::json!({"id": format!("art-{n}"), "body": body}).to_string() + "\n"
        })
        .collect();
    let output = enricher_with_stdin(&["enrich", "--jsonl", "--jobs", "3"], &[], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    let expected: Vec<String> = (0..40).map(|n| format!("\"art-{n}\"")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn enrich_jsonl_with_a_failed_line_writes_its_error_in_place_and_exits_3() {
    let input =
        "{\"id\":\"a\",\"body\":\"First.\"}\nnot json\n{\"id\":\"c\",\"body\":\"Third.\"}\n";
    let output = enricher_with_stdin(&["enrich", "--jsonl", "--jobs", "2"], &[], input.as_bytes());
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("1 of 3 inputs could not be enriched"),
        "{}",
        stderr(&output)
    );
    let printed = json_lines(&output.stdout);
    assert_eq!(printed.len(), 3);
    assert_eq!(printed[0]["id"], "a");
    assert_eq!(printed[1]["error"]["code"], "invalid_json");
    assert_eq!(printed[2]["id"], "c");

    // A line over input.max_message_bytes is a too_large line, and the next one goes on.
    let long = format!("{{\"id\":\"long\",\"body\":\"{}\"}}\n", "word ".repeat(400));
    let input = format!("{long}{{\"id\":\"short\",\"body\":\"Short.\"}}\n");
    let output = enricher_with_stdin(
        &["enrich", "--jsonl"],
        &[("ENRICHER__INPUT__MAX_MESSAGE_BYTES", "1000")],
        input.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let printed = json_lines(&output.stdout);
    assert_eq!(printed.len(), 2);
    assert_eq!(printed[0]["error"]["code"], "too_large", "{}", printed[0]);
    assert_eq!(printed[1]["id"], "short");
}

#[test]
fn piping_json_lines_without_the_flag_exits_2_with_the_hint_but_one_article_works() {
    let input = "{\"id\":\"a\",\"body\":\"First.\"}\n{\"id\":\"b\",\"body\":\"Second.\"}\n";
    let output = enricher_with_stdin(&["enrich"], &[], input.as_bytes());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(
        stderr(&output).trim_end(),
        "error: stdin looks like JSON Lines (one article per line); pass --jsonl"
    );
    assert!(output.stdout.is_empty());

    // One article printed over many lines is still one article.
    let pretty = "{\n  \"id\": \"pretty\",\n  \"body\": \"One article. On many lines.\"\n}\n";
    let output = enricher_with_stdin(&["enrich", "-"], &[], pretty.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(printed["id"], "pretty");
    assert_eq!(printed["stats"]["sentences"], 2);
}

#[test]
fn eval_sentences_prints_the_scores_of_a_conll_file() {
    let output = enricher(
        &[
            "eval",
            "sentences",
            "tests/fixtures/conll/snippet.conll",
            "--mistakes",
            "5",
        ],
        &[],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        printed.contains("3 documents, 10 gold sentences"),
        "{printed}"
    );
    assert!(
        printed.contains("precision") && printed.contains("1.0000"),
        "{printed}"
    );
    assert!(printed.contains("sentences/s"), "{printed}");
}

#[test]
fn eval_sentences_on_a_missing_file_fails_naming_it() {
    let output = enricher(&["eval", "sentences", "no/such/eng.testa"], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no/such/eng.testa"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn eval_ner_prints_scores_per_type_and_speed() {
    let output = enricher(&["eval", "ner", "tests/fixtures/conll/snippet.conll"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = String::from_utf8_lossy(&output.stdout);
    for needle in [
        "PER",
        "ORG",
        "LOC",
        "MISC",
        "overall",
        "tokens/s",
        "model loaded",
        "product path",
    ] {
        assert!(printed.contains(needle), "{needle} missing in {printed}");
    }
}

#[test]
fn train_ner_cross_validates_by_document_and_writes_no_model() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let model = dir.path().join("ner.bin");
    let snippet = "tests/fixtures/conll/snippet.conll";
    let output = enricher(
        &[
            "train",
            "ner",
            "--train",
            snippet,
            "--dev",
            snippet,
            "--geonames",
            "tests/fixtures/geo",
            "--names",
            "tests/fixtures/ner-names",
            "--epochs",
            "2",
            "--cv",
            "2",
            "--out",
            model.to_str().unwrap(),
        ],
        &[],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        printed
            .lines()
            .filter(|l| l.trim_start().starts_with(char::is_numeric))
            .count(),
        2,
        "{printed}"
    );
    assert!(
        printed.contains("mean") && printed.contains("product-path F1"),
        "{printed}"
    );
    assert!(!model.exists(), "--cv writes no model");
}

#[test]
fn eval_ner_with_a_damaged_model_fails_saying_so() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let model = dir.path().join("ner.bin");
    std::fs::write(&model, b"ENRICHNER not really a model").expect("write the model");
    let output = enricher(
        &[
            "eval",
            "ner",
            "tests/fixtures/conll/snippet.conll",
            "--model",
            model.to_str().expect("UTF-8 path"),
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("entity tagger model"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test]
async fn an_existing_queue_with_other_arguments_exits_2_naming_the_queue_and_argument() {
    let names = Names::new("cli-mismatch");
    let broker = Broker::connect(names.clone()).await;
    // A classic queue of that name already exists; the worker wants a quorum queue.
    broker
        .declare_queue(&names.input_queue, FieldTable::default())
        .await;
    let mut env: Vec<(String, String)> = names.worker_env();
    env.push((
        "ENRICHER__HTTP__LISTEN".into(),
        format!("127.0.0.1:{}", common::free_port()),
    ));
    let output = tokio::task::spawn_blocking(move || {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        enricher(&["run"], &env)
    })
    .await
    .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains(&names.input_queue), "{message}");
    assert!(
        message.contains("x-queue-type") || message.contains("x-dead-letter-exchange"),
        "{message}"
    );
}

#[test]
fn reported_speech_kinds_speakers_and_page_furniture_through_enrich() {
    let text = "Ontario Premier Doug Ford said on Monday the province would build the new highway.\n\n\
                Nathan Denette/The Canadian Press\n\n\
                \"We are getting it done,\" Ford told reporters.\n\n\
                Article Continued Below\n\n\
                Critics said the plan was \"a gift to developers\" and would cost billions.\n\n\
                A Toronto Transit Commission spokesman said the subway schedule would not change.";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ford.txt");
    std::fs::write(&path, text).unwrap();
    let output = enricher(&["enrich", path.to_str().unwrap()], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    common::assert_valid(&common::schema(), &json);
    let article = json["article"]["text"].as_str().unwrap();
    assert!(!article.contains("Article Continued Below"), "{article}");
    assert!(!article.contains("Canadian Press"), "{article}");
    let chars: Vec<char> = article.chars().collect();
    let quotes = json["quotes"].as_array().unwrap();
    let kinds: Vec<&str> = quotes.iter().map(|q| q["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["indirect", "direct", "mixed", "indirect"],
        "{quotes:#?}"
    );
    assert_eq!(
        quotes[0]["text"], "the province would build the new highway",
        "{quotes:#?}"
    );
    assert_eq!(quotes[0]["verb"], "say");
    assert_eq!(quotes[1]["verb"], "tell");
    for quote in &quotes[..2] {
        assert_eq!(quote["speaker"], "Doug Ford", "{quote:#}");
        let mention = &quote["speaker_mention"];
        let (start, end) = (
            mention["start"].as_u64().unwrap() as usize,
            mention["end"].as_u64().unwrap() as usize,
        );
        let named: String = chars[start..end].iter().collect();
        assert!(named.ends_with("Ford"), "{named}");
    }
    assert!(
        quotes[2]["text"]
            .as_str()
            .unwrap()
            .contains("\"a gift to developers\"")
    );
    assert_eq!(quotes[2]["speaker"], serde_json::Value::Null);
    assert_eq!(quotes[3]["speaker"], serde_json::Value::Null);
    assert_eq!(
        quotes[3]["on_behalf_of"], "Toronto Transit Commission",
        "{:#}",
        quotes[3]
    );
}

#[test]
fn models_lists_every_embedded_file_with_its_terms_and_notice_is_its_output() {
    let output = enricher(&["models"], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let listed = String::from_utf8(output.stdout).unwrap();
    assert!(listed.contains("crates/nlp/models/ner.bin"), "{listed}");
    assert!(listed.contains("GeoNames: CC BY 4.0"), "{listed}");

    // The English tagger (CoNLL-2003, Reuters) and the German one (WikiNEuRal)
    // carry a warning on the lines after their names; the gazetteer does not.
    let block = |name: &str| {
        let start = listed
            .find(&format!("{name}\n"))
            .unwrap_or_else(|| panic!("{name} not listed:\n{listed}"));
        let rest = &listed[start..];
        rest[..rest.find("\n\n").unwrap_or(rest.len())].to_string()
    };
    assert!(block("crates/nlp/models/ner.bin").contains("WARNING: research use only"));
    assert!(block("crates/nlp/models/ner-de.bin.gz").contains("WARNING: non-commercial"));
    assert!(block("crates/nlp/models/topics.bin").contains("WARNING: non-commercial"));
    assert!(!block("crates/nlp/models/gazetteer.bin").contains("WARNING"));

    // Every file under models/ is named, so a new one cannot ship unlisted.
    let models = common::workspace_root().join("crates/nlp/models");
    for entry in std::fs::read_dir(&models).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if file != "README.md" {
            assert!(
                listed.contains(&format!("crates/nlp/models/{file}")),
                "{file} is compiled in but `enricher models` does not list it"
            );
        }
    }

    // NOTICE is this output, byte for byte: `enricher models > NOTICE` after a change.
    let notice = std::fs::read_to_string(common::workspace_root().join("NOTICE")).unwrap();
    assert!(
        notice == listed,
        "NOTICE differs from `enricher models`: run `enricher models > NOTICE`"
    );
}

#[test]
fn schema_prints_the_published_schemas_and_the_input_example_enriches_to_a_valid_output() {
    for (which, file) in [
        ("input", "schemas/input-article.v1.json"),
        ("output", "schemas/enriched-article.v1.json"),
    ] {
        let output = enricher(&["schema", which], &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let on_disk = std::fs::read(common::workspace_root().join(file)).unwrap();
        assert!(
            output.stdout == on_disk,
            "`enricher schema {which}` differs from {file}"
        );
    }
    let unknown = enricher(&["schema", "dead-letter"], &[]);
    assert_eq!(unknown.status.code(), Some(2));

    // The producers' example, enriched by every module, is an output the
    // printed schema takes (every other test's outputs are checked with it too).
    let example = common::printed_schema("input")["examples"][0].to_string();
    let example_file = tempfile::NamedTempFile::with_suffix(".json").unwrap();
    std::fs::write(example_file.path(), example).unwrap();
    let output = enricher(&["enrich", example_file.path().to_str().unwrap()], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["id"], "ukrinform-3921705");
    common::assert_valid(&common::schema(), &json);
}
