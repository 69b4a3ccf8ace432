//! Content encodings: undo the `content_encoding` property (gzip, deflate) with the size limit applied to what comes out.
//!
//! A compressed body is inflated as a stream and read through a window of
//! `limit + 1` bytes, so a compression bomb costs at most `limit` bytes of
//! memory and the time to inflate that much before it is refused as
//! `too_large`. `deflate` is the zlib format (RFC 1950), as HTTP means it; a
//! body without a valid zlib header is read as raw deflate (RFC 1951), which
//! some producers send under the same name.

use std::borrow::Cow;
use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// How much is inflated per read; the buffer grows by at most this much past what is needed.
const CHUNK: usize = 64 * 1024;

/// Why a body's content encoding could not be undone; intake turns each into its reject code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodingError {
    /// An encoding other than the ones read here (`br`, `zstd`): `unsupported_content_encoding`.
    #[error(
        "content_encoding `{0}` is not supported; publish the body uncompressed, gzip or deflate"
    )]
    Unsupported(String),
    /// The body inflates past the limit: `too_large`.
    #[error(
        "the body inflates ({encoding}) to more than the {limit} bytes input.max_message_bytes allows"
    )]
    TooLarge { encoding: String, limit: usize },
    /// The body does not inflate: `invalid_content_encoding`.
    #[error("the body is not valid {encoding} data: {reason}")]
    Corrupt { encoding: String, reason: String },
}

/// The body with its content encoding undone, at most `limit` bytes long.
///
/// No encoding, `identity` (and the `utf-8` that some producers put in the
/// wrong property) give the body as it is; `gzip`/`x-gzip` and `deflate` give
/// it inflated, or [`EncodingError::TooLarge`] as soon as that passes `limit`.
pub fn decode<'a>(
    body: &'a [u8],
    encoding: Option<&str>,
    limit: usize,
) -> Result<Cow<'a, [u8]>, EncodingError> {
    let Some(encoding) = encoding.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(Cow::Borrowed(body));
    };
    let name = encoding.to_ascii_lowercase();
    let inflated = match name.as_str() {
        "identity" | "utf-8" | "utf8" => return Ok(Cow::Borrowed(body)),
        "gzip" | "x-gzip" => read_limited(MultiGzDecoder::new(body), limit),
        "deflate" if is_zlib(body) => read_limited(ZlibDecoder::new(body), limit),
        "deflate" => read_limited(DeflateDecoder::new(body), limit),
        _ => return Err(EncodingError::Unsupported(encoding.to_owned())),
    };
    match inflated {
        Ok(Some(bytes)) => Ok(Cow::Owned(bytes)),
        Ok(None) => Err(EncodingError::TooLarge {
            encoding: name,
            limit,
        }),
        Err(error) => Err(EncodingError::Corrupt {
            encoding: name,
            reason: error.to_string(),
        }),
    }
}

