//! Reading one input from a stream under a byte limit: a line of JSON Lines, or the whole stream, never holding more than the limit.

use std::io::{BufRead, ErrorKind};

use sha2::{Digest, Sha256};

/// One input as read.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    /// Its bytes, within the limit (a line without its `\n` or `\r\n`).
    Whole(Vec<u8>),
    /// Over the limit: its length, and the SHA-256 of all of it (the id a body that is not
    /// JSON gets), computed as it streamed past; its bytes are not kept.
    TooLong { bytes: u64, hash: String },
}

/// Read up to the next `delimiter` (or to the end with `None`), keeping at most `limit`
/// bytes; `None` at the end of the stream.
pub fn read_piece(
    reader: &mut impl BufRead,
    delimiter: Option<u8>,
    limit: usize,
) -> std::io::Result<Option<Piece>> {
    let mut kept = Vec::new();
    let mut hasher: Option<Sha256> = None;
    let mut bytes: u64 = 0;
    let mut read_any = false;
    // A `\r` that ended the last chunk hashed, held back until it is known
    // whether it ends the line (then it is not the line's, as for a kept line).
    let mut held_cr = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            break;
        }
        read_any = true;
        let end = delimiter.and_then(|d| buffer.iter().position(|&b| b == d));
        let chunk = &buffer[..end.unwrap_or(buffer.len())];
        bytes += chunk.len() as u64;
        match &mut hasher {
            Some(hasher) => held_cr = hash_holding_cr(hasher, held_cr, chunk, delimiter),
            None if kept.len() + chunk.len() > limit => {
                let mut started = Sha256::new();
                started.update(&kept);
                held_cr = hash_holding_cr(&mut started, false, chunk, delimiter);
                kept = Vec::new();
                hasher = Some(started);
            }
            None => kept.extend_from_slice(chunk),
        }
        let used = end.map_or(buffer.len(), |at| at + 1);
        reader.consume(used);
        if end.is_some() {
            break;
        }
    }
    if !read_any {
        return Ok(None);
    }
    Ok(Some(match hasher {
        Some(hasher) => Piece::TooLong {
            bytes: bytes - u64::from(held_cr),
            hash: format!("{:x}", hasher.finalize()),
        },
        None => {
            if delimiter.is_some() && kept.last() == Some(&b'\r') {
                kept.pop();
            }
            Piece::Whole(kept)
        }
    }))
}

/// Hashes `chunk` of a line that is too long, after the `\r` held back from
/// the chunk before (`held`) unless `chunk` is empty, and holds back its own
/// final `\r` when lines end at `delimiter`; returns whether it did.
fn hash_holding_cr(hasher: &mut Sha256, held: bool, chunk: &[u8], delimiter: Option<u8>) -> bool {
    if chunk.is_empty() {
        return held;
    }
    if held {
        hasher.update(b"\r");
    }
    match chunk.split_last() {
        Some((b'\r', body)) if delimiter.is_some() => {
            hasher.update(body);
            true
        }
        _ => {
            hasher.update(chunk);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out `chunk` bytes at a time, as a pipe does.
    fn chunked(data: &[u8], chunk: usize) -> std::io::BufReader<&[u8]> {
        std::io::BufReader::with_capacity(chunk, data)
    }

    #[test]
    fn lines_come_one_at_a_time_without_their_line_ends() {
        let mut reader = chunked(b"{\"a\":1}\r\n\nlast", 3);
        let mut pieces = Vec::new();
        while let Some(piece) = read_piece(&mut reader, Some(b'\n'), 100).unwrap() {
            pieces.push(piece);
        }
        assert_eq!(
            pieces,
            [
                Piece::Whole(b"{\"a\":1}".to_vec()),
                Piece::Whole(Vec::new()),
                Piece::Whole(b"last".to_vec()),
            ]
        );
    }

    #[test]
    fn a_line_over_the_limit_is_measured_and_hashed_not_kept_and_the_next_line_follows() {
        let long = vec![b'x'; 10_000];
        let mut data = long.clone();
        data.extend_from_slice(b"\nnext\n");
        let mut reader = chunked(&data, 64);
        let piece = read_piece(&mut reader, Some(b'\n'), 100).unwrap().unwrap();
        assert_eq!(
            piece,
            Piece::TooLong {
                bytes: 10_000,
                hash: enricher_message::intake::body_hash_id(&long),
            }
        );
        assert_eq!(
            read_piece(&mut reader, Some(b'\n'), 100).unwrap(),
            Some(Piece::Whole(b"next".to_vec()))
        );
        assert_eq!(read_piece(&mut reader, Some(b'\n'), 100).unwrap(), None);
    }

    #[test]
    fn a_crlf_line_over_the_limit_is_hashed_without_its_cr_wherever_the_chunks_fall() {
        let mut long = vec![b'x'; 1_000];
        // A carriage return inside the line is the line's own.
        long[500] = b'\r';
        for chunk in [1, 2, 3, 64, 500, 501, 999, 1_000, 1_001, 4_096] {
            let mut data = long.clone();
            data.extend_from_slice(b"\r\nnext\r\n");
            data.extend_from_slice(&long);
            data.extend_from_slice(b"\r");
            let mut reader = chunked(&data, chunk);
            let expected = Piece::TooLong {
                bytes: 1_000,
                hash: enricher_message::intake::body_hash_id(&long),
            };
            let mut read = || read_piece(&mut reader, Some(b'\n'), 100).unwrap();
            assert_eq!(read().as_ref(), Some(&expected), "chunks of {chunk}");
            assert_eq!(
                read(),
                Some(Piece::Whole(b"next".to_vec())),
                "chunks of {chunk}"
            );
            // The last line, without its `\n`, loses its `\r` as a kept one does.
            assert_eq!(read().as_ref(), Some(&expected), "chunks of {chunk}");
            assert_eq!(read(), None);
        }
    }

    #[test]
    fn the_whole_stream_is_one_piece_up_to_the_limit_exactly() {
        let mut reader = chunked(b"line one\nline two\n", 4);
        assert_eq!(
            read_piece(&mut reader, None, 18).unwrap(),
            Some(Piece::Whole(b"line one\nline two\n".to_vec()))
        );
        let mut reader = chunked(b"line one\nline two\n", 4);
        assert!(matches!(
            read_piece(&mut reader, None, 17).unwrap(),
            Some(Piece::TooLong { bytes: 18, .. })
        ));
        assert_eq!(read_piece(&mut chunked(b"", 4), None, 17).unwrap(), None);
    }
}
