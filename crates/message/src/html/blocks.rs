//! Text blocks: the content of a DOM subtree as paragraphs, with what the filters need to judge them.
//!
//! Block-level elements start and end a block; inline elements only add their
//! text. Whitespace is collapsed inside a block, so a block is one line of the
//! final text. Each block remembers how much of it is link text and which kind
//! of element it came from, because boilerplate (related links, captions,
//! headings of empty sections) is recognised by those facts, not by the words.

use dom_query::NodeRef;

use super::dom::{self, Flow, Visit};

/// What kind of element a block came from: the innermost block-level ancestor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// `h1`..`h6`, with its level.
    Heading(u8),
    ListItem,
    Quote,
    Caption,
    Cell,
    Preformatted,
    /// Text directly inside a `div`, `section` and the like.
    Other,
}

/// One paragraph of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The text, whitespace collapsed, never empty.
    pub text: String,
    pub kind: BlockKind,
    /// Non-whitespace characters of the text.
    pub chars: usize,
    /// Non-whitespace characters inside `<a href>` links.
    pub link_chars: usize,
    /// Index of the list (`ul`/`ol`/`dl`) the block is in, to judge a list as a whole.
    pub list: Option<usize>,
}

impl Block {
    /// Share of the text that is link text, from 0 to 1.
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }

    /// Words, counted as runs of non-whitespace.
    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Elements whose subtree holds no readable text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "button", "select",
    "option", "textarea", "input", "iframe", "object", "embed", "video", "audio", "canvas", "map",
];

/// The block kind an element starts, or `None` for inline elements.
fn kind_of(name: &str) -> Option<BlockKind> {
    Some(match name {
        "p" => BlockKind::Paragraph,
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "figcaption" | "caption" => BlockKind::Caption,
        "tr" => BlockKind::Cell,
        "pre" => BlockKind::Preformatted,
        "div" | "section" | "article" | "main" | "aside" | "header" | "footer" | "nav" | "ul"
        | "ol" | "dl" | "table" | "thead" | "tbody" | "tfoot" | "figure" | "form" | "fieldset"
        | "address" | "center" | "details" | "summary" | "dialog" | "hgroup" | "legend"
        | "menu" | "body" | "html" | "hr" | "br" => BlockKind::Other,
        _ => return None,
    })
}

/// Collects text into blocks during a walk.
struct Builder {
    blocks: Vec<Block>,
    text: String,
    chars: usize,
    link_chars: usize,
    pending_space: bool,
    /// Block kinds of the open block-level elements, innermost last.
    kinds: Vec<BlockKind>,
    links: usize,
    pre: usize,
    lists: Vec<usize>,
    list_count: usize,
}

impl Builder {
    fn flush(&mut self) {
        if self.chars > 0 {
            let kind = self.kinds.last().copied().unwrap_or(BlockKind::Other);
            self.blocks.push(Block {
                text: std::mem::take(&mut self.text),
                kind,
                chars: self.chars,
                link_chars: self.link_chars,
                list: self.lists.last().copied(),
            });
        }
        self.text.clear();
        self.chars = 0;
        self.link_chars = 0;
        self.pending_space = false;
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' && self.pre > 0 {
                self.flush();
            } else if c.is_whitespace() || c.is_control() {
                self.pending_space = !self.text.is_empty();
            } else {
                if self.pending_space {
                    self.text.push(' ');
                    self.pending_space = false;
                }
                self.text.push(c);
                self.chars += 1;
                if self.links > 0 {
                    self.link_chars += 1;
                }
            }
        }
    }
}

/// The blocks of text under `root`, in document order.
pub fn blocks(root: NodeRef<'_>) -> Vec<Block> {
    let mut builder = Builder {
        blocks: Vec::new(),
        text: String::new(),
        chars: 0,
        link_chars: 0,
        pending_space: false,
        kinds: Vec::new(),
        links: 0,
        pre: 0,
        lists: Vec::new(),
        list_count: 0,
    };
    dom::walk(root, |visit| match visit {
        Visit::Enter(node) => {
            if let Some(text) = dom::text_of(&node) {
                builder.push_text(&text);
                return Flow::Descend;
            }
            let Some(name) = dom::name(&node) else {
                return Flow::Descend;
            };
            if SKIPPED.contains(&&*name) {
                return Flow::SkipChildren;
            }
            match &*name {
                "a" if node.has_attr("href") => builder.links += 1,
                "td" | "th" => builder.pending_space = !builder.text.is_empty(),
                "ul" | "ol" | "dl" => {
                    builder.flush();
                    builder.lists.push(builder.list_count);
                    builder.list_count += 1;
                }
                "pre" => builder.pre += 1,
                _ => {}
            }
            if let Some(kind) = kind_of(&name) {
                builder.flush();
                // Inside a paragraph-like block, a nested `div` keeps the outer kind.
                let kind = match (builder.kinds.last(), kind) {
                    (Some(&outer), BlockKind::Other) if outer != BlockKind::Other => outer,
                    _ => kind,
                };
                builder.kinds.push(kind);
            }
            Flow::Descend
        }
        Visit::Exit(node) => {
            let Some(name) = dom::name(&node) else {
                return Flow::Descend;
            };
            if SKIPPED.contains(&&*name) {
                return Flow::Descend;
            }
            match &*name {
                "a" if node.has_attr("href") => builder.links = builder.links.saturating_sub(1),
                "td" | "th" => builder.pending_space = !builder.text.is_empty(),
                "pre" => builder.pre = builder.pre.saturating_sub(1),
                _ => {}
            }
            if kind_of(&name).is_some() {
                builder.flush();
                builder.kinds.pop();
            }
            if matches!(&*name, "ul" | "ol" | "dl") {
                builder.lists.pop();
            }
            Flow::Descend
        }
    });
    builder.flush();
    builder.blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn texts(html: &str) -> Vec<(String, BlockKind)> {
        let doc = Document::from(html);
        blocks(doc.root())
            .into_iter()
            .map(|b| (b.text, b.kind))
            .collect()
    }

    #[test]
    fn block_elements_make_paragraphs_and_inline_ones_do_not() {
        let got = texts(
            "<h2>Head  line</h2><p>One <b>bold</b>\n word.</p><div>Loose <i>text</i></div><ul><li>a</li><li>b</li></ul>",
        );
        assert_eq!(
            got,
            [
                ("Head line".into(), BlockKind::Heading(2)),
                ("One bold word.".into(), BlockKind::Paragraph),
                ("Loose text".into(), BlockKind::Other),
                ("a".into(), BlockKind::ListItem),
                ("b".into(), BlockKind::ListItem),
            ]
        );
    }

    #[test]
    fn link_text_is_counted() {
        let doc =
            Document::from("<p>Read <a href='/x'>this story</a></p><p><a name=x>anchor</a></p>");
        let got = blocks(doc.root());
        assert_eq!(got[0].link_chars, 9);
        assert_eq!(got[0].chars, 13);
        assert_eq!(got[1].link_chars, 0);
    }

    #[test]
    fn scripts_are_skipped_and_cells_are_spaced() {
        let got = texts(
            "<table><tr><td>a</td><td>b</td></tr></table><script>x()</script><pre>l1\nl2</pre>",
        );
        assert_eq!(got[0].0, "a b");
        assert_eq!(got[1].0, "l1");
        assert_eq!(got[2].0, "l2");
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn breaks_split_paragraphs() {
        let got = texts("<p>first line<br>second line</p>");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1, BlockKind::Paragraph);
    }
}
