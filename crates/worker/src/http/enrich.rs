//! `POST /v1/enrich`: one article in the request body, its enriched JSON (or why it cannot be enriched) in the response, enriched on the shared pool.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chrono::Utc;
use tokio::sync::Semaphore;

use enricher_message::error_object::{error_object, rejection_object};
use enricher_message::intake::RejectCode;
use enricher_message::processor::Outcome;

use crate::pool::{EnrichPool, Job};

/// The path of the endpoint, part of the contract.
pub const PATH: &str = "/v1/enrich";

/// What a client is told to wait, in seconds, before retrying a request refused as busy.
const RETRY_AFTER_SECONDS: &str = "1";

/// The enrichment endpoint's state: the pool it shares with the queue's messages,
/// the admission that bounds the requests waiting for it, and the body limit.
pub struct EnrichEndpoint {
    pool: Arc<EnrichPool>,
    /// One permit per request in the pool (running or waiting): the pool's threads
    /// plus `http.enrich_queue`. A request that finds none is answered 503 at once.
    admission: Arc<Semaphore>,
    /// `input.max_message_bytes`: a longer body is answered 413, unread past this many bytes.
    max_body_bytes: usize,
}

impl EnrichEndpoint {
    /// An endpoint on `pool` letting `queue` requests wait besides the ones running,
    /// and refusing bodies over `max_body_bytes`.
    pub fn new(pool: Arc<EnrichPool>, queue: usize, max_body_bytes: usize) -> Arc<Self> {
        let permits = pool.threads().saturating_add(queue);
        Arc::new(Self {
            pool,
            admission: Arc::new(Semaphore::new(permits)),
            max_body_bytes,
        })
    }
}

/// The route, with the body limit its extractor applies while reading.
pub(super) fn routes(endpoint: Arc<EnrichEndpoint>) -> Router {
    let limit = endpoint.max_body_bytes;
    Router::new()
        .route(PATH, post(enrich))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(endpoint)
}

/// Answer one request and count it, by status, with its duration.
async fn enrich(State(endpoint): State<Arc<EnrichEndpoint>>, request: Request) -> Response {
    let started = Instant::now();
    let response = answer(&endpoint, request).await;
    crate::metrics::global().http_request(response.status().as_u16(), started.elapsed());
    response
}

/// Admit, read the body within the limit, enrich on the pool, and say how it went.
async fn answer(endpoint: &EnrichEndpoint, request: Request) -> Response {
    // Admission first, so a busy server reads no body.
    let Ok(_permit) = Arc::clone(&endpoint.admission).try_acquire_owned() else {
        let mut response = error(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "every enrichment thread is taken and http.enrich_queue requests are waiting; retry later",
        );
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
        return response;
    };
    let headers = request.headers().clone();
    if let Some(declared) = declared_length(&headers)
        && declared > endpoint.max_body_bytes as u64
    {
        return too_large(endpoint.max_body_bytes, Some(declared));
    }
    let body = match Bytes::from_request(request, &()).await {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return too_large(endpoint.max_body_bytes, None);
        }
        Err(rejection) => {
            return error(
                StatusCode::BAD_REQUEST,
                "unreadable_body",
                &format!("cannot read the request body: {rejection}"),
            );
        }
    };
    let job = Job {
        body: body.to_vec(),
        content_type: header_text(&headers, CONTENT_TYPE.as_str()),
        content_encoding: header_text(&headers, CONTENT_ENCODING.as_str()),
        message_id: None,
        routing_key: String::new(),
        received_at: Utc::now(),
        span: tracing::info_span!("POST /v1/enrich"),
    };
    match endpoint.pool.process(job).await {
        Ok((_, outcome)) => outcome_response(outcome),
        Err(closed) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "not_processed",
            &closed.to_string(),
        ),
    }
}

/// The processor's outcome as a response: 200 with the envelope, or the error object
/// with the status its dead-letter code maps to.
fn outcome_response(outcome: Outcome) -> Response {
    let metrics = crate::metrics::global();
    match outcome {
        Outcome::Enriched { body, run, .. } => {
            metrics.pipeline_run(&run);
            json(StatusCode::OK, body)
        }
        Outcome::Rejected { id, rejection, run } => {
            metrics.pipeline_run(&run);
            let object = rejection_object(&id, &rejection);
            json(status_of(rejection.code), object.to_string().into_bytes())
        }
    }
}

/// The status of an input the worker would dead-letter with `code`.
pub fn status_of(code: RejectCode) -> StatusCode {
    match code {
        RejectCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        RejectCode::UnsupportedContentType | RejectCode::UnsupportedContentEncoding => {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        }
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// 413 with the `too_large` error object; the body was not read (or not past the limit).
fn too_large(limit: usize, declared: Option<u64>) -> Response {
    let size = match declared {
        Some(bytes) => format!("is {bytes} bytes"),
        None => format!("is over {limit} bytes"),
    };
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        RejectCode::TooLarge.as_str(),
        &format!("the body {size}; input.max_message_bytes allows {limit}"),
    )
}

/// An error object with no id (the request produced no article) and `status`.
fn error(status: StatusCode, code: &str, detail: &str) -> Response {
    json(
        status,
        error_object(None, code, detail).to_string().into_bytes(),
    )
}

fn json(status: StatusCode, body: Vec<u8>) -> Response {
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}

/// The request's `Content-Length`, when it declares one that parses.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// A header's value as text, when present and visible ASCII (as an AMQP property would be).
fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_owned)
}

#[cfg(test)]
mod tests;
