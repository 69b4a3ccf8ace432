//! Broken web pages through the running worker: each becomes a clean article or a dead letter with a stable code, and the worker keeps going.

mod common;

use std::time::Duration;

use common::{Broker, Names, Worker, headers, short};
use lapin::BasicProperties;

const PARAGRAPH: &str = "The council voted on Tuesday to reopen the bridge in the spring, \
    ending eighteen months of detours for the people who cross the river every day.";

/// An ordinary article page with `paragraphs` paragraphs.
fn page(paragraphs: usize) -> String {
    let body: String = (0..paragraphs)
        .map(|i| format!("<p>{i}: {PARAGRAPH}</p>"))
        .collect();
    format!(
        "<!doctype html><html><head><title>Bridge to reopen</title></head>\
         <body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
    )
}

/// What a case must become: an output whose text contains the string, or a dead letter with the code.
enum Outcome {
    Text(&'static str),
    Dead(&'static str),
}

#[tokio::test]
async fn broken_pages_become_clean_text_or_dead_letters_with_a_code() {
    let broker = Broker::connect(Names::new("bad-pages")).await;
    let mut worker = Worker::start(
        &broker.names,
        &[("ENRICHER__INPUT__MAX_MESSAGE_BYTES", "16000000")],
    );
    let arabic = "صوّت المجلس يوم الثلاثاء على إعادة فتح الجسر في الربيع، منهياً ثمانية عشر شهراً من التحويلات للناس الذين يعبرون النهر كل يوم.";
    let full = page(4);
    let cases: Vec<(&str, Vec<u8>, Option<&str>, Outcome)> = vec![
        (
            "truncated inside a tag",
            full.as_bytes()[..full.len() - 40].to_vec(),
            Some("text/html"),
            Outcome::Text("eighteen months"),
        ),
        (
            "malformed markup",
            format!("<html><body><p>Unclosed <b>bold <i>{PARAGRAPH}<div><p class='x>oops</b>")
                .into_bytes(),
            Some("text/html"),
            Outcome::Text("eighteen months"),
        ),
        (
            "no article",
            b"<html><head><title>Home</title></head><body><nav><ul><li><a href='/a'>News</a></li></ul></nav></body></html>"
                .to_vec(),
            Some("text/html"),
            Outcome::Dead("empty"),
        ),
        (
            "ten megabytes",
            page(66_000).into_bytes(),
            Some("text/html"),
            Outcome::Text("65999: The council"),
        ),
        (
            "ten thousand nested tags",
            format!(
                "<html><body>{}<p>{PARAGRAPH}</p>{}</body></html>",
                "<div>".repeat(10_000),
                "</div>".repeat(10_000)
            )
            .into_bytes(),
            Some("text/html"),
            Outcome::Text("eighteen months"),
        ),
        (
            "wrong declared charset",
            format!("<html><head><meta charset=shift_jis></head><body><article><p>{PARAGRAPH} Café.</p></article></body></html>")
                .into_bytes(),
            Some("text/html"),
            Outcome::Text("eighteen months"),
        ),
        (
            "NUL bytes",
            page(2).replace("council", "coun\0cil").into_bytes(),
            Some("text/html"),
            Outcome::Text("The council voted"),
        ),
        (
            "right to left",
            format!("<html lang=ar dir=rtl><body><article><p>{arabic}</p><p>{arabic}</p></article></body></html>")
                .into_bytes(),
            None,
            Outcome::Text("صوّت المجلس"),
        ),
        (
            "JSON html not a string",
            br#"{"id": "html-number", "html": 42}"#.to_vec(),
            Some("application/json"),
            Outcome::Dead("invalid_shape"),
        ),
    ];
    for (index, (_, body, content_type, _)) in cases.iter().enumerate() {
        let mut properties = BasicProperties::default()
            .with_message_id(short(&format!("page-{index}")))
            .with_headers(headers(&[("x-case", &index.to_string())]));
        if let Some(content_type) = content_type {
            properties = properties.with_content_type(short(content_type));
        }
        broker.publish("news.pages", body, properties).await;
    }
    let expected_dead = cases
        .iter()
        .filter(|case| matches!(case.3, Outcome::Dead(_)))
        .count();
    // The 10 MB page goes through every default module in a debug build on a
    // shared 2-core machine: minutes, not seconds. The waits end as soon as
    // everything has arrived.
    let dead = broker
        .collect(
            &broker.names.dead_letter_queue.clone(),
            expected_dead,
            Duration::from_secs(300),
        )
        .await;
    let outputs = broker
        .outputs(cases.len() - expected_dead, Duration::from_secs(300))
        .await;
    for letter in &dead {
        let index: usize = letter.header("x-case").unwrap().parse().unwrap();
        let (name, body, _, outcome) = &cases[index];
        let Outcome::Dead(code) = outcome else {
            panic!(
                "{name} was dead-lettered: {:?}",
                letter.header("x-enricher-error-detail")
            );
        };
        assert_eq!(
            letter.header("x-enricher-error").as_deref(),
            Some(*code),
            "{name}"
        );
        assert_eq!(&letter.body, body, "{name}: body unchanged");
    }
    for output in &outputs {
        let json = output.json();
        let id = json["id"].as_str().unwrap();
        let index: usize = id.trim_start_matches("page-").parse().unwrap();
        let (name, _, _, outcome) = &cases[index];
        let Outcome::Text(wanted) = outcome else {
            panic!("{name} was published, not dead-lettered");
        };
        let text = json["article"]["text"].as_str().unwrap();
        assert!(text.contains(wanted), "{name}: {text:.300}");
        assert!(
            !text.contains('<') && !text.contains('\0'),
            "{name}: {text:.300}"
        );
    }
    assert_eq!(
        dead.len() + outputs.len(),
        cases.len(),
        "every page was settled once"
    );
    let rtl = outputs
        .iter()
        .map(|o| o.json())
        .find(|j| j["id"] == "page-7")
        .expect("the right-to-left page was published");
    assert_eq!(rtl["language"]["code"], "ar");
    assert!(
        worker.wait_ready(Duration::from_secs(5)),
        "the worker is still ready"
    );
    worker.stop();
    assert_eq!(broker.depth(&broker.names.input_queue).await, 0);
}
