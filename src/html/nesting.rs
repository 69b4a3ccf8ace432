//! Nesting guard: flatten elements nested deeper than a limit, before and after parsing.
//!
//! A hostile or broken page can nest tens of thousands of elements. Every pass
//! that walks up or down the tree pays for the depth, and a recursive step
//! anywhere (the parser's tree builder scans its stack of open elements; the
//! Readability port cleans styles recursively) risks the stack. Real pages stay
//! far below the limits (the deepest of a 90-page news benchmark is 51 levels).
//!
//! Two passes, both linear: [`limit_nesting`] drops start tags nested deeper
//! than [`MAX_DEPTH`] from the source, so the parser never builds a deep stack;
//! it counts only elements that need an end tag, so implied ones (`tbody`, `tr`,
//! `td`, `li`) can still add levels, and [`flatten_tree`] then unwraps every
//! element deeper than [`MAX_TREE_DEPTH`] in the parsed tree.

use std::borrow::Cow;
use std::collections::HashMap;

use dom_query::{Document, NodeRef};

use super::dom::{self, Flow, Visit};

/// Open elements allowed before deeper start tags are dropped. Real pages nest a
/// few dozen levels; the guard counts unclosed inline tags too, so it is generous.
pub const MAX_DEPTH: usize = 128;

/// Deepest element kept in the parsed tree by [`flatten_tree`].
pub const MAX_TREE_DEPTH: usize = 160;

/// Inline elements: unwrapping them needs no break in the text.
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// Elements without content: they never open a level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image", "isindex", "menuitem",
];

/// Elements whose end tag may be left out; the parser closes them by itself when
/// a sibling starts, so counting them would only inflate the depth.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// The page with start tags deeper than `max_depth` (and the end tags that close
/// them) replaced by a space. Borrowed unchanged when nothing is that deep.
pub fn limit_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    // Open elements as byte ranges of their names, and how many of them are svg/math,
    // where `<x/>` really closes.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut foreign = 0usize;
    // How many dropped elements of each (lower-case) name are still open.
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let lt = at + offset;
        let Some(&next) = bytes.get(lt + 1) else {
            break;
        };
        if next == b'!' {
            at = if bytes[lt..].starts_with(b"<!--") {
                find(bytes, lt + 4, b"-->").map_or(bytes.len(), |end| end + 3)
            } else {
                tag_end(bytes, lt + 2)
            };
            continue;
        }
        if next == b'?' {
            at = tag_end(bytes, lt + 2);
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { lt + 2 } else { lt + 1 };
        let name_end = name_start
            + bytes[name_start..]
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':')))
                .unwrap_or(bytes.len() - name_start);
        if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
            at = lt + 1;
            continue;
        }
        let end = tag_end(bytes, name_end);
        let name = &html[name_start..name_end];
        let is = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
        let mut drop_tag = false;
        if closing {
            if !is(VOID) && !is(OPTIONAL_END) {
                let open_dropped = if dropped.is_empty() {
                    None
                } else {
                    dropped
                        .get_mut(&name.to_ascii_lowercase())
                        .filter(|n| **n > 0)
                };
                if let Some(count) = open_dropped {
                    *count -= 1;
                    drop_tag = true;
                } else if let Some(pos) = stack
                    .iter()
                    .rposition(|&(s, e)| html[s..e].eq_ignore_ascii_case(name))
                {
                    for &(s, e) in &stack[pos..] {
                        if is_foreign_root(&html[s..e]) {
                            foreign = foreign.saturating_sub(1);
                        }
                    }
                    stack.truncate(pos);
                }
            }
        } else {
            let self_closing = end >= 2 && bytes[end - 2] == b'/';
            if is(RAW_TEXT) {
                at = raw_text_end(html, end, name);
                continue;
            }
            let closed_at_once = is(VOID) || is(OPTIONAL_END) || (self_closing && foreign > 0);
            let opens = !closed_at_once;
            if opens {
                if stack.len() < max_depth {
                    stack.push((name_start, name_end));
                    if is_foreign_root(name) {
                        foreign += 1;
                    }
                } else {
                    *dropped.entry(name.to_ascii_lowercase()).or_insert(0) += 1;
                    drop_tag = true;
                }
            }
        }
        if drop_tag {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..lt]);
            buffer.push(' ');
            copied = end;
        }
        at = end;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            Cow::Owned(buffer)
        }
    }
}

