//! Boilerplate removal before scoring: drop the parts of a page that are never article text.
//!
//! Navigation, sharing and newsletter boxes, related-story lists, comments,
//! cookie banners, captions and credits, and hidden elements look alike on every
//! site: they are marked by their tag, their ARIA role, or words in their `class`
//! and `id`. Removing them before the article is located both keeps them out of
//! the text and stops them from pulling the scorer towards the wrong container.
//! A match that holds most of the page's text is kept: a site that calls its
//! article wrapper `share-container` must not lose its article.

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeId, NodeRef};

use super::dom::{self, Flow, Visit};

/// Elements that never hold article text.
const TAGS: &[&str] = &[
    "nav",
    "aside",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "dialog",
    "template",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "svg",
    "map",
    "figcaption",
    "style",
    "link",
    "meta",
];

/// Elements that usually hold no article text, but on some pages wrap it; kept
/// when they hold most of the page's text.
const GUARDED_TAGS: &[&str] = &["header", "footer", "form", "figure", "noscript"];

/// ARIA roles of page furniture.
const ROLES: &[&str] = &[
    "navigation",
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "tablist",
    "alert",
    "marquee",
    "tooltip",
];

/// Words in `class` or `id` that mark furniture wherever they appear. A word is a
/// run of letters and digits, and camelCase is split, so `articleShareBar` has
/// the words `article`, `share` and `bar`.
const WORDS: &[&str] = &[
    // sharing and following
    "share",
    "shares",
    "sharing",
    "sharebar",
    "sharetools",
    "social",
    "socials",
    "follow",
    // newsletters and subscriptions
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "subscriptions",
    "signup",
    "paywall",
    "registration",
    // other stories
    "related",
    "recommended",
    "recommendation",
    "recommendations",
    "recirculation",
    "recirc",
    "trending",
    "popular",
    "mostread",
    "mostpopular",
    "outbrain",
    "taboola",
    "zergnet",
    // comments
    "comment",
    "comments",
    "disqus",
    "discussion",
    "replies",
    // consent
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    // advertising
    "ad",
    "ads",
    "adslot",
    "adunit",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "dfp",
    "sponsor",
    "sponsored",
    "promo",
    "promotion",
    "promoted",
    "affiliate",
    // page furniture
    "breadcrumb",
    "breadcrumbs",
    "toolbar",
    "modal",
    "popup",
    "overlay",
    "sidebar",
    "rail",
    "masthead",
    "navbar",
    "nav",
    "navigation",
    "menu",
    "pagination",
    "pager",
    "widget",
    "widgets",
    "skip",
    "footer",
    // captions, credits, metadata around the article
    "caption",
    "captions",
    "credit",
    "credits",
    "copyright",
    "byline",
    "bylines",
    "kicker",
    "eyebrow",
    "tags",
    "tag",
    "taglist",
    "keywords",
    "timestamp",
    "dateline",
    "bio",
    "gallery",
    "slideshow",
    "carousel",
    "lightbox",
    "enlarge",
    // calls to action and hover cards
    "cta",
    "tooltip",
    "popover",
    "hovercard",
    "rollover",
];

/// Whole class tokens that hide an element on every screen (unlike `hidden-xs`,
/// which hides it only on some), or show it to screen readers alone.
const HIDDEN_TOKENS: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "u-hidden",
    "d-none",
    "sr-only",
    "sr-only-focusable",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screen-reader-only",
    "screenreader-only",
    "offscreen",
    "a11y-hidden",
    "element-invisible",
];

/// Words of comment sections: removed even when they quote (replies quote each
/// other), while other furniture holding a `<blockquote>` is an embedded post
/// (`social-media-embed`) and is kept.
const COMMENT_WORDS: &[&str] = &["comment", "comments", "disqus", "discussion", "replies"];

/// Word pairs that mark furniture where each word alone does not.
const PAIRS: &[(&str, &str)] = &[
    ("read", "more"),
    ("more", "stories"),
    ("more", "articles"),
    ("also", "read"),
    ("see", "also"),
    ("about", "author"),
    ("author", "box"),
    ("author", "info"),
    ("pull", "quote"),
    ("post", "meta"),
    ("entry", "meta"),
    ("article", "meta"),
];

