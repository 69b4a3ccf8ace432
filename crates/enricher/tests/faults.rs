//! Faults of the peer, made with small fake servers: a listener that never speaks AMQP, and a proxy to the real broker that swallows the worker's connection close.

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Broker, Names, Worker};
use lapin::BasicProperties;

/// What a fake peer saw.
#[derive(Default)]
struct Seen {
    /// When each connection was accepted.
    accepted: Mutex<Vec<Instant>>,
    /// Connections the worker closed (read returned end of file).
    closed_by_worker: AtomicUsize,
    /// `connection.close` frames swallowed.
    closes_swallowed: AtomicUsize,
}

/// Accept connections on `listener` and hand each to `serve` on a thread of its own.
fn accept_loop(
    listener: TcpListener,
    seen: Arc<Seen>,
    serve: impl Fn(TcpStream, Arc<Seen>) + Send + Sync + 'static,
) {
    let serve = Arc::new(serve);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            seen.accepted.lock().unwrap().push(Instant::now());
            let (seen, serve) = (Arc::clone(&seen), Arc::clone(&serve));
            std::thread::spawn(move || serve(stream, seen));
        }
    });
}

/// Read everything the worker sends and never answer; note when it hangs up.
fn never_speak(mut stream: TcpStream, seen: Arc<Seen>) {
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => {
                seen.closed_by_worker.fetch_add(1, Ordering::SeqCst);
                return;
            }
            Ok(_) => {}
        }
    }
}

#[test]
fn a_peer_that_never_speaks_amqp_times_out_each_attempt_and_sigterm_still_exits_0() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Seen::default());
    accept_loop(listener, Arc::clone(&seen), never_speak);
    let names = Names::new("silent-peer");
    let log = tempfile::NamedTempFile::new().unwrap();
    let url = format!("amqp://guest:guest@127.0.0.1:{port}/%2f");
    let mut worker = Worker::spawn_logged(
        &names,
        &[
            ("ENRICHER__AMQP__URL", &url),
            ("ENRICHER__AMQP__CONNECT_TIMEOUT", "1s"),
            ("ENRICHER__SHUTDOWN__TIMEOUT", "3s"),
        ],
        log.path(),
    );
    let started = Instant::now();
    let timeout_logged = |log: &tempfile::NamedTempFile| {
        std::fs::read_to_string(log.path())
            .unwrap_or_default()
            .contains("no AMQP handshake within amqp.connect_timeout")
    };
    while !timeout_logged(&log) && started.elapsed() < Duration::from_secs(20) {
        assert_ne!(worker.get("/readyz").map(|(code, _)| code), Some(200));
        std::thread::sleep(Duration::from_millis(50));
    }
    let first = *seen
        .accepted
        .lock()
        .unwrap()
        .first()
        .expect("the worker dialled");
    assert!(timeout_logged(&log), "no handshake timeout was logged");
    assert!(
        first.elapsed() < Duration::from_secs(4),
        "the timeout came {:?} after the dial, with amqp.connect_timeout 1s",
        first.elapsed()
    );
    // It keeps trying, and hangs up on each silent attempt instead of leaving it open.
    let deadline = Instant::now() + Duration::from_secs(20);
    while (seen.accepted.lock().unwrap().len() < 3
        || seen.closed_by_worker.load(Ordering::SeqCst) < 2)
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        seen.accepted.lock().unwrap().len() >= 3,
        "the worker retries"
    );
    assert!(
        seen.closed_by_worker.load(Ordering::SeqCst) >= 2,
        "each timed-out attempt's socket is shut"
    );
    assert_eq!(worker.get("/readyz").map(|(code, _)| code), Some(503));
    assert_eq!(worker.get("/healthz").map(|(code, _)| code), Some(200));

    let signalled = Instant::now();
    worker.signal(libc::SIGTERM);
    let status = worker
        .wait_exit(Duration::from_secs(10))
        .expect("the worker exits after SIGTERM");
    assert!(status.success(), "exit status {status}");
    assert!(
        signalled.elapsed() < Duration::from_secs(3),
        "exit took {:?}, shutdown.timeout is 3s",
        signalled.elapsed()
    );
}

/// AMQP `connection.close`: a method frame on channel 0, class 10, method 50.
fn is_connection_close(frame_type: u8, channel: u16, payload: &[u8]) -> bool {
    frame_type == 1 && channel == 0 && payload.len() >= 4 && payload[..4] == [0, 10, 0, 50]
}

/// AMQP `connection.open`: channel 0, class 10, method 40.
fn is_connection_open(frame_type: u8, channel: u16, payload: &[u8]) -> bool {
    frame_type == 1 && channel == 0 && payload.len() >= 4 && payload[..4] == [0, 10, 0, 40]
}

/// How the relay treats a connection.
#[derive(Default)]
struct RelayMode {
    /// New connections stop passing the worker's frames on right after `connection.open`.
    stall_after_open: AtomicBool,
    /// Every connection stops passing anything, both ways, holding its sockets: a hung broker.
    frozen: AtomicBool,
}