/// Unwrap every element deeper than `max_depth` (its children take its place),
/// so no element of `doc` is nested deeper; returns how many were unwrapped.
///
/// Each subtree below the limit is rebuilt once as a flat run of its text and
/// other leaves, so every node moves once. (Unwrapping the deep elements one by
/// one, children first, moved a wide subtree again for every level above it.)
pub fn flatten_tree(doc: &Document, max_depth: usize) -> usize {
    // The elements at the limit whose children are elements: their subtrees go flat.
    let mut cuts = Vec::new();
    if max_depth == 0 {
        cuts.push(doc.root());
    } else {
        let mut depth = 0usize;
        dom::walk(doc.root(), |visit| match visit {
            Visit::Enter(node) if node.is_element() => {
                depth += 1;
                if depth < max_depth {
                    return Flow::Descend;
                }
                if node.children_it(false).any(|child| child.is_element()) {
                    cuts.push(node);
                }
                Flow::SkipChildren
            }
            Visit::Exit(node) if node.is_element() => {
                depth -= 1;
                Flow::Descend
            }
            _ => Flow::Descend,
        });
    }
    let mut unwrapped = 0;
    for cut in cuts {
        unwrapped += flatten_children(doc, &cut);
    }
    unwrapped
}

/// Replace the children of `parent` by the leaves (text, comments) under them in
/// document order, with a `<br>` where a block element began, so its content
/// stays a paragraph of its own; returns how many elements went.
fn flatten_children(doc: &Document, parent: &NodeRef<'_>) -> usize {
    enum Piece<'a> {
        Leaf(NodeRef<'a>),
        Break,
    }
    let mut pieces = Vec::new();
    let mut elements = 0;
    let children = parent.children();
    for child in &children {
        dom::walk(*child, |visit| {
            if let Visit::Enter(node) = visit {
                if node.is_element() {
                    elements += 1;
                    if !PHRASING.iter().any(|name| node.has_name(name)) {
                        pieces.push(Piece::Break);
                    }
                } else {
                    pieces.push(Piece::Leaf(node));
                }
            }
            Flow::Descend
        });
    }
    for child in &children {
        child.remove_from_parent();
    }
    for piece in pieces {
        match piece {
            Piece::Leaf(node) => parent.append_child(&node),
            Piece::Break => parent.append_child(&doc.tree.new_element("br")),
        }
    }
    elements
}

fn is_foreign_root(name: &str) -> bool {
    name.eq_ignore_ascii_case("svg") || name.eq_ignore_ascii_case("math")
}

/// Just past the `>` that ends the tag whose attributes start at `from`; quoted
/// attribute values may hold `>`. The end of the input when the tag is cut off.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'>' => return i + 1,
                b'"' | b'\'' if after_equals => quote = Some(b),
                b'=' => {
                    after_equals = true;
                    i += 1;
                    continue;
                }
                b if b.is_ascii_whitespace() => {
                    i += 1;
                    continue;
                }
                _ => {}
            },
        }
        after_equals = false;
        i += 1;
    }
    bytes.len()
}

