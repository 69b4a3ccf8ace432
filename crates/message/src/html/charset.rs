//! Charset decoding: turn the bytes of a page into text the way a browser would pick the encoding.
//!
//! The order is the HTML standard's, simplified: a byte-order mark wins, then the
//! `charset` parameter of the transport's content type, then a `<meta charset>`
//! or `<meta http-equiv="Content-Type">` near the start of the page, else UTF-8
//! when the bytes are valid UTF-8, else the legacy encoding `chardetng` (the
//! detector Firefox uses) guesses from the bytes, helped by the top-level
//! domain of the page's URL (given, or its `<link rel=canonical>` or `og:url`).
//! Plain text is decoded the same way without the `<meta>` steps.
//! Invalid bytes become U+FFFD, so decoding never fails. One deliberate
//! departure: a body that is valid UTF-8 and has non-ASCII bytes is read as
//! UTF-8 whatever the declaration says, because pages are often re-encoded by
//! crawlers and proxies that leave the old `<meta charset>` behind, while text in
//! a legacy encoding is practically never valid multi-byte UTF-8 by accident.

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta>` charset declaration is looked for. The
/// standard's pre-scan reads 1024 bytes; real pages often put scripts and
/// comments first, so more is read (the scan is linear and cheap).
pub const META_SCAN_BYTES: usize = 8 * 1024;

/// How much of an undeclared body the detector reads: its guess is settled
/// long before, and the cost stays bounded whatever the body's size.
pub const DETECT_BYTES: usize = 1024 * 1024;

/// Decode a page to text. `content_type` is an HTTP-style value such as
/// `text/html; charset=windows-1252`; unknown or wrong labels fall back to the
/// next source, and undecodable bytes become U+FFFD. `url` is where the page
/// came from, if known: its top-level domain helps the guess of an undeclared charset.
pub fn decode(body: &[u8], content_type: Option<&str>, url: Option<&str>) -> String {
    let (encoding, bom_length) = detect(body, content_type, url);
    let (text, _had_errors) = encoding.decode_without_bom_handling(&body[bom_length..]);
    text.into_owned()
}

/// The encoding of a page and the length of its byte-order mark (0 when none).
pub fn detect(
    body: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> (&'static Encoding, usize) {
    let head = &body[..body.len().min(META_SCAN_BYTES)];
    let meta = || meta_charset(head).map(for_html);
    match url {
        Some(url) => detect_with(body, content_type, meta, Some(url)),
        None => detect_with(body, content_type, meta, declared_url(head).as_deref()),
    }
}

/// Decode plain text the way [`decode`] decodes a page, without `<meta>`
/// declarations; `Err` with the offset of the first bad byte when the text is
/// declared UTF-8 (or holds NUL bytes, which no text in an ASCII-compatible
/// encoding does) and is not valid.
pub fn decode_text(
    body: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> Result<String, usize> {
    let (encoding, bom_length) = detect_with(body, content_type, || None, url);
    let body = &body[bom_length..];
    if encoding == UTF_8 || body.contains(&0) {
        return match std::str::from_utf8(body) {
            Ok(text) => Ok(text.to_owned()),
            Err(error) => Err(error.valid_up_to()),
        };
    }
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    Ok(text.into_owned())
}

/// BOM, then the content type's charset, then `meta`, then UTF-8 if valid, else a guess.
fn detect_with(
    body: &[u8],
    content_type: Option<&str>,
    meta: impl FnOnce() -> Option<&'static Encoding>,
    url: Option<&str>,
) -> (&'static Encoding, usize) {
    if let Some((encoding, bom_length)) = Encoding::for_bom(body) {
        return (encoding, bom_length);
    }
    let declared = content_type
        .and_then(charset_parameter)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .map(for_html)
        .or_else(meta);
    match declared {
        Some(encoding) if encoding == UTF_8 => (UTF_8, 0),
        Some(encoding) if !is_multibyte_utf8(body) => (encoding, 0),
        Some(_) => (UTF_8, 0),
        None if std::str::from_utf8(body).is_ok() => (UTF_8, 0),
        None => (guess(body, url), 0),
    }
}

/// The legacy encoding `chardetng` guesses for bytes that are not UTF-8.
pub fn guess(body: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut detector = EncodingDetector::new();
    let sample = &body[..body.len().min(DETECT_BYTES)];
    detector.feed(sample, sample.len() == body.len());
    let tld = url.and_then(top_level_domain);
    detector.guess(tld.as_deref().map(str::as_bytes), false)
}

/// The last label of a URL's host, lower case ASCII (punycode for IDNs), as
/// `chardetng` wants it; `None` for an IP address or anything it would refuse.
fn top_level_domain(url: &str) -> Option<String> {
    let url = url::Url::parse(url).ok()?;
    let url::Host::Domain(host) = url.host()? else {
        return None;
    };
    let label = host
        .trim_end_matches('.')
        .rsplit('.')
        .next()?
        .to_ascii_lowercase();
    (!label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    .then_some(label)
}

/// The standard maps a few declarations: UTF-16 in a `<meta>` cannot be true of
/// an ASCII-compatible page (the BOM case is handled first), and `x-user-defined`
/// means windows-1252 for HTML.
fn for_html(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// Valid UTF-8 with at least one non-ASCII byte.
fn is_multibyte_utf8(body: &[u8]) -> bool {
    !body.is_ascii() && std::str::from_utf8(body).is_ok()
}

/// The `charset` parameter of a content type, unquoted: `text/html; charset="utf-8"` gives `utf-8`.
pub fn charset_parameter(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
            .filter(|value| !value.is_empty())
    })
}

/// The first known charset declared by a `<meta>` tag in `head`: either
/// `<meta charset=...>` or a `content` attribute holding `...; charset=...`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    tags(head, b"<meta").find_map(charset_in_tag)
}

/// The attributes of each `<name ...>` tag in `head`, in order.
fn tags<'a>(head: &'a [u8], name: &'static [u8]) -> impl Iterator<Item = &'a [u8]> {
    let mut rest = head;
    std::iter::from_fn(move || {
        let start = find_ascii_ci(rest, name)?;
        let tag = &rest[start + name.len()..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        rest = &tag[end..];
        Some(&tag[..end])
    })
}

/// The page's own URL from its `<link rel=canonical>` or `og:url` near the
/// start, read from the bytes before decoding: its top-level domain helps the guess.
fn declared_url(head: &[u8]) -> Option<String> {
    tags(head, b"<link")
        .filter(|tag| find_ascii_ci(tag, b"canonical").is_some())
        .chain(tags(head, b"<meta").filter(|tag| find_ascii_ci(tag, b"og:url").is_some()))
        .find_map(|tag| {
            let at = find_ascii_ci(tag, b"http")?;
            let url = &tag[at..];
            let length = url
                .iter()
                .position(|&b| !b.is_ascii_graphic() || matches!(b, b'"' | b'\'' | b'>'))
                .unwrap_or(url.len());
            std::str::from_utf8(&url[..length]).ok().map(str::to_owned)
        })
}

/// Find `charset` followed by `=` in the attributes of one tag and read the label after it.
fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let mut rest = tag;
    while let Some(at) = find_ascii_ci(rest, b"charset") {
        rest = &rest[at + 7..];
        let after = trim_start(rest);
        let Some(after) = after.strip_prefix(b"=") else {
            continue;
        };
        let after = trim_start(after);
        let after = after
            .strip_prefix(b"\"")
            .or_else(|| after.strip_prefix(b"'"))
            .unwrap_or(after);
        let length = after
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
            .unwrap_or(after.len());
        if let Some(encoding) = Encoding::for_label(&after[..length]) {
            return Some(encoding);
        }
    }
    None
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Position of `needle` (lower-case ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_the_default() {
        assert_eq!(decode("<p>café</p>".as_bytes(), None, None), "<p>café</p>");
    }

    #[test]
    fn a_byte_order_mark_wins_and_is_removed() {
        let mut body = vec![0xEF, 0xBB, 0xBF];
        body.extend_from_slice("<meta charset=windows-1252>é".as_bytes());
        assert_eq!(
            decode(&body, Some("text/html; charset=shift_jis"), None),
            "<meta charset=windows-1252>é"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, None, None), "hé");
    }

    #[test]
    fn the_content_type_parameter_is_used() {
        let body = b"<p>caf\xe9 \x80</p>";
        assert_eq!(
            decode(body, Some("text/html; charset=windows-1252"), None),
            "<p>café €</p>"
        );
        assert_eq!(
            decode(body, Some("text/html; Charset=\"ISO-8859-1\""), None),
            "<p>café €</p>"
        );
    }

    #[test]
    fn meta_charset_declarations_are_sniffed() {
        let body = b"<html><head><meta charset=\"iso-8859-15\"><title>\xa4</title>";
        assert!(decode(body, None, None).contains("<title>€</title>"));
        let body = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">\xcf\xf0\xe8";
        assert!(decode(body, None, None).ends_with("При"));
    }

    #[test]
    fn east_asian_encodings_decode() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のニュース");
        let mut body = b"<meta charset=Shift_JIS>".to_vec();
        body.extend_from_slice(&sjis);
        assert!(decode(&body, None, None).ends_with("日本語のニュース"));
        let (gbk, _, _) = encoding_rs::GBK.encode("中文新闻");
        assert!(decode(&gbk, Some("text/html;charset=gb2312"), None).ends_with("中文新闻"));
        let (big5, _, _) = encoding_rs::BIG5.encode("新聞");
        assert_eq!(decode(&big5, Some("text/html; charset=big5"), None), "新聞");
    }

    #[test]
    fn a_wrong_or_unknown_declaration_does_not_panic() {
        // An unknown label declares nothing: the bytes are guessed from.
        assert_eq!(
            decode(b"caf\xe9", Some("text/html; charset=no-such-thing"), None),
            "café"
        );
        assert_eq!(
            decode(b"<meta charset=\"\">x", None, None),
            "<meta charset=\"\">x"
        );
        assert_eq!(decode(b"<meta charset=", None, None), "<meta charset=");
        assert_eq!(decode(b"<meta", Some("text/html; charset"), None), "<meta");
        // Invalid Shift_JIS sequences become replacement characters.
        let text = decode(
            b"\x82\xff\xa0\x81",
            Some("text/html; charset=shift_jis"),
            None,
        );
        assert!(text.contains('\u{fffd}'));
        // Declared UTF-16 without a BOM cannot be right for an HTML page.
        assert_eq!(
            decode(b"<meta charset=utf-16>ok", None, None),
            "<meta charset=utf-16>ok"
        );
    }

    #[test]
    fn valid_utf8_wins_over_a_stale_legacy_declaration() {
        let body = "<meta charset=windows-1252><p>naïve café</p>".as_bytes();
        assert!(decode(body, None, None).contains("naïve café"));
        // Pure ASCII is the same in both, and Latin-1 bytes are not valid UTF-8.
        assert!(decode(b"<meta charset=windows-1252>caf\xe9", None, None).ends_with("café"));
    }

    #[test]
    fn charset_parameter_reads_quoted_and_bare_values() {
        assert_eq!(charset_parameter("text/html; charset=UTF-8"), Some("UTF-8"));
        assert_eq!(
            charset_parameter("text/html;charset='koi8-r' ; x=y"),
            Some("koi8-r")
        );
        assert_eq!(charset_parameter("text/html"), None);
        assert_eq!(charset_parameter("text/html; charset="), None);
    }

    /// A Russian news paragraph (UTF-8 in the fixture), for the undeclared-charset cases.
    fn russian() -> &'static str {
        include_str!("../../../../tests/fixtures/charset/russian.txt").trim_end()
    }

    #[test]
    fn undeclared_legacy_charsets_are_guessed() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian());
        let page = [
            b"<html><body><p>".as_slice(),
            &cp1251,
            b"</p></body></html>",
        ]
        .concat();
        assert!(std::str::from_utf8(&page).is_err());
        assert_eq!(guess(&page, None), encoding_rs::WINDOWS_1251);
        assert!(decode(&page, None, None).contains(russian()));
        assert!(
            decode(&page, Some("text/html"), Some("https://news.example.ru/a")).contains(russian())
        );
        assert_eq!(
            decode_text(&cp1251, Some("text/plain"), None).as_deref(),
            Ok(russian())
        );

        let french = "L'été dernier, la ville a rénové le pont; les riverains ont salué la qualité des travaux.";
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        assert_eq!(decode_text(&latin, None, None).as_deref(), Ok(french));

        let japanese = "東京都は火曜日、川に架かる橋の改修工事を始めると発表した。工事は十八か月続く見通しだ。";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
        assert_eq!(
            decode_text(&sjis, None, Some("https://news.example.jp/")).as_deref(),
            Ok(japanese)
        );
        assert_eq!(decode_text(&sjis, None, None).as_deref(), Ok(japanese));

        let chinese = "北京市政府星期二宣布，将开始对河上的大桥进行改造，工程预计持续十八个月。";
        let (gbk, _, _) = encoding_rs::GBK.encode(chinese);
        assert_eq!(decode(&gbk, None, Some("http://news.example.cn")), chinese);
    }

    #[test]
    fn declarations_and_valid_utf8_still_come_before_a_guess() {
        // A declaration is followed even where a guess would differ.
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian());
        let as_1252 = decode(&cp1251, Some("text/html; charset=windows-1252"), None);
        assert!(!as_1252.contains("Москвы"));
        assert_eq!(
            decode_text(&cp1251, Some("text/plain; charset=koi8-r"), None)
                .map(|t| t.contains("Москвы")),
            Ok(false)
        );
        // UTF-8 is never guessed away.
        assert_eq!(
            decode_text(russian().as_bytes(), None, None).as_deref(),
            Ok(russian())
        );
        // Text declared UTF-8 that is not, and binary with NUL bytes, are refused.
        assert_eq!(
            decode_text(b"caf\xe9", Some("text/plain; charset=utf-8"), None),
            Err(3)
        );
        assert_eq!(decode_text(b"\x00\x01\xff\xfe", None, None), Err(2));
    }

    #[test]
    fn a_page_without_a_url_offers_its_canonical_one() {
        assert_eq!(
            declared_url(b"<head><link href=\"https://news.example.ru/a?b=1\" rel=canonical>")
                .as_deref(),
            Some("https://news.example.ru/a?b=1")
        );
        assert_eq!(
            declared_url(b"<link rel=stylesheet href='http://x.test/s.css'><meta property='og:url' content='http://y.example.jp/'>").as_deref(),
            Some("http://y.example.jp/")
        );
        assert_eq!(
            declared_url(b"<link rel=canonical><p>http://z.test</p>"),
            None
        );
        // Three bytes read as Russian on no hint, as Greek on a page that says it is Greek.
        let bytes = b"<p>\xcf\xf0\xe8</p>";
        assert_eq!(decode(bytes, None, None), "<p>При</p>");
        let page = [
            b"<link rel=canonical href=https://news.example.gr/a>".as_slice(),
            bytes,
        ]
        .concat();
        let (greek, _, _) = encoding_rs::ISO_8859_7.decode(&page);
        assert_eq!(decode(&page, None, None), greek);
        assert_eq!(
            decode(bytes, None, Some("https://news.example.gr/")),
            encoding_rs::ISO_8859_7.decode(bytes).0
        );
        assert_eq!(
            declared_url(b"<link rel=canonical href=\"http"),
            Some("http".into())
        );
    }

    #[test]
    fn the_top_level_domain_is_what_chardetng_accepts() {
        assert_eq!(
            top_level_domain("https://News.Example.RU/a").as_deref(),
            Some("ru")
        );
        assert_eq!(
            top_level_domain("https://пример.рф/").as_deref(),
            Some("xn--p1ai")
        );
        assert_eq!(
            top_level_domain("https://example.com./").as_deref(),
            Some("com")
        );
        assert_eq!(top_level_domain("http://127.0.0.1/"), None);
        assert_eq!(top_level_domain("http://[::1]/"), None);
        assert_eq!(top_level_domain("not a url"), None);
        // Whatever the URL, the guess does not panic.
        for url in ["https://a.b_c/", "file:///x", "https://x/"] {
            guess(b"\xcf\xf0\xe8", Some(url));
        }
    }
}
