//! Page metadata: title, authors, publication time, canonical URL, site name and language.
//!
//! Each field is taken from the most reliable source that has it: JSON-LD
//! first (written for machines), then OpenGraph and other `<meta>` tags, then
//! the markup itself (`<link rel=canonical>`, `<time datetime>`, `<html lang>`,
//! `<title>`). Values are trimmed, entities are already decoded by the parser,
//! dates are normalised to RFC 3339 and URLs resolved against the page URL.

use dom_query::{Document, NodeRef};

use super::json_ld::{self, LdArticle};
use crate::published;

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    /// Several authors are joined with ", ".
    pub author: Option<String>,
    /// RFC 3339, UTC.
    pub published_at: Option<String>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    /// As the page declares it (`en`, `en-GB`), `_` made `-`.
    pub language: Option<String>,
    pub description: Option<String>,
    /// The `<title>` element, for recognising the headline in the text.
    pub document_title: Option<String>,
    /// The JSON-LD `articleBody`, when the page ships one.
    pub article_body: Option<String>,
}

/// `<meta>` keys (`name` or `property`) holding the author, in order of trust.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "twitter:creator",
];

/// `<meta>` keys holding the publication time, in order of trust.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "original-publish-date",
    "og:updated_time",
];

/// Read the metadata of a parsed page. `url` is where the page came from, used
/// to resolve a relative canonical link and as the last fallback for it.
pub fn read(doc: &Document, url: Option<&str>) -> Metadata {
    let metas = MetaTags::of(doc);
    let ld = json_ld::read(doc).unwrap_or_default();
    let document_title = doc
        .select("title")
        .nodes()
        .first()
        .map(|n| collapse(&n.text()))
        .filter(|t| !t.is_empty());
    let site_name = metas
        .get(&["og:site_name", "application-name", "twitter:site"])
        .filter(|name| !name.starts_with('@') && !name.contains("://"))
        .or_else(|| ld.publisher.clone());
    let title = ld
        .headline
        .clone()
        .or_else(|| metas.get(&["og:title", "twitter:title", "title"]))
        .or_else(|| first_text(doc, "h1"))
        .or_else(|| document_title.clone())
        .map(|t| without_site_suffix(&collapse(&t), site_name.as_deref()));
    let language = language(&ld, &metas, doc);
    Metadata {
        title,
        author: author(&ld, &metas, doc),
        published_at: published_at(&ld, &metas, doc, language.as_deref()),
        canonical_url: canonical_url(&ld, &metas, doc, url),
        site_name,
        language,
        description: metas
            .get(&["og:description", "description", "twitter:description"])
            .or_else(|| ld.description.clone()),
        document_title,
        article_body: ld.article_body,
    }
}

/// The `<meta>` tags of a page as (key, content) pairs, keys lower case.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn of(doc: &Document) -> Self {
        let mut tags = Vec::new();
        for node in doc.select("meta").nodes() {
            let Some(content) = node.attr("content").map(|c| collapse(&c)) else {
                continue;
            };
            if content.is_empty() {
                continue;
            }
            for key in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(value) = node.attr(key) {
                    tags.push((value.trim().to_ascii_lowercase(), content.clone()));
                }
            }
        }
        Self(tags)
    }

    /// The first content among `keys`, trying keys in the given order.
    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            self.0
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, content)| content.clone())
        })
    }
}

fn author(ld: &LdArticle, metas: &MetaTags, doc: &Document) -> Option<String> {
    if !ld.authors.is_empty() {
        return Some(ld.authors.join(", "));
    }
    let from_meta = AUTHOR_KEYS.iter().find_map(|key| {
        metas
            .get(&[key])
            .filter(|v| !v.starts_with("http") && !v.starts_with('@'))
    });
    from_meta
        .or_else(|| first_text(doc, "[itemprop=author] [itemprop=name]"))
        .or_else(|| first_text(doc, "[itemprop=author]"))
        .or_else(|| first_text(doc, "a[rel=author]"))
        .map(|a| strip_by(&a))
        .filter(|a| !a.is_empty() && a.chars().count() <= 200)
}