impl RelayMode {
    /// Hold while frozen; false once the relay should stop.
    fn hold(&self) {
        while self.frozen.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Relay a connection to the real broker, as `mode` says. Stalled, the broker
/// keeps sending heartbeats, but nothing the worker asks (a channel, its
/// `connection.close`) is ever answered; frozen, nothing passes at all.
fn relay(client: TcpStream, seen: Arc<Seen>, mode: Arc<RelayMode>) {
    let stall = mode.stall_after_open.load(Ordering::SeqCst);
    let Ok(broker) = TcpStream::connect("127.0.0.1:5672") else {
        return;
    };
    let (mut from_broker, mut to_client) =
        (broker.try_clone().unwrap(), client.try_clone().unwrap());
    let back = Arc::clone(&mode);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 16 * 1024];
        loop {
            back.hold();
            match from_broker.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    back.hold();
                    if to_client.write_all(&buffer[..n]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = to_client.shutdown(Shutdown::Both);
    });
    let (mut from_client, mut to_broker) = (client, broker);
    let mut header = [0u8; 8];
    if from_client.read_exact(&mut header).is_err() || to_broker.write_all(&header).is_err() {
        return;
    }
    let mut swallowing = false;
    loop {
        let mut head = [0u8; 7];
        if from_client.read_exact(&mut head).is_err() {
            break;
        }
        let size = u32::from_be_bytes([head[3], head[4], head[5], head[6]]) as usize;
        let mut rest = vec![0u8; size + 1];
        if from_client.read_exact(&mut rest).is_err() {
            break;
        }
        let channel = u16::from_be_bytes([head[1], head[2]]);
        if swallowing && is_connection_close(head[0], channel, &rest[..size]) {
            seen.closes_swallowed.fetch_add(1, Ordering::SeqCst);
        }
        mode.hold();
        if !swallowing
            && (to_broker.write_all(&head).is_err() || to_broker.write_all(&rest).is_err())
        {
            break;
        }
        if stall && is_connection_open(head[0], channel, &rest[..size]) {
            swallowing = true;
        }
    }
    seen.closed_by_worker.fetch_add(1, Ordering::SeqCst);
    let _ = to_broker.shutdown(Shutdown::Both);
}

/// A relay to the real broker on a port of its own, and the worker's URL through it.
fn start_relay(seen: &Arc<Seen>, mode: &Arc<RelayMode>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mode = Arc::clone(mode);
    accept_loop(listener, Arc::clone(seen), move |client, seen| {
        relay(client, seen, Arc::clone(&mode))
    });
    format!("amqp://guest:guest@127.0.0.1:{port}/%2f")
}

#[tokio::test]
async fn a_broker_that_stops_answering_is_given_up_after_two_heartbeats() {
    let seen = Arc::new(Seen::default());
    let mode = Arc::new(RelayMode::default());
    let url = start_relay(&seen, &mode);
    let names = Names::new("hung-broker");
    // Deletes on drop what the worker declares through the relay.
    let _broker = Broker::connect(names.clone()).await;
    let mut worker = Worker::start(
        &names,
        &[
            ("ENRICHER__AMQP__URL", &url),
            ("ENRICHER__AMQP__HEARTBEAT", "2s"),
            ("ENRICHER__AMQP__CONNECT_TIMEOUT", "2s"),
        ],
    );
    mode.frozen.store(true, Ordering::SeqCst);
    let hung = Instant::now();
    assert!(
        worker.wait_status("/readyz", 503, Duration::from_secs(15)),
        "the worker noticed the silence"
    );
    assert!(
        hung.elapsed() < Duration::from_secs(8),
        "noticed after {:?}, with a 2 s heartbeat",
        hung.elapsed()
    );
    mode.frozen.store(false, Ordering::SeqCst);
    assert!(
        worker.wait_status("/readyz", 200, Duration::from_secs(20)),
        "ready again once the broker answers"
    );
    worker.stop();
}

#[tokio::test]
async fn a_broker_that_never_answers_the_close_does_not_stop_the_reconnect() {
    let seen = Arc::new(Seen::default());
    let mode = Arc::new(RelayMode::default());
    mode.stall_after_open.store(true, Ordering::SeqCst);
    let url = start_relay(&seen, &mode);
    let names = Names::new("stall-close");
    let broker = Broker::connect(names.clone()).await;
    broker.declare_input_exchange().await;
    let mut worker = Worker::spawn(
        &names,
        &[
            ("ENRICHER__AMQP__URL", &url),
            ("ENRICHER__AMQP__CONNECT_TIMEOUT", "2s"),
        ],
    );

    // Every session's setup times out; the worker closes the connection, the close is
    // never answered, and it must hang up and dial again anyway.
    let deadline = Instant::now() + Duration::from_secs(40);
    while (seen.closes_swallowed.load(Ordering::SeqCst) < 2
        || seen.closed_by_worker.load(Ordering::SeqCst) < 2
        || seen.accepted.lock().unwrap().len() < 3)
        && Instant::now() < deadline
    {
        assert_ne!(worker.get("/readyz").map(|(code, _)| code), Some(200));
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        seen.closes_swallowed.load(Ordering::SeqCst) >= 2,
        "the worker sent connection.close"
    );
    assert!(
        seen.closed_by_worker.load(Ordering::SeqCst) >= 2,
        "and hung up although the close was never answered"
    );
    assert!(
        seen.accepted.lock().unwrap().len() >= 3,
        "then dialled again"
    );

    // A broker that answers again is used.
    mode.stall_after_open.store(false, Ordering::SeqCst);
    assert!(
        worker.wait_status("/readyz", 200, Duration::from_secs(30)),
        "the worker consumes once the broker answers"
    );
    broker
        .publish(
            "news.after",
            br#"{"id":"after-stall","body":"The worker consumes again after a stalled close."}"#,
            BasicProperties::default(),
        )
        .await;
    let outputs = broker.outputs(1, Duration::from_secs(20)).await;
    assert_eq!(
        outputs.len(),
        1,
        "an article goes through the new connection"
    );
    assert_eq!(outputs[0].json()["id"], "after-stall");
    worker.stop();
}