/// Class prefixes that describe the page, not the element: WordPress and similar
/// systems put `tag-news` or `category-sport` on the article element itself.
const PAGE_PREFIXES: &[&str] = &[
    "tag-",
    "category-",
    "format-",
    "type-",
    "status-",
    "has-",
    "is-",
    "js-",
    "page-",
    "single-",
    "postid-",
    "with-",
];

/// Elements holding more than this share of the page's text are never removed.
const MAX_SHARE: f64 = 0.5;

/// Nor are elements holding more than this share of the text inside `<p>`
/// elements: menus and sidebars hold much text but few paragraphs, articles the reverse.
const PARAGRAPH_SHARE: f64 = 0.3;

/// Remove furniture from `doc` in place; returns how many elements were removed.
pub fn remove(doc: &Document) -> usize {
    let root = doc.root();
    let counts = text_counts(root);
    let total = counts.get(&root.id).copied().unwrap_or_default();
    let teasers = Teasers::of(doc, &counts);
    let mut doomed: Vec<NodeRef<'_>> = Vec::new();
    let mut embeds: Vec<NodeRef<'_>> = Vec::new();
    dom::walk(root, |visit| {
        let Visit::Enter(node) = visit else {
            return Flow::Descend;
        };
        let Some(name) = dom::name(&node) else {
            return Flow::Descend;
        };
        if matches!(&*name, "head" | "script") {
            return Flow::SkipChildren;
        }
        let count = counts.get(&node.id).copied().unwrap_or_default();
        if &*name == "article" && teasers.is_teaser(&node, count) {
            doomed.push(node);
            return Flow::SkipChildren;
        }
        if matches!(&*name, "html" | "body" | "main" | "article") {
            return Flow::Descend;
        }
        let holds_article = count.all as f64 > MAX_SHARE * total.all as f64
            || count.in_paragraphs as f64 > PARAGRAPH_SHARE * total.in_paragraphs as f64;
        let remove = if TAGS.contains(&&*name) || is_hidden(&node) {
            true
        } else if GUARDED_TAGS.contains(&&*name) {
            let quoting_figure = &*name == "figure" && keeps_figure(&node);
            !(holds_article || quoting_figure)
        } else if holds_article {
            false
        } else if has_furniture_role(&node) {
            true
        } else if let Some(word) = furniture_word(&node) {
            if COMMENT_WORDS.contains(&word) || !contains(&node, &["blockquote"]) {
                true
            } else {
                // An embedded post: keep its quote, without the wrapper that the
                // scorer would penalise for its class and its links.
                embeds.push(node);
                false
            }
        } else {
            false
        };
        if remove {
            doomed.push(node);
            Flow::SkipChildren
        } else {
            Flow::Descend
        }
    });
    for node in &doomed {
        node.remove_from_parent();
    }
    for embed in &embeds {
        hoist_quotes(embed);
    }
    doomed.len()
}

/// Replace `container` by the outermost `<blockquote>` elements inside it.
fn hoist_quotes(container: &NodeRef<'_>) {
    let mut quotes = Vec::new();
    dom::walk(*container, |visit| match visit {
        Visit::Enter(inner) if inner.id != container.id && inner.has_name("blockquote") => {
            quotes.push(inner);
            Flow::SkipChildren
        }
        _ => Flow::Descend,
    });
    if container.parent().is_none() {
        return;
    }
    for quote in &quotes {
        container.insert_before(quote);
    }
    container.remove_from_parent();
}

/// Text below an element: all of it, and the part inside paragraphs.
#[derive(Debug, Clone, Copy, Default)]
struct TextCount {
    all: usize,
    in_paragraphs: usize,
}

