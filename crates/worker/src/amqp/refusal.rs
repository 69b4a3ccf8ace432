//! The broker's refusals an operator must fix (credentials, vhost, permissions), recognised in its replies and explained in one line naming the setting.

use lapin::ErrorKind;
use lapin::protocol::{AMQPErrorKind, AMQPHardError, AMQPSoftError};

/// A refusal no reconnect can cure: the broker rejects who the worker is or what it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `ACCESS_REFUSED` while opening the connection: wrong user or password (or `guest` from afar).
    Credentials { detail: String },
    /// `NOT_ALLOWED - vhost X not found` while opening the connection.
    VhostMissing { detail: String },
    /// `NOT_ALLOWED - access to vhost X refused for user U`: the user has no permissions there.
    VhostAccess { detail: String },
    /// `ACCESS_REFUSED - access to queue 'q' in vhost 'v' refused for user 'u'` on a channel.
    Permission {
        /// The permissions the refused operation needs, in words.
        needed: &'static str,
        /// What the worker was doing (`declaring the topology`, `consuming`).
        operation: &'static str,
        detail: String,
    },
}

impl Refusal {
    /// The refusal a failed connection open carries, if it is one.
    pub fn at_open(error: &lapin::Error) -> Option<Self> {
        let ErrorKind::ProtocolError(amqp) = error.kind() else {
            return None;
        };
        let detail = amqp.get_message().as_str().to_owned();
        match amqp.kind() {
            AMQPErrorKind::Soft(AMQPSoftError::ACCESSREFUSED) => {
                Some(Refusal::Credentials { detail })
            }
            AMQPErrorKind::Hard(AMQPHardError::NOTALLOWED) if detail.contains("not found") => {
                Some(Refusal::VhostMissing { detail })
            }
            AMQPErrorKind::Hard(AMQPHardError::NOTALLOWED) if detail.contains("refused") => {
                Some(Refusal::VhostAccess { detail })
            }
            _ => None,
        }
    }

    /// The permission refusal in `text` (a broker reply, as lapin or the worker wrote it), if any.
    ///
    /// RabbitMQ words every one the same way: `ACCESS_REFUSED - access to
    /// {kind} '{name}' in vhost '{vhost}' refused for user '{user}'`.
    pub fn permission_in(
        text: &str,
        needed: &'static str,
        operation: &'static str,
    ) -> Option<Self> {
        let start = text.find("ACCESS_REFUSED - ")?;
        let detail = text[start..].trim_end().to_owned();
        Some(Refusal::Permission {
            needed,
            operation,
            detail,
        })
    }

    /// One line: the cause, the broker's words, and what to change; `key` names the
    /// setting holding the addresses (`amqp.url` or `amqp.urls`).
    pub fn explain(&self, key: &str) -> String {
        match self {
            Refusal::Credentials { detail } => format!(
                "the broker refused the credentials in {key} (ACCESS_REFUSED): check the user and password ({detail})"
            ),
            Refusal::VhostMissing { detail } => format!(
                "the vhost named in {key} does not exist on the broker (NOT_ALLOWED): create it (rabbitmqctl add_vhost) or fix the path of the URL ({detail})"
            ),
            Refusal::VhostAccess { detail } => format!(
                "the user in {key} has no permissions on its vhost (NOT_ALLOWED): grant them (rabbitmqctl set_permissions -p VHOST USER ...) or use another user ({detail})"
            ),
            Refusal::Permission {
                needed,
                operation,
                detail,
            } => format!(
                "the broker refused the user in {key} access while {operation} (ACCESS_REFUSED): it needs {needed}; grant it (rabbitmqctl set_permissions -p VHOST USER CONFIGURE WRITE READ) or use another user ({detail})"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lapin::protocol::AMQPError;

    fn protocol_error(kind: AMQPErrorKind, message: &str) -> lapin::Error {
        ErrorKind::ProtocolError(AMQPError::new(kind, message.into())).into()
    }

    #[test]
    fn a_refused_login_names_the_setting_and_the_password() {
        let error = protocol_error(
            AMQPErrorKind::Soft(AMQPSoftError::ACCESSREFUSED),
            "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN.",
        );
        let refusal = Refusal::at_open(&error).unwrap();
        let line = refusal.explain("amqp.urls");
        assert!(line.starts_with("the broker refused the credentials in amqp.urls (ACCESS_REFUSED): check the user and password"), "{line}");
        assert!(!line.contains('\n'));
    }

    #[test]
    fn a_missing_vhost_and_a_vhost_without_permissions_are_told_apart() {
        let missing = protocol_error(
            AMQPErrorKind::Hard(AMQPHardError::NOTALLOWED),
            "NOT_ALLOWED - vhost nope not found",
        );
        assert!(matches!(
            Refusal::at_open(&missing),
            Some(Refusal::VhostMissing { .. })
        ));
        let denied = protocol_error(
            AMQPErrorKind::Hard(AMQPHardError::NOTALLOWED),
            "NOT_ALLOWED - access to vhost 'v' refused for user 'u'",
        );
        assert!(matches!(
            Refusal::at_open(&denied),
            Some(Refusal::VhostAccess { .. })
        ));
        let other = protocol_error(
            AMQPErrorKind::Hard(AMQPHardError::CONNECTIONFORCED),
            "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'",
        );
        assert_eq!(Refusal::at_open(&other), None);
    }

    #[test]
    fn a_permission_refusal_is_found_in_any_wording_around_it() {
        let text = "consuming q failed: protocol error: AMQP soft error: ACCESS-REFUSED: ACCESS_REFUSED - access to queue 'q' in vhost 'v' refused for user 'u'";
        let refusal =
            Refusal::permission_in(text, "the read permission on input.queue", "consuming")
                .unwrap();
        let line = refusal.explain("amqp.url");
        assert!(
            line.contains("access while consuming (ACCESS_REFUSED): it needs the read permission on input.queue;"),
            "{line}"
        );
        assert!(line.contains("access to queue 'q' in vhost 'v'"), "{line}");
        assert_eq!(
            Refusal::permission_in("connection reset", "read", "consuming"),
            None
        );
    }
}
