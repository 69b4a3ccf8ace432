//! Telling JSON Lines piped to `enricher enrich` without `--jsonl` from one article, on a bounded prefix of stdin.

use std::io::Read;

/// How much of stdin is looked at: enough for the first line of nearly any article.
pub const PEEK_BYTES: usize = 1024 * 1024;

/// What `enrich` says, exiting 2, when stdin looks like JSON Lines.
pub const HINT: &str = "stdin looks like JSON Lines (one article per line); pass --jsonl";

/// The first `limit` bytes of `reader` (fewer at its end).
pub fn peek(reader: &mut impl Read, limit: usize) -> std::io::Result<Vec<u8>> {
    let mut prefix = Vec::new();
    reader.take(limit as u64).read_to_end(&mut prefix)?;
    Ok(prefix)
}

/// Whether `prefix` reads as JSON Lines: its first non-blank line is a whole JSON object and
/// another non-blank line after it starts with `{`. One article printed over many lines has
/// no whole object on its first line; one article on one line has no second line.
pub fn looks_like_json_lines(prefix: &[u8]) -> bool {
    let mut lines = prefix
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .filter(|line| !line.is_empty());
    let (Some(first), Some(second)) = (lines.next(), lines.next()) else {
        return false;
    };
    first.starts_with(b"{")
        && serde_json::from_slice::<serde::de::IgnoredAny>(first).is_ok()
        && second.starts_with(b"{")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_one_per_line_look_like_json_lines() {
        assert!(looks_like_json_lines(
            b"{\"id\":\"a\",\"body\":\"One.\"}\n{\"id\":\"b\",\"body\":\"Two.\"}\n"
        ));
        // Blank lines and CRLF around them, and a second line cut off by the peek.
        assert!(looks_like_json_lines(
            b"\r\n  {\"id\":\"a\",\"body\":\"One.\"}\r\n\r\n{\"id\":\"b\",\"bo"
        ));
    }

    #[test]
    fn one_article_does_not_look_like_json_lines() {
        // Pretty-printed over many lines.
        assert!(!looks_like_json_lines(
            b"{\n  \"id\": \"a\",\n  \"body\": \"One.\"\n}\n"
        ));
        // Pretty-printed with a nested object starting a line.
        assert!(!looks_like_json_lines(
            b"{\"id\": \"a\",\n{\"nested\": 1}\n}\n"
        ));
        // On one line, with or without its line end.
        assert!(!looks_like_json_lines(
            b"{\"id\":\"a\",\"body\":\"One.\"}\n"
        ));
        assert!(!looks_like_json_lines(b"{\"id\":\"a\",\"body\":\"One.\"}"));
        // Plain text, HTML, nothing.
        assert!(!looks_like_json_lines(b"First line.\n{braces} later\n"));
        assert!(!looks_like_json_lines(b"<html>\n<body>{x}</body>\n"));
        assert!(!looks_like_json_lines(b""));
        // A whole object followed by text, and an array followed by an object.
        assert!(!looks_like_json_lines(b"{\"a\":1}\nand then text\n"));
        assert!(!looks_like_json_lines(b"[{\"a\":1}]\n{\"b\":2}\n"));
    }

    #[test]
    fn peek_reads_no_more_than_its_limit() {
        let data = [b'x'; 100];
        let mut reader = &data[..];
        assert_eq!(peek(&mut reader, 30).unwrap().len(), 30);
        assert_eq!(reader.len(), 70);
    }
}