/// Non-whitespace text characters below each element, by node id.
fn text_counts(root: NodeRef<'_>) -> HashMap<NodeId, TextCount> {
    let mut counts = HashMap::new();
    let mut open: Vec<TextCount> = Vec::new();
    let mut paragraphs = 0usize;
    dom::walk(root, |visit| match visit {
        Visit::Enter(node) => {
            if node.has_name("script") || node.has_name("style") {
                open.push(TextCount::default());
                return Flow::SkipChildren;
            }
            if node.has_name("p") {
                paragraphs += 1;
            }
            let all = dom::text_of(&node).map_or(0, |text| {
                text.chars().filter(|c| !c.is_whitespace()).count()
            });
            let in_paragraphs = if paragraphs > 0 { all } else { 0 };
            open.push(TextCount { all, in_paragraphs });
            Flow::Descend
        }
        Visit::Exit(node) => {
            if node.has_name("p") {
                paragraphs = paragraphs.saturating_sub(1);
            }
            let count = open.pop().unwrap_or_default();
            if let Some(parent) = open.last_mut() {
                parent.all += count.all;
                parent.in_paragraphs += count.in_paragraphs;
            }
            if node.is_element() || node.id == root.id {
                counts.insert(node.id, count);
            }
            Flow::Descend
        }
    });
    counts
}

/// A figure that quotes text (an embedded post or a pull quote with substance) or holds a table is content.
fn keeps_figure(node: &NodeRef<'_>) -> bool {
    contains(node, &["blockquote", "table"])
}

/// Whether an element below `node` has one of these names.
fn contains(node: &NodeRef<'_>, names: &[&str]) -> bool {
    let mut found = false;
    dom::walk(*node, |visit| {
        if let Visit::Enter(inner) = visit
            && !found
            && inner.id != node.id
            && names.iter().any(|name| inner.has_name(name))
        {
            found = true;
        }
        if found {
            Flow::SkipChildren
        } else {
            Flow::Descend
        }
    });
    found
}

/// Story cards: on a page with several `<article>` elements, the one with the
/// most text is the story; the others, when much shorter and headed by a link,
/// are teasers for other stories.
struct Teasers {
    main: Option<NodeId>,
    main_ancestors: HashSet<NodeId>,
    main_chars: usize,
}

impl Teasers {
    fn of(doc: &Document, counts: &HashMap<NodeId, TextCount>) -> Self {
        let articles = doc.select("article");
        let nodes = articles.nodes();
        let main = if nodes.len() < 2 {
            None
        } else {
            nodes
                .iter()
                .max_by_key(|n| counts.get(&n.id).map_or(0, |c| c.all))
                .copied()
        };
        Self {
            main: main.map(|n| n.id),
            main_ancestors: main
                .map(|n| n.ancestors_it(None).map(|a| a.id).collect())
                .unwrap_or_default(),
            main_chars: main.and_then(|n| counts.get(&n.id)).map_or(0, |c| c.all),
        }
    }

    fn is_teaser(&self, node: &NodeRef<'_>, count: TextCount) -> bool {
        let Some(main) = self.main else {
            return false;
        };
        node.id != main
            && !self.main_ancestors.contains(&node.id)
            && count.all * 3 < self.main_chars
            && has_linked_heading(node)
    }
}

/// A heading that is (or holds) a link: the mark of a card pointing elsewhere.
fn has_linked_heading(node: &NodeRef<'_>) -> bool {
    let mut found = false;
    dom::walk(*node, |visit| {
        if let Visit::Enter(inner) = visit
            && !found
            && matches!(
                dom::name(&inner).as_deref(),
                Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            )
        {
            let linked = inner
                .ancestors_it(None)
                .take_while(|a| a.id != node.id)
                .any(|a| a.has_name("a") && a.has_attr("href"))
                || contains_link(&inner);
            found = linked;
        }
        if found {
            Flow::SkipChildren
        } else {
            Flow::Descend
        }
    });
    found
}

fn contains_link(node: &NodeRef<'_>) -> bool {
    let mut found = false;
    dom::walk(*node, |visit| {
        if let Visit::Enter(inner) = visit
            && inner.has_name("a")
            && inner.has_attr("href")
        {
            found = true;
        }
        if found {
            Flow::SkipChildren
        } else {
            Flow::Descend
        }
    });
    found
}