/// `By Jane Doe` is `Jane Doe`.
fn strip_by(author: &str) -> String {
    let trimmed = author.trim();
    for prefix in ["By ", "by ", "BY "] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return rest.trim().to_owned();
        }
    }
    trimmed.to_owned()
}

/// The publication time; `language` (the page's) orders day and month in numeric dates.
fn published_at(
    ld: &LdArticle,
    metas: &MetaTags,
    doc: &Document,
    language: Option<&str>,
) -> Option<String> {
    let parse = |raw: &str| published::parse_in(raw, language);
    ld.date_published
        .as_deref()
        .and_then(parse)
        .or_else(|| {
            DATE_KEYS
                .iter()
                .find_map(|key| metas.get(&[key]).as_deref().and_then(parse))
        })
        .or_else(|| {
            let times = doc.select("time[datetime]");
            let nodes = times.nodes();
            let preferred = nodes
                .iter()
                .find(|n| {
                    n.has_attr("pubdate")
                        || n.attr("itemprop").is_some_and(|p| &*p == "datePublished")
                })
                .or_else(|| nodes.first());
            preferred
                .and_then(|n| n.attr("datetime"))
                .and_then(|d| parse(&d))
        })
}

fn canonical_url(
    ld: &LdArticle,
    metas: &MetaTags,
    doc: &Document,
    url: Option<&str>,
) -> Option<String> {
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let resolve = |href: &str| -> Option<String> {
        let href = href.trim();
        if href.is_empty() {
            return None;
        }
        let resolved = match &base {
            Some(base) => base.join(href).ok(),
            None => url::Url::parse(href).ok(),
        }?;
        matches!(resolved.scheme(), "http" | "https").then(|| resolved.to_string())
    };
    doc.select("link[rel]")
        .nodes()
        .iter()
        .filter(|n| {
            n.attr("rel").is_some_and(|rel| {
                rel.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
        })
        .find_map(|n| n.attr("href").and_then(|href| resolve(&href)))
        .or_else(|| metas.get(&["og:url"]).and_then(|u| resolve(&u)))
        .or_else(|| ld.url.as_deref().and_then(resolve))
        .or_else(|| url.and_then(resolve))
}

fn language(ld: &LdArticle, metas: &MetaTags, doc: &Document) -> Option<String> {
    let html_lang = doc
        .select("html")
        .nodes()
        .first()
        .and_then(|n| n.attr("lang").or_else(|| n.attr("xml:lang")))
        .map(|l| l.to_string());
    html_lang
        .or_else(|| metas.get(&["content-language", "og:locale", "language", "dc.language"]))
        .or_else(|| ld.language.clone())
        .map(|l| l.trim().replace('_', "-"))
        .and_then(|l| l.split([',', ';', ' ']).next().map(str::to_owned))
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 35
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// `Headline | Site` is `Headline` when `Site` is the site's name: the suffix is branding.
fn without_site_suffix(title: &str, site_name: Option<&str>) -> String {
    let Some(site) = site_name.filter(|s| !s.is_empty()) else {
        return title.to_owned();
    };
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(head) = title
            .strip_suffix(site)
            .and_then(|t| t.strip_suffix(separator))
            && !head.trim().is_empty()
        {
            return head.trim().to_owned();
        }
    }
    title.to_owned()
}

fn first_text(doc: &Document, selector: &str) -> Option<String> {
    doc.try_select(selector)?
        .nodes()
        .iter()
        .map(|n: &NodeRef<'_>| collapse(&n.text()))
        .find(|t| !t.is_empty())
}

/// Whitespace runs made one space, ends trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> Metadata {
        read(
            &Document::from(html),
            Some("https://news.test/section/story?id=1"),
        )
    }

    #[test]
    fn opengraph_and_meta_tags_fill_every_field() {
        let got = meta(
            r#"<html lang="en_GB"><head><title>Bridge | Daily Test</title>
            <meta property="og:title" content="Bridge to reopen">
            <meta property="og:site_name" content="Daily Test">
            <meta name="author" content="By Ann Lee">
            <meta property="article:published_time" content="2024-10-28T09:00:00+02:00">
            <meta property="og:url" content="https://news.test/bridge">
            </head><body><h1>Bridge</h1></body></html>"#,
        );
        assert_eq!(got.title.as_deref(), Some("Bridge to reopen"));
        assert_eq!(got.site_name.as_deref(), Some("Daily Test"));
        assert_eq!(got.author.as_deref(), Some("Ann Lee"));
        assert_eq!(got.published_at.as_deref(), Some("2024-10-28T07:00:00Z"));
        assert_eq!(
            got.canonical_url.as_deref(),
            Some("https://news.test/bridge")
        );
        assert_eq!(got.language.as_deref(), Some("en-GB"));
        assert_eq!(got.document_title.as_deref(), Some("Bridge | Daily Test"));
    }

    #[test]
    fn json_ld_wins_over_meta_tags() {
        let got = meta(
            r#"<head><meta property="og:title" content="OG title"><meta name="author" content="Meta Author">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"LD headline",
            "author":{"name":"LD Author"},"datePublished":"2024-10-28"}</script></head>"#,
        );
        assert_eq!(got.title.as_deref(), Some("LD headline"));
        assert_eq!(got.author.as_deref(), Some("LD Author"));
        assert_eq!(got.published_at.as_deref(), Some("2024-10-28T00:00:00Z"));
    }

    #[test]
    fn the_page_language_orders_day_and_month_in_numeric_dates() {
        let page = |lang: &str| {
            meta(&format!(
                r#"<html lang="{lang}"><head><meta name="date" content="03/04/2024 10:30 CET"></head></html>"#
            ))
            .published_at
        };
        assert_eq!(page("de").as_deref(), Some("2024-04-03T09:30:00Z"));
        assert_eq!(page("en-US").as_deref(), Some("2024-03-04T09:30:00Z"));
        assert_eq!(page("en"), None, "English without a region settles nothing");
    }

    #[test]
    fn canonical_links_are_resolved_and_time_elements_are_read() {
        let got = meta(
            r#"<head><link rel="canonical" href="/bridge-story"></head><body>
            <time datetime="2019-11-19T08:00:00-0500">Nov 19</time><h1> The   headline </h1></body>"#,
        );
        assert_eq!(
            got.canonical_url.as_deref(),
            Some("https://news.test/bridge-story")
        );
        assert_eq!(got.published_at.as_deref(), Some("2019-11-19T13:00:00Z"));
        assert_eq!(got.title.as_deref(), Some("The headline"));
    }

    #[test]
    fn the_site_name_is_cut_from_the_title_and_urls_are_no_site_names() {
        let got = meta(
            r#"<head><meta property="og:title" content="Bridge to reopen | Daily Test">
            <meta property="og:site_name" content="Daily Test"></head>"#,
        );
        assert_eq!(got.title.as_deref(), Some("Bridge to reopen"));
        let got = meta(
            r#"<head><title>A - B</title><meta property="og:site_name" content="https://x.test"></head>"#,
        );
        assert_eq!(got.title.as_deref(), Some("A - B"));
        assert_eq!(got.site_name, None);
    }

    #[test]
    fn a_bare_page_has_only_the_url() {
        let got = meta("<p>nothing here</p>");
        assert_eq!(got.title, None);
        assert_eq!(got.author, None);
        assert_eq!(
            got.canonical_url.as_deref(),
            Some("https://news.test/section/story?id=1")
        );
        let got = read(
            &Document::from("<link rel=canonical href='javascript:x'>"),
            None,
        );
        assert_eq!(got.canonical_url, None);
    }
}
