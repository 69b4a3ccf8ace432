//! The JSON object that stands for an input that was not enriched, as `enricher enrich` prints it and `POST /v1/enrich` answers it.

use serde_json::{Value, json};

use crate::intake::Rejection;

/// `{"id": .., "error": {"code": .., "detail": ..}}`: the input's id (`null` when
/// it was never read), a stable code (a dead-letter code, or one of the transport's
/// own such as `unreadable_file`) and a sentence for the person who sent it.
pub fn error_object(id: Option<&str>, code: &str, detail: &str) -> Value {
    json!({"id": id, "error": {"code": code, "detail": detail}})
}

/// The error object of an input the processor rejected: its dead-letter code and detail.
pub fn rejection_object(id: &str, rejection: &Rejection) -> Value {
    error_object(Some(id), rejection.code.as_str(), &rejection.detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::RejectCode;

    #[test]
    fn a_rejection_becomes_id_code_and_detail() {
        let rejection = Rejection::new(RejectCode::InvalidJson, "expected value at line 1");
        assert_eq!(
            rejection_object("abc", &rejection),
            json!({"id": "abc", "error": {"code": "invalid_json", "detail": "expected value at line 1"}})
        );
    }

    #[test]
    fn an_unread_input_has_a_null_id() {
        let object = error_object(None, "too_large", "over the limit");
        assert!(object["id"].is_null());
        assert_eq!(object["error"]["code"], "too_large");
    }
}