/// `hidden`, `aria-hidden="true"`, or an inline style that hides the element.
fn is_hidden(node: &NodeRef<'_>) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    node.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

fn has_furniture_role(node: &NodeRef<'_>) -> bool {
    node.attr("role").is_some_and(|role| {
        role.split_whitespace()
            .any(|r| ROLES.iter().any(|known| known.eq_ignore_ascii_case(r)))
    })
}

/// The furniture word in the element's `class` or `id`, if any.
fn furniture_word(node: &NodeRef<'_>) -> Option<&'static str> {
    let class = node.attr("class");
    let id = node.attr("id");
    let tokens = class.iter().chain(id.iter()).flat_map(|value| {
        value
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    });
    for token in tokens {
        let lower = token.to_ascii_lowercase();
        if let Some(token) = HIDDEN_TOKENS.iter().find(|t| **t == lower) {
            return Some(token);
        }
        if PAGE_PREFIXES.iter().any(|prefix| lower.starts_with(prefix)) {
            continue;
        }
        let words = words_of(&token);
        if let Some(word) = WORDS.iter().find(|w| words.iter().any(|word| word == *w)) {
            return Some(word);
        }
        let set: HashSet<&str> = words.iter().map(String::as_str).collect();
        if let Some((a, _)) = PAIRS
            .iter()
            .find(|(a, b)| set.contains(a) && set.contains(b))
        {
            return Some(a);
        }
    }
    None
}

/// Split a class or id token into lower-case words at non-alphanumerics and camelCase humps.
fn words_of(token: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in token.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(html: &str) -> String {
        let doc = Document::from(html);
        remove(&doc);
        let texts: Vec<String> = super::super::blocks::blocks(doc.root())
            .into_iter()
            .map(|block| block.text)
            .collect();
        texts.join(" ")
    }

    const STORY: &str = "The council met on Tuesday and agreed to rebuild the bridge over the river, \
                         which has been closed since the spring floods damaged its piers.";

    #[test]
    fn words_split_at_humps_and_punctuation() {
        assert_eq!(words_of("articleShareBar"), ["article", "share", "bar"]);
        assert_eq!(words_of("post__meta-2"), ["post", "meta", "2"]);
        assert_eq!(words_of("HTMLContent"), ["htmlcontent"]);
    }

    #[test]
    fn furniture_is_removed_by_tag_role_class_and_id() {
        let html = format!(
            "<body><nav>Home</nav><div role=navigation>Menu</div><article><p>{STORY}</p>\
             <div class='social-share'>Share on Facebook</div><div id=newsletterSignup>Sign up</div>\
             <ul class='related-links'><li>Other story</li></ul><figure><img src=a.jpg>\
             <figcaption>A caption</figcaption></figure><span class='sr-only'>Opens in new window</span>\
             <p style='display: none'>hidden</p><div aria-hidden=true>x</div></article></body>"
        );
        assert_eq!(cleaned(&html), STORY);
    }

    #[test]
    fn words_inside_other_words_do_not_match() {
        let html = format!(
            "<div class='commentary'><p>{STORY}</p></div><div class='shadow'>{STORY}</div>"
        );
        assert_eq!(cleaned(&html), format!("{STORY} {STORY}"));
    }

    #[test]
    fn a_match_holding_most_of_the_text_is_kept() {
        let html =
            format!("<div class='share-wrapper'><p>{STORY}</p><p>{STORY}</p></div><p>short</p>");
        assert!(cleaned(&html).contains(STORY));
        let html = format!("<form id=aspnetForm><p>{STORY}</p></form>");
        assert_eq!(cleaned(&html), STORY);
    }

    #[test]
    fn page_level_classes_do_not_count() {
        let html = format!(
            "<div class='post tag-comments category-share'><p>{STORY}</p></div><p>{STORY}</p>"
        );
        assert_eq!(cleaned(&html), format!("{STORY} {STORY}"));
    }

    #[test]
    fn figures_that_quote_are_kept() {
        let html = format!("<p>{STORY}</p><figure><blockquote>A quoted post</blockquote></figure>");
        assert!(cleaned(&html).ends_with("A quoted post"));
    }
}