/// A zlib stream starts with a header whose method is deflate and whose two bytes are a multiple of 31.
fn is_zlib(body: &[u8]) -> bool {
    match body {
        [cmf, flg, ..] => {
            cmf & 0x0F == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) * 256 + u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

/// Everything `reader` gives, or `None` as soon as it gives more than `limit`
/// bytes. The buffer's capacity never passes `limit + 1`.
fn read_limited(reader: impl Read, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let cap = limit.saturating_add(1);
    let mut reader = reader.take(cap as u64);
    let mut out: Vec<u8> = Vec::new();
    loop {
        if out.len() == out.capacity() {
            let wanted = out.capacity().saturating_mul(2).max(CHUNK).min(cap);
            out.reserve_exact(wanted - out.len());
        }
        let start = out.len();
        let room = (out.capacity() - start).min(CHUNK);
        out.resize(start + room, 0);
        let read = reader.read(&mut out[start..]);
        out.truncate(start + *read.as_ref().unwrap_or(&0));
        match read {
            Ok(0) => return Ok(Some(out)),
            Ok(_) if out.len() > limit => return Ok(None),
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::io::Write;

    use flate2::Compression;
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn code(result: Result<Cow<'_, [u8]>, EncodingError>) -> &'static str {
        match result.unwrap_err() {
            EncodingError::Unsupported(_) => "unsupported_content_encoding",
            EncodingError::TooLarge { .. } => "too_large",
            EncodingError::Corrupt { .. } => "invalid_content_encoding",
        }
    }

    #[test]
    fn no_encoding_and_identity_give_the_body_as_it_is() {
        for encoding in [
            None,
            Some(""),
            Some("identity"),
            Some(" IDENTITY "),
            Some("utf-8"),
        ] {
            let body = decode(b"plain", encoding, 10).unwrap();
            assert!(matches!(body, Cow::Borrowed(b"plain")), "{encoding:?}");
        }
    }

    #[test]
    fn gzip_and_both_kinds_of_deflate_are_inflated() {
        let text = "A short article about the weather. ".repeat(20);
        assert_eq!(
            decode(&gzip(text.as_bytes()), Some("gzip"), 10_000).unwrap(),
            text.as_bytes()
        );
        assert_eq!(
            decode(&gzip(text.as_bytes()), Some("X-Gzip"), 10_000).unwrap(),
            text.as_bytes()
        );
        let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
        zlib.write_all(text.as_bytes()).unwrap();
        let zlib = zlib.finish().unwrap();
        assert!(is_zlib(&zlib));
        assert_eq!(
            decode(&zlib, Some("deflate"), 10_000).unwrap(),
            text.as_bytes()
        );
        let mut raw = DeflateEncoder::new(Vec::new(), Compression::default());
        raw.write_all(text.as_bytes()).unwrap();
        let raw = raw.finish().unwrap();
        assert!(!is_zlib(&raw));
        assert_eq!(
            decode(&raw, Some("deflate"), 10_000).unwrap(),
            text.as_bytes()
        );
    }

    #[test]
    fn concatenated_gzip_members_are_one_body() {
        let mut body = gzip(b"first half, ");
        body.extend(gzip(b"second half"));
        assert_eq!(
            decode(&body, Some("gzip"), 100).unwrap().as_ref(),
            b"first half, second half"
        );
    }

    #[test]
    fn the_limit_applies_to_the_inflated_size() {
        let body = gzip(&[b'x'; 1000]);
        assert!(body.len() < 100);
        assert_eq!(decode(&body, Some("gzip"), 1000).unwrap().len(), 1000);
        assert_eq!(code(decode(&body, Some("gzip"), 999)), "too_large");
        assert_eq!(decode(&gzip(b""), Some("gzip"), 0).unwrap().len(), 0);
    }

    #[test]
    fn a_bomb_is_refused_with_memory_bounded_by_the_limit() {
        // 16 MiB of zeros compress to about 16 KB; the limit is 64 KiB.
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..16 {
            encoder.write_all(&zeros).unwrap();
        }
        let bomb = encoder.finish().unwrap();
        assert!(bomb.len() < 100_000, "{}", bomb.len());
        let limit = 64 * 1024;
        assert_eq!(
            read_limited(MultiGzDecoder::new(&bomb[..]), limit).unwrap(),
            None
        );
        assert_eq!(code(decode(&bomb, Some("gzip"), limit)), "too_large");
        // A body that fits exactly is read whole, in a buffer no larger than the limit allows.
        let small = gzip(&zeros[..limit]);
        let all = read_limited(MultiGzDecoder::new(&small[..]), limit)
            .unwrap()
            .unwrap();
        assert_eq!(all.len(), limit);
        assert!(all.capacity() <= limit + 1, "{}", all.capacity());
    }

    #[test]
    fn corrupt_or_truncated_data_is_an_invalid_content_encoding() {
        assert_eq!(
            code(decode(b"not gzip", Some("gzip"), 100)),
            "invalid_content_encoding"
        );
        let body = gzip(b"some words that will be cut short");
        assert_eq!(
            code(decode(&body[..body.len() / 2], Some("gzip"), 100)),
            "invalid_content_encoding"
        );
        assert_eq!(
            code(decode(b"\xff\xff\xff", Some("deflate"), 100)),
            "invalid_content_encoding"
        );
    }

    #[test]
    fn other_encodings_are_unsupported() {
        for encoding in ["br", "zstd", "compress", "gzip, br"] {
            assert_eq!(
                code(decode(b"x", Some(encoding), 100)),
                "unsupported_content_encoding",
                "{encoding}"
            );
        }
    }
}
