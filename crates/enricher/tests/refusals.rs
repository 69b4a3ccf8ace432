//! Refusals an operator must fix (wrong password, missing vhost, missing permission) stop a starting worker with exit 2 and one line; after a start they are retried, one line per attempt.

mod common;

use std::time::{Duration, Instant};

use common::{Broker, Names, Worker, free_port, rabbitmqctl};

/// A vhost and a user of the test's own, with the permissions given; both deleted on drop.
struct Account {
    vhost: String,
    user: String,
    password: String,
}

impl Account {
    /// A vhost where guest may do anything, and a user with `configure`, `write` and `read` there.
    fn create(label: &str, permissions: [&str; 3]) -> Self {
        let unique = format!("enricher-test-{label}-{}", std::process::id());
        let account = Self {
            vhost: unique.clone(),
            user: unique,
            password: "right-password".into(),
        };
        rabbitmqctl(&["add_vhost", &account.vhost]);
        rabbitmqctl(&[
            "set_permissions",
            "-p",
            &account.vhost,
            "guest",
            ".*",
            ".*",
            ".*",
        ]);
        rabbitmqctl(&["add_user", &account.user, &account.password]);
        let [configure, write, read] = permissions;
        rabbitmqctl(&[
            "set_permissions",
            "-p",
            &account.vhost,
            &account.user,
            configure,
            write,
            read,
        ]);
        account
    }

    /// The URL of this user on this vhost, with `password`.
    fn url(&self, password: &str) -> String {
        format!(
            "amqp://{}:{password}@127.0.0.1:5672/{}",
            self.user, self.vhost
        )
    }
}

impl Drop for Account {
    fn drop(&mut self) {
        for args in [
            ["delete_user", self.user.as_str()],
            ["delete_vhost", self.vhost.as_str()],
        ] {
            let _ = std::process::Command::new("rabbitmqctl")
                .args(args)
                .output();
        }
    }
}

/// Run a worker with `env` until it exits (at most a minute); its exit code, the
/// seconds it took and its log.
fn run_until_exit(names: &Names, env: &[(&str, &str)]) -> (Option<i32>, f64, String) {
    let log = tempfile::NamedTempFile::new().unwrap();
    let started = Instant::now();
    let mut worker = Worker::spawn_logged(names, env, log.path());
    let status = worker
        .wait_exit(Duration::from_secs(60))
        .expect("the worker stops on its own");
    let took = started.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(log.path()).unwrap();
    (status.code(), took, text)
}

/// The one `error:` line the worker ends with, checked to be alone and free of lapin's noise.
fn final_error(log: &str) -> &str {
    let errors: Vec<&str> = log
        .lines()
        .filter(|line| line.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "one error line:\n{log}");
    assert!(
        !log.contains("lapin::") && !log.contains("reconnecting"),
        "no lapin lines and no retries:\n{log}"
    );
    assert!(
        !log.contains(" ERROR "),
        "no log event repeats the error line:\n{log}"
    );
    // The line's opening words, short of any quoting a log format would escape.
    let cause: String = errors[0]["error: ".len()..]
        .chars()
        .take_while(|c| !matches!(c, '"' | '`' | '\\'))
        .take(60)
        .collect();
    assert_eq!(
        log.matches(cause.as_str()).count(),
        1,
        "the cause `{cause}` is told once:\n{log}"
    );
    errors[0]
}

#[test]
fn a_wrong_password_exits_2_at_once_with_one_line_naming_it() {
    let names = Names::new("refused-login");
    let url = "amqp://guest:wrong-password@127.0.0.1:5672/%2f";
    let (code, took, log) = run_until_exit(&names, &[("ENRICHER__AMQP__URL", url)]);
    println!("a wrong password stopped the worker in {took:.2} s");
    assert_eq!(code, Some(2), "{log}");
    assert!(took < 30.0, "{took} s");
    let line = final_error(&log);
    assert!(
        line.starts_with(
            "error: the broker refused the credentials in amqp.url (ACCESS_REFUSED): check the user and password"
        ),
        "{line}"
    );
    assert!(!log.contains("wrong-password"), "{log}");
}

