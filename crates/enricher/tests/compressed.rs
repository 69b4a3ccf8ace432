//! Compressed input through a real broker: gzip and deflate bodies are enriched, a 10 GiB gzip bomb is dead-lettered as `too_large` and the worker goes on.

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use common::{Broker, Names, Worker, short};
use flate2::Compression;
use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
use lapin::BasicProperties;

fn json_article(id: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "id": id,
        "title": "Rates on hold",
        "body": common::sample_body(7),
        "published_at": "October 28, 2024 10:30 AM EST",
    }))
    .unwrap()
}

fn compress<W: Write>(mut encoder: W, body: &[u8]) -> W {
    encoder.write_all(body).unwrap();
    encoder
}

#[tokio::test]
async fn gzip_and_deflate_bodies_are_enriched_as_if_sent_uncompressed() {
    let broker = Broker::connect(Names::new("compressed")).await;
    let _worker = Worker::start(&broker.names, &[]);
    let gzip = compress(
        GzEncoder::new(Vec::new(), Compression::default()),
        &json_article("gz-1"),
    )
    .finish()
    .unwrap();
    let zlib = compress(
        ZlibEncoder::new(Vec::new(), Compression::default()),
        &json_article("zlib-1"),
    )
    .finish()
    .unwrap();
    let raw = compress(
        DeflateEncoder::new(Vec::new(), Compression::default()),
        &json_article("raw-1"),
    )
    .finish()
    .unwrap();
    for (body, encoding) in [(&gzip, "gzip"), (&zlib, "deflate"), (&raw, "deflate")] {
        broker
            .publish(
                "news.compressed",
                body,
                BasicProperties::default()
                    .with_content_type(short("application/json"))
                    .with_content_encoding(short(encoding)),
            )
            .await;
    }
    let outputs = broker.outputs(3, Duration::from_secs(20)).await;
    let mut ids: Vec<String> = outputs
        .iter()
        .map(|output| {
            let json = output.json();
            assert_eq!(json["article"]["title"], "Rates on hold");
            assert_eq!(json["article"]["published_at"], "2024-10-28T15:30:00Z");
            assert!(json["stats"]["words"].as_u64().unwrap() > 400, "{json}");
            json["id"].as_str().unwrap().to_owned()
        })
        .collect();
    ids.sort();
    assert_eq!(ids, ["gz-1", "raw-1", "zlib-1"]);
    assert_eq!(broker.depth(&broker.names.dead_letter_queue).await, 0);
}

/// A valid gzip stream of `count` × `segment` bytes of zeros, built without
/// compressing them all. Each segment after the first is the same deflate
/// output (a sync flush leaves the stream byte-aligned and the window all
/// zeros), so it is compressed three times and repeated; the trailer's CRC is
/// combined, not computed over the whole.
fn zeros_gzip(segment: usize, count: usize) -> Vec<u8> {
    let zeros = vec![0u8; segment];
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    let mut ends = Vec::new();
    for _ in 0..3 {
        encoder.write_all(&zeros).unwrap();
        encoder.flush().unwrap();
        ends.push(encoder.get_ref().len());
    }
    let stream = encoder.finish().unwrap();
    let (first, repeated, again, last) = (
        &stream[..ends[0]],
        &stream[ends[0]..ends[1]],
        &stream[ends[1]..ends[2]],
        &stream[ends[2]..],
    );
    assert_eq!(repeated, again, "each further segment compresses the same");
    let mut one = flate2::Crc::new();
    one.update(&zeros);
    let mut crc = flate2::Crc::new();
    let mut body = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    body.extend_from_slice(first);
    crc.combine(&one);
    for _ in 1..count {
        body.extend_from_slice(repeated);
        crc.combine(&one);
    }
    body.extend_from_slice(last);
    body.extend_from_slice(&crc.sum().to_le_bytes());
    body.extend_from_slice(&crc.amount().to_le_bytes());
    body
}

#[test]
fn the_bomb_builder_makes_valid_gzip() {
    let small = zeros_gzip(1 << 20, 5);
    let mut inflated = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&small[..]), &mut inflated)
        .expect("a valid gzip stream, CRC and length included");
    assert_eq!(inflated.len(), 5 << 20);
    assert!(inflated.iter().all(|&b| b == 0));
}

#[tokio::test]
async fn a_ten_gib_gzip_bomb_is_too_large_fast_and_the_worker_goes_on() {
    let broker = Broker::connect(Names::new("gzip-bomb")).await;
    let mut worker = Worker::start(&broker.names, &[]);
    let built = Instant::now();
    // 640 × 16 MiB: long segments keep the per-block overhead small enough for
    // the whole to stay under the 10 MiB the worker accepts as sent.
    let bomb = zeros_gzip(16 << 20, 640);
    eprintln!(
        "gzip bomb: 10 GiB of zeros in {} bytes (built in {:?})",
        bomb.len(),
        built.elapsed()
    );
    // Under input.max_message_bytes (10 MiB by default), so it is the inflated size that refuses it.
    assert!(bomb.len() < 10 * 1024 * 1024, "{}", bomb.len());
    let published = Instant::now();
    broker
        .publish(
            "news.bomb",
            &bomb,
            BasicProperties::default()
                .with_content_type(short("text/plain"))
                .with_content_encoding(short("gzip"))
                .with_message_id(short("bomb")),
        )
        .await;
    let dead = broker
        .collect(
            &broker.names.dead_letter_queue.clone(),
            1,
            Duration::from_secs(20),
        )
        .await;
    eprintln!(
        "gzip bomb dead-lettered {:?} after its publish was confirmed",
        published.elapsed()
    );
    assert_eq!(dead.len(), 1);
    assert_eq!(
        dead[0].header("x-enricher-error").as_deref(),
        Some("too_large")
    );
    assert!(
        dead[0]
            .header("x-enricher-error-detail")
            .unwrap()
            .contains("inflates"),
        "{:?}",
        dead[0].header("x-enricher-error-detail")
    );
    assert_eq!(
        dead[0].body.len(),
        bomb.len(),
        "the dead letter keeps the body as sent"
    );
    assert!(
        worker.child.try_wait().unwrap().is_none(),
        "the worker is alive"
    );
    broker
        .publish(
            "news.after",
            &compress(
                GzEncoder::new(Vec::new(), Compression::fast()),
                &json_article("after-bomb"),
            )
            .finish()
            .unwrap(),
            BasicProperties::default()
                .with_content_type(short("application/json"))
                .with_content_encoding(short("gzip")),
        )
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    assert_eq!(outputs.len(), 1, "the next message is enriched");
    assert_eq!(outputs[0].json()["id"], "after-bomb");
    worker.stop();
}
