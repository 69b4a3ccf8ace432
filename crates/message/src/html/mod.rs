//! HTML intake: decode a web page, find its article text and read its metadata.
//!
//! [`extract`] is the whole job for one page: [`charset`] turns bytes into text,
//! `nesting` flattens pathological depth, the page is parsed once, `metadata`
//! reads what the page says about itself (JSON-LD, OpenGraph, `<meta>`, markup),
//! and `article` finds the article text: `boilerplate` removal, the `dom_smoothie`
//! Readability port to locate the container, then `filters` over its `blocks`.
//! It never fails: a page without an article gives empty text.

mod article;
mod blocks;
mod boilerplate;
pub mod charset;
mod dom;
mod filters;
mod json_ld;
mod metadata;
mod nesting;

use dom_query::Document;

pub use charset::decode;

/// What a web page yields: its article text and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractedPage {
    /// The article text: paragraphs separated by a blank line (`"\n\n"`), whitespace
    /// collapsed inside each; empty when the page holds no article.
    pub text: String,
    /// The headline: JSON-LD `headline`, else `og:title`, else the first `<h1>`, else `<title>`,
    /// with a trailing ` | Site name` cut.
    pub title: Option<String>,
    /// Several authors are joined with ", ".
    pub author: Option<String>,
    /// RFC 3339 in UTC.
    pub published_at: Option<String>,
    /// `<link rel=canonical>`, else `og:url`, else the JSON-LD URL, else the page URL; absolute.
    pub canonical_url: Option<String>,
    /// `og:site_name`, else the JSON-LD publisher: the outlet, for `article.source`.
    pub site_name: Option<String>,
    /// The declared language tag (`en`, `pt-BR`); not detected from the text.
    pub language: Option<String>,
}

/// Extract the article and metadata of a page delivered as bytes. `content_type`
/// is the transport's (`text/html; charset=...`), used to pick the charset; `url`
/// is where the page came from, used to resolve relative links.
///
/// Never panics and never fails: a page that cannot be read gives an empty text.
pub fn extract(body: &[u8], content_type: Option<&str>, url: Option<&str>) -> ExtractedPage {
    extract_html(&decode(body, content_type, url), url)
}

/// [`extract`] for a page that is already text.
pub fn extract_html(html: &str, url: Option<&str>) -> ExtractedPage {
    // The extraction has no panicking paths of its own, but it rests on third-party
    // parsers; a page that trips one must cost that page, not the worker.
    std::panic::catch_unwind(|| extract_unguarded(html, url)).unwrap_or_default()
}