/// Just past the end tag of a raw-text element opened before `from`, or the end of the input.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(pos) = find(bytes, at, b"</") {
        let start = pos + 2;
        let end = start + name.len();
        if end <= bytes.len() && bytes[start..end].eq_ignore_ascii_case(name.as_bytes()) {
            return tag_end(bytes, end);
        }
        at = start;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|pos| from + pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_not_copied() {
        let html =
            "<html><body><div><p>One<p>Two<br><img src=x></div><script>if (a<b) {}</script></body>";
        assert!(matches!(limit_nesting(html, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_at_the_limit() {
        let html = format!("{}text{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        let flat = limit_nesting(&html, 100);
        assert_eq!(flat.matches("<div>").count(), 100);
        assert_eq!(flat.matches("</div>").count(), 100);
        assert!(flat.contains("text"));
    }

    #[test]
    fn end_tags_close_the_right_elements_after_dropping() {
        let html = "<div><span><b>x</b></span><i>y</i></div><p>z</p>";
        assert_eq!(
            limit_nesting(html, 2),
            "<div><span> x </span><i>y</i></div><p>z</p>"
        );
    }

    #[test]
    fn self_closing_html_elements_still_nest_but_svg_ones_do_not() {
        let html = "<div/>".repeat(50);
        assert_eq!(limit_nesting(&html, 10).matches("<div/>").count(), 10);
        let svg = format!("<svg>{}</svg>", "<path d='M0>1'/>".repeat(50));
        assert!(matches!(limit_nesting(&svg, 10), Cow::Borrowed(_)));
    }

    #[test]
    fn comments_raw_text_and_quoted_brackets_are_skipped() {
        let html = "<!-- <div><div><div> --><script><div><div></script><a title='>'><b>x</b></a>";
        assert!(matches!(limit_nesting(html, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_trees_are_flattened_after_parsing() {
        let html = format!("{}<p>text</p>", "<table><tr><td>".repeat(300));
        let doc = Document::from(limit_nesting(&html, MAX_DEPTH).as_ref());
        assert!(flatten_tree(&doc, 50) > 0);
        let deepest = doc
            .select("*")
            .nodes()
            .iter()
            .filter(|n| !n.has_name("br"))
            .map(|n| n.ancestors_it(None).filter(|a| a.is_element()).count() + 1)
            .max();
        assert_eq!(deepest, Some(50));
        assert!(doc.root().text().contains("text"));
        // Unwrapped paragraphs stay apart.
        let doc = Document::from(format!("{}<p>one</p><p>two</p>", "<div>".repeat(60)).as_str());
        flatten_tree(&doc, 50);
        let texts: Vec<String> = super::super::blocks::blocks(doc.root())
            .into_iter()
            .map(|block| block.text)
            .collect();
        assert_eq!(texts, ["one", "two"]);
        let shallow = Document::from("<div><p>a</p></div>");
        assert_eq!(flatten_tree(&shallow, 50), 0);
    }

    /// The depth of the deepest element of `html` parsed (`html` and `body` count),
    /// and how many elements it has.
    fn tree_shape(html: &str) -> (usize, usize) {
        let doc = Document::from(html);
        let (mut depth, mut deepest, mut elements) = (0, 0, 0);
        dom::walk(doc.root(), |visit| {
            match visit {
                Visit::Enter(node) if node.is_element() => {
                    depth += 1;
                    elements += 1;
                    deepest = deepest.max(depth);
                }
                Visit::Exit(node) if node.is_element() => depth -= 1,
                _ => {}
            }
            Flow::Descend
        });
        (deepest, elements)
    }

    #[test]
    fn a_wide_subtree_below_the_limit_is_flattened_in_order() {
        let paragraphs: String = (0..1_000).map(|i| format!("<p>{i}</p>")).collect();
        let doc = Document::from(format!("{}{paragraphs}", "<div>".repeat(60)).as_str());
        // html and body, then divs 3 to 62: twelve of them and every paragraph go.
        assert_eq!(flatten_tree(&doc, 50), 12 + 1_000);
        let texts: Vec<String> = super::super::blocks::blocks(doc.root())
            .into_iter()
            .map(|block| block.text)
            .collect();
        let expected: Vec<String> = (0..1_000).map(|i| i.to_string()).collect();
        assert_eq!(texts, expected);
        assert!(tree_shape(&doc.html()).0 <= 50 + 1);
    }

    #[test]
    fn truncated_tags_do_not_panic() {
        for html in [
            "<",
            "<div",
            "<div class='x",
            "</",
            "<!--",
            "<script>",
            "<a><b",
            "<é>",
            "<divé>",
        ] {
            let _ = limit_nesting(html, 1);
        }
    }
}