#[test]
fn with_a_list_every_address_is_tried_before_a_refused_login_stops_the_worker() {
    let names = Names::new("refused-list");
    let urls = format!(
        "amqp://guest:secret-1@127.0.0.1:{}/%2f,amqp://guest:secret-2@127.0.0.1:5672/%2f",
        free_port()
    );
    let (code, _, log) = run_until_exit(&names, &[("ENRICHER__AMQP__URLS", &urls)]);
    assert_eq!(code, Some(2), "{log}");
    let line = final_error(&log);
    assert!(line.contains("credentials in amqp.urls"), "{line}");
    assert!(!log.contains("secret-"), "{log}");
}

#[test]
fn a_missing_vhost_exits_2_naming_it() {
    let names = Names::new("refused-vhost");
    let url = format!(
        "amqp://guest:guest@127.0.0.1:5672/enricher-test-no-such-vhost-{}",
        std::process::id()
    );
    let (code, _, log) = run_until_exit(&names, &[("ENRICHER__AMQP__URL", &url)]);
    assert_eq!(code, Some(2), "{log}");
    let line = final_error(&log);
    assert!(
        line.contains("the vhost named in amqp.url does not exist"),
        "{line}"
    );
}

#[test]
fn a_user_without_permissions_exits_2_naming_the_configure_permission() {
    let account = Account::create("noperm", ["", "", ""]);
    let names = Names::new("refused-configure");
    let url = account.url(&account.password);
    let (code, _, log) = run_until_exit(&names, &[("ENRICHER__AMQP__URL", &url)]);
    assert_eq!(code, Some(2), "{log}");
    let line = final_error(&log);
    assert!(
        line.contains("refused the user in amqp.url access while declaring the topology (ACCESS_REFUSED): it needs the configure, write and read permissions"),
        "{line}"
    );
}

#[test]
fn a_user_who_may_not_read_the_input_queue_exits_2_naming_it() {
    // Reading the exchanges is needed to bind them; the input queue alone is not readable,
    // which RabbitMQ checks when the queue is declared with a dead-letter exchange.
    let account = Account::create("noread", [".*", ".*", r"\.(raw|dead)$"]);
    let names = Names::new("refused-read");
    let url = account.url(&account.password);
    let (code, _, log) = run_until_exit(&names, &[("ENRICHER__AMQP__URL", &url)]);
    assert_eq!(code, Some(2), "{log}");
    let line = final_error(&log);
    assert!(
        line.contains("access while declaring the topology"),
        "{line}"
    );
    assert!(line.contains("read permissions"), "{line}");
    assert!(
        line.contains("access to queue 'test.refused-read."),
        "{line}"
    );
}

#[tokio::test]
async fn a_refused_login_after_start_is_retried_with_one_line_per_attempt() {
    let account = Account::create("relogin", [".*", ".*", ".*"]);
    let names = Names::new("refused-later").on_vhost(&account.vhost);
    let broker = Broker::connect(names.clone()).await;
    let url = account.url(&account.password);
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut worker = Worker::spawn_logged(
        &names,
        &[
            ("ENRICHER__AMQP__URL", url.as_str()),
            ("ENRICHER__AMQP__RECONNECT_MIN_BACKOFF", "200ms"),
            ("ENRICHER__AMQP__RECONNECT_MAX_BACKOFF", "400ms"),
        ],
        log.path(),
    );
    assert!(worker.wait_ready(Duration::from_secs(30)));
    rabbitmqctl(&["change_password", &account.user, "another-password"]);
    rabbitmqctl(&[
        "close_all_connections",
        "-p",
        &account.vhost,
        "test: the password changed",
    ]);
    tokio::time::sleep(Duration::from_secs(4)).await;
    rabbitmqctl(&["change_password", &account.user, &account.password]);
    assert!(
        worker.wait_ready(Duration::from_secs(30)),
        "ready again once the password is right"
    );
    worker.stop();
    drop(broker);

    let text = std::fs::read_to_string(log.path()).unwrap();
    let refused: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("ACCESS_REFUSED"))
        .collect();
    assert!(!refused.is_empty(), "the refusals are logged:\n{text}");
    assert!(
        refused.iter().all(|line| line.contains(" WARN ")
            && line.contains("reconnecting")
            && line.contains("check the user and password")),
        "each refused attempt is one WARN line of the worker's:\n{text}"
    );
    assert!(!text.contains(" ERROR "), "no ERROR lines:\n{text}");
    println!("{} refused attempts, one line each", refused.len());
}
