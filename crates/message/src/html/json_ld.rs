//! JSON-LD: the schema.org description of the article that most news sites embed for search engines.
//!
//! It is the most reliable source of the headline, authors and publication time,
//! because it is written for machines. Blocks may be one object, an array, or
//! an `@graph`; the first object typed as an article wins, a `WebPage` is the
//! fallback. Broken JSON (raw newlines in strings are common) is repaired where
//! cheap and skipped otherwise.

use dom_query::Document;
use serde_json::Value;

/// schema.org types whose object describes the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "AskPublicNewsArticle",
    "SatiricalArticle",
    "AdvertiserContentArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "Report",
    "Review",
    "Recipe",
    "HowTo",
];

/// Types that describe the page around the article; used only when no article is typed.
const PAGE_TYPES: &[&str] = &["WebPage", "ItemPage", "AboutPage", "CollectionPage"];

/// Objects visited per page at most, so a huge block costs bounded time.
const MAX_OBJECTS: usize = 10_000;

/// What the article's JSON-LD says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LdArticle {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub date_published: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub article_body: Option<String>,
}

/// The article object of the page's JSON-LD blocks, if any.
pub fn read(doc: &Document) -> Option<LdArticle> {
    let mut article: Option<Value> = None;
    let mut page: Option<Value> = None;
    for script in doc.select("script").nodes() {
        let is_ld = script.attr("type").is_some_and(|t| {
            t.trim()
                .to_ascii_lowercase()
                .starts_with("application/ld+json")
        });
        if !is_ld {
            continue;
        }
        let Some(value) = parse(&script.text()) else {
            continue;
        };
        find_typed(&value, &mut article, &mut page);
        if article.is_some() {
            break;
        }
    }
    let object = article.or(page)?;
    Some(LdArticle {
        headline: string(&object, "headline").or_else(|| string(&object, "name")),
        authors: names(object.get("author").or_else(|| object.get("creator"))),
        date_published: string(&object, "datePublished")
            .or_else(|| string(&object, "dateCreated"))
            .or_else(|| string(&object, "uploadDate")),
        url: string(&object, "url").or_else(|| match object.get("mainEntityOfPage") {
            Some(Value::String(url)) => Some(url.trim().to_owned()),
            Some(inner) => string(inner, "@id").or_else(|| string(inner, "url")),
            None => None,
        }),
        publisher: names(object.get("publisher")).into_iter().next(),
        language: string(&object, "inLanguage"),
        description: string(&object, "description"),
        article_body: string(&object, "articleBody"),
    })
}

/// Parse one block, repairing raw control characters inside strings and stripping comment wrappers.
fn parse(text: &str) -> Option<Value> {
    let text = text.trim();
    let text = text
        .strip_prefix("<!--")
        .and_then(|t| t.strip_suffix("-->"))
        .unwrap_or(text);
    let text = text
        .trim()
        .strip_prefix("//<![CDATA[")
        .and_then(|t| t.strip_suffix("//]]>"))
        .unwrap_or(text)
        .trim();
    serde_json::from_str(text).ok().or_else(|| {
        let repaired: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str(&repaired).ok()
    })
}

/// Walk the value (without recursion) and keep the first article-typed and page-typed objects.
fn find_typed(value: &Value, article: &mut Option<Value>, page: &mut Option<Value>) {
    let mut stack = vec![value];
    let mut visited = 0;
    while let Some(value) = stack.pop() {
        visited += 1;
        if visited > MAX_OBJECTS {
            return;
        }
        match value {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                if has_type(value, ARTICLE_TYPES) {
                    *article = Some(value.clone());
                    return;
                }
                if page.is_none() && has_type(value, PAGE_TYPES) {
                    *page = Some(value.clone());
                }
                // Children in document order: @graph first, then the rest.
                let mut children: Vec<&Value> = map
                    .iter()
                    .filter(|(_, v)| v.is_object() || v.is_array())
                    .map(|(_, v)| v)
                    .collect();
                children.reverse();
                stack.extend(children);
            }
            _ => {}
        }
    }
}

/// `@type` is a string or a list of strings, possibly with a schema.org prefix.
fn has_type(value: &Value, types: &[&str]) -> bool {
    let matches = |t: &str| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        types.contains(&t)
    };
    match value.get("@type") {
        Some(Value::String(t)) => matches(t),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

/// A non-empty string field (the first item when it is a list).
fn string(object: &Value, key: &str) -> Option<String> {
    let value = match object.get(key)? {
        Value::Array(items) => items.first()?,
        other => other,
    };
    value
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Names from a person or organisation field: a string, an object with `name`, or a list of either.
fn names(value: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let items: Vec<&Value> = match value {
        None => return out,
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    };
    for item in items {
        let name = match item {
            Value::String(name) => Some(name.trim().to_owned()),
            Value::Object(_) => string(item, "name"),
            _ => None,
        };
        if let Some(name) = name.filter(|n| !n.is_empty() && !n.starts_with("http"))
            && !out.contains(&name)
        {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(json: &str) -> Option<LdArticle> {
        let html =
            format!("<html><head><script type='application/ld+json'>{json}</script></head></html>");
        read(&Document::from(html.as_str()))
    }

    #[test]
    fn a_news_article_object_is_read() {
        let got = ld(r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Bridge to reopen",
            "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],
            "datePublished":"2024-10-28T09:00:00+02:00","publisher":{"@type":"Organization","name":"Daily Test"},
            "mainEntityOfPage":{"@id":"https://news.test/bridge"},"inLanguage":"en-GB"}"#)
        .unwrap();
        assert_eq!(got.headline.as_deref(), Some("Bridge to reopen"));
        assert_eq!(got.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(got.publisher.as_deref(), Some("Daily Test"));
        assert_eq!(got.url.as_deref(), Some("https://news.test/bridge"));
        assert_eq!(got.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn graph_arrays_and_type_lists_are_searched() {
        let got = ld(r#"{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":"WebPage","url":"https://x.test/p"},
            {"@type":["ReportageNewsArticle"],"headline":"Deep","author":"Cy Dee"}]}"#)
        .unwrap();
        assert_eq!(got.headline.as_deref(), Some("Deep"));
        assert_eq!(got.authors, ["Cy Dee"]);
        let got = ld(r#"[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","headline":"Post"}]"#)
            .unwrap();
        assert_eq!(got.headline.as_deref(), Some("Post"));
    }

    #[test]
    fn raw_newlines_are_repaired_and_garbage_is_skipped() {
        let got = ld("{\"@type\":\"Article\",\"headline\":\"Two\nlines\"}").unwrap();
        assert_eq!(got.headline.as_deref(), Some("Two lines"));
        assert_eq!(ld("{not json"), None);
        assert_eq!(ld(r#"{"@type":"Organization","name":"Only an org"}"#), None);
    }

    #[test]
    fn a_web_page_is_the_fallback() {
        let got =
            ld(r#"{"@type":"WebPage","name":"Page title","datePublished":"2020-01-01"}"#).unwrap();
        assert_eq!(got.headline.as_deref(), Some("Page title"));
        assert_eq!(got.date_published.as_deref(), Some("2020-01-01"));
    }
}