fn extract_unguarded(html: &str, url: Option<&str>) -> ExtractedPage {
    let html = if html.contains('\0') {
        std::borrow::Cow::Owned(html.replace('\0', ""))
    } else {
        std::borrow::Cow::Borrowed(html)
    };
    let html = nesting::limit_nesting(&html, nesting::MAX_DEPTH);
    let doc = Document::from(&*html);
    nesting::flatten_tree(&doc, nesting::MAX_TREE_DEPTH);
    let metadata = metadata::read(&doc, url);
    let text = article::main_text(doc, &metadata);
    ExtractedPage {
        text,
        title: metadata.title,
        author: metadata.author,
        published_at: metadata.published_at,
        canonical_url: metadata.canonical_url,
        site_name: metadata.site_name,
        language: metadata.language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWS: &[u8] = include_bytes!("../../../../tests/fixtures/html/news-article.html");
    const LEGACY: &[u8] = include_bytes!("../../../../tests/fixtures/html/legacy-charset.html");

    const PARAGRAPH: &str = "The council voted on Tuesday to reopen the bridge in the spring, ending \
                             eighteen months of detours for the people who cross the river every day.";

    fn article_page(paragraphs: usize) -> String {
        let body: String = (0..paragraphs)
            .map(|i| format!("<p>{i}: {PARAGRAPH}</p>\n"))
            .collect();
        format!(
            "<html><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
        )
    }

    #[test]
    fn the_article_is_extracted_without_its_furniture() {
        let page = extract(
            NEWS,
            Some("text/html; charset=utf-8"),
            Some("https://courier.example/x"),
        );
        let paragraphs: Vec<&str> = page.text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 7, "{}", page.text);
        assert!(paragraphs[0].starts_with("The council voted on Tuesday"));
        assert_eq!(paragraphs[3], "What the repairs involve");
        assert!(paragraphs[6].starts_with("Local businesses said"));
        for furniture in [
            "cookies",
            "Weather",
            "Local news",
            "By Ann Lee",
            "Updated",
            "Share",
            "Photo:",
            "Advertisement",
            "Read more",
            "newsletter",
            "Related",
            "Most read",
            "comments",
            "Copyright",
            "Riverside bridge to reopen",
        ] {
            assert!(
                !page.text.contains(furniture),
                "{furniture} in {}",
                page.text
            );
        }
        assert!(
            paragraphs
                .iter()
                .all(|p| !p.contains('\n') && !p.contains("  "))
        );
    }

    #[test]
    fn metadata_comes_with_the_text() {
        let page = extract(NEWS, None, Some("https://courier.example/x"));
        assert_eq!(
            page.title.as_deref(),
            Some("Riverside bridge to reopen in spring")
        );
        assert_eq!(page.author.as_deref(), Some("Ann Lee, Bo Chen"));
        assert_eq!(page.published_at.as_deref(), Some("2024-10-28T08:30:00Z"));
        assert_eq!(
            page.canonical_url.as_deref(),
            Some("https://courier.example/news/riverside-bridge")
        );
        assert_eq!(page.site_name.as_deref(), Some("The Valley Courier"));
        assert_eq!(page.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn a_legacy_charset_declared_in_the_page_is_decoded() {
        let page = extract(LEGACY, None, None);
        assert!(page.text.contains("café on the square"), "{}", page.text);
        assert!(page.text.contains("€2.50") && page.text.contains("Zoë Müller"));
        assert!(page.text.contains("“prices frozen for ever”"));
        assert_eq!(page.title.as_deref(), Some("Café prices"));
    }

    #[test]
    fn truncated_and_malformed_pages_give_clean_text() {
        let full = article_page(12).replace("council", "conseil municipal élu");
        // Cut anywhere, even inside a tag or a multi-byte character.
        for cut in [0, 1, 7, full.len() / 3, full.len() / 2, full.len() - 9] {
            let page = extract(&full.as_bytes()[..cut], None, None);
            assert!(!page.text.contains('<'), "{}", page.text);
        }
        for broken in [
            "<html><body><p>Unclosed <b>bold <i>italic <div><p>text</b></i>",
            "<p class='x>never closed attribute",
            "<!-- comment that never ends <p>text</p>",
            "<script>document.write('<p>')",
            "</div></div></p></body></html>",
            "<<<>>><p <p <p>",
            "<table><tr><td><table><tr><td>cell</td></tr>",
            "\u{feff}<?xml version='1.0'?><html/>",
        ] {
            let page = extract(broken.as_bytes(), None, None);
            assert!(!page.text.contains("<p"), "{broken}: {}", page.text);
        }
        // Bytes that are not HTML or not text at all.
        let noise: Vec<u8> = (0..50_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let _ = extract(&noise, Some("text/html; charset=utf-8"), None);
        let _ = extract(&noise, Some("text/html; charset=shift_jis"), None);
    }

    #[test]
    fn a_page_without_an_article_gives_little_or_no_text() {
        let html = "<html><head><title>Home</title></head><body><nav><ul><li><a href='/a'>News</a></li>\
                    <li><a href='/b'>Sport</a></li></ul></nav><footer>Copyright 2024</footer></body></html>";
        let page = extract(html.as_bytes(), None, None);
        assert_eq!(page.text, "");
        assert_eq!(extract(b"", None, None), ExtractedPage::default());
        assert_eq!(extract(b"   \n", None, None).text, "");
    }

    #[test]
    fn nul_bytes_are_dropped() {
        let html = article_page(3).replace("council", "coun\0cil");
        let page = extract(html.as_bytes(), None, None);
        assert!(page.text.contains("The council voted"), "{}", page.text);
        assert!(!page.text.contains('\0'));
    }

    #[test]
    fn right_to_left_pages_keep_their_text_and_order() {
        let arabic = "صوّت المجلس يوم الثلاثاء على إعادة فتح الجسر في الربيع، منهياً ثمانية عشر شهراً من التحويلات للناس الذين يعبرون النهر كل يوم.";
        let hebrew = "המועצה הצביעה ביום שלישי על פתיחת הגשר מחדש באביב, וסיימה שמונה עשר חודשים של מעקפים לאנשים שחוצים את הנהר מדי יום.";
        let html = format!(
            "<html lang=ar dir=rtl><body><article><p>{arabic}</p><p dir=rtl>{hebrew}</p><p>{arabic}</p></article></body></html>"
        );
        let page = extract(html.as_bytes(), None, None);
        assert_eq!(page.text, format!("{arabic}\n\n{hebrew}\n\n{arabic}"));
        assert_eq!(page.language.as_deref(), Some("ar"));
    }

    #[test]
    fn ten_thousand_nested_tags_do_not_overflow_the_stack() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<span>", "</span>"),
            ("<b>", "</b>"),
            ("<div/>", ""),
            ("<blockquote><p>", "</p></blockquote>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<ul><li>", ""),
            ("<svg><g>", ""),
        ] {
            let html = format!(
                "<html><body>{}<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>{}</body></html>",
                open.repeat(10_000),
                close.repeat(10_000)
            );
            // Run on a small stack: a recursive step anywhere would overflow it.
            let page = std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || extract(html.as_bytes(), None, None))
                .unwrap()
                .join()
                .unwrap();
            assert!(
                page.text.contains("eighteen months") || open.starts_with("<svg"),
                "{open}: {}",
                page.text
            );
        }
    }

    #[test]
    fn the_text_after_three_hundred_thousand_nested_tables_is_the_article() {
        let html = format!(
            "<html><body>{}<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></body></html>",
            "<table><tr><td>".repeat(300_000)
        );
        let page = extract(html.as_bytes(), None, None);
        // Inside the dropped cells the paragraphs lose their markup, not their text.
        assert_eq!(page.text, format!("{PARAGRAPH} {PARAGRAPH}"));
    }

    #[test]
    fn a_ten_megabyte_page_is_extracted() {
        let html = article_page(66_000);
        assert!(html.len() > 10_000_000);
        let page = extract(html.as_bytes(), None, None);
        assert!(page.text.starts_with("0: The council voted"));
        assert!(page.text.contains("65999: The council voted"));
    }
}
