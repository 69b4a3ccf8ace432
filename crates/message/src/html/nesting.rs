//! Nesting guard: bound the depth of the parsed tree, before and after parsing.
//!
//! A hostile or broken page can nest hundreds of thousands of elements. Every pass
//! that walks up or down the tree pays for the depth, and a recursive step
//! anywhere (the parser's tree builder scans its stack of open elements; the
//! Readability port cleans styles recursively) risks the stack. Real pages stay
//! far below the limits (the deepest of a 90-page news benchmark is 51 levels).
//!
//! Two passes, both linear: [`limit_nesting`] follows the parser's stack of open
//! elements through the source and drops the start tags that would open an
//! element deeper than [`MAX_DEPTH`], so the parser never builds a deep stack;
//! [`flatten_tree`] then unwraps whatever is still deeper than [`MAX_TREE_DEPTH`]
//! in the parsed tree.
//!
//! The source pass models the tree-construction rules that change the depth, not
//! just start and end tags: `<table><td>` opens four levels (the parser implies
//! `tbody` and `tr`), a `<li>`, `<p>` or `<tr>` closes the one before it, an
//! unclosed `<b>` is reopened inside every later paragraph, and inside svg or math
//! none of the HTML rules apply. A count that left the implied elements out let
//! 300,000 nested `<table><tr><td>` reach 514 levels, and the rows of every
//! dropped table then landed in the deepest kept one: 600,000 siblings under 500
//! ancestors, which the flattening and the scorer's descendant walks from every
//! ancestor paid for as depth times width (15 s). So the model also drops
//! everything inside a dropped element: its implied rows, cells and list items
//! never reach the parser, and the text inside keeps its words but not its markup.
//! Where the model is simpler than the parser (foster parenting, the adoption
//! agency's moves, quirks mode), the tree can end a few levels past the limit (a
//! dozen at most in a fuzzer's random tag soup, none growing with the page), and
//! [`flatten_tree`] cuts what is left.

use std::borrow::Cow;

use dom_query::{Document, NodeRef};
use rustc_hash::FxHashMap;

use super::dom::{self, Flow, Visit};

/// Levels of the parser's stack of open elements allowed before deeper start tags
/// are dropped. Real pages nest a few dozen levels; the model counts formatting
/// elements the parser may never reopen, so it is generous.
pub const MAX_DEPTH: usize = 128;

/// Deepest element kept in the parsed tree by [`flatten_tree`].
pub const MAX_TREE_DEPTH: usize = 160;

/// Formatting elements (`a`, `b`, `font` ...) open at once, counting those the parser
/// closed implicitly and will reopen. The parser reopens every one of them inside
/// each new paragraph, so a page of `<b id=N><p>x` grows by this many elements per
/// paragraph (by 127 when only [`MAX_DEPTH`] bounded them); the pages of the news
/// benchmark keep at most 3 open. A dropped formatting tag leaves the text as it was.
pub const MAX_FORMATTING: usize = 12;

/// Inline elements: unwrapping them needs no break in the text.
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

// What the model knows about an element name, as bits.
/// The parser's "special" elements: an end tag for another element does not close past them.
const SPECIAL: u32 = 1;
/// Special elements other than `address`, `div` and `p`: a new `li`, `dd` or `dt`
/// closes an open one only if none of these stands above it.
const SPECIAL_LI: u32 = 1 << 1;
/// Boundaries of the parser's default scope: an end tag does not close past them.
const SCOPE: u32 = 1 << 2;
/// Elements that start a new run of formatting elements (table cells, captions,
/// objects); closing them forgets the formatting opened inside.
const MARKER: u32 = 1 << 3;
/// `svg` and `math`: their content is parsed as foreign elements.
const FOREIGN: u32 = 1 << 4;
/// Elements the parser closes by itself when a sibling or a parent's end comes.
const IMPLIED_END: u32 = 1 << 5;
/// Start tags that close an open `p` first.
const CLOSES_P: u32 = 1 << 6;
const HEADING: u32 = 1 << 7;
/// Formatting elements: kept in the parser's list of active formatting elements
/// and reopened after an implicit close.
const FORMATTING: u32 = 1 << 8;
/// Elements without content: they never open a level.
const VOID: u32 = 1 << 9;
/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: u32 = 1 << 10;
/// `html`, `head`, `body`: the parser makes them once, a start tag opens nothing.
const DOCUMENT: u32 = 1 << 11;
/// End tags that close their element when it is in the default scope.
const BLOCK_END: u32 = 1 << 12;
/// SVG and MathML elements whose content is HTML again (`foreignObject`, `mi` ...).
const INTEGRATION: u32 = 1 << 13;
/// On the stack: an element in the SVG or MathML namespace. None of the HTML rules
/// apply inside it: `<td>` or `<li>` there is just another nested element.
const FOREIGN_NS: u32 = 1 << 14;

const BLOCK: u32 = SPECIAL | SPECIAL_LI | CLOSES_P | BLOCK_END;
const TABLE_FLAGS: u32 = SPECIAL | SPECIAL_LI | SCOPE;
/// `tbody`, `thead`, `tfoot`, `tr`.
const SECTION_FLAGS: u32 = SPECIAL | SPECIAL_LI;
/// `td`, `th`, `caption`.
const CELL_FLAGS: u32 = SPECIAL | SPECIAL_LI | SCOPE | MARKER;

/// The classes whose positions on the stack the model keeps, in the order of `Model::classes`.
const CLASSES: [u32; 3] = [SPECIAL, SPECIAL_LI, SCOPE];
const SPECIAL_AT: usize = 0;
const SPECIAL_LI_AT: usize = 1;
const SCOPE_AT: usize = 2;

/// What the model knows about an element name (lower case), as the bits above.
fn classify(name: &str) -> u32 {
    match name {
        "html" | "head" | "body" | "frameset" => DOCUMENT,
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta"
        | "param" | "source" | "track" | "wbr" | "keygen" | "basefont" | "bgsound" | "frame"
        | "image" | "isindex" | "menuitem" => VOID,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes" => {
            RAW_TEXT
        }
        "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike"
        | "strong" | "tt" | "u" => FORMATTING,
        "address" | "div" => SPECIAL | CLOSES_P | BLOCK_END,
        "p" => SPECIAL | CLOSES_P | IMPLIED_END,
        "article" | "aside" | "blockquote" | "center" | "details" | "dir" | "dl" | "fieldset"
        | "figcaption" | "figure" | "footer" | "header" | "hgroup" | "main" | "menu" | "nav"
        | "section" | "summary" | "listing" | "pre" => BLOCK,
        "ol" | "ul" => BLOCK,
        "dialog" | "search" => CLOSES_P | BLOCK_END,
        "form" | "plaintext" => SPECIAL | SPECIAL_LI | CLOSES_P,
        "li" | "dd" | "dt" => SPECIAL | SPECIAL_LI | CLOSES_P | IMPLIED_END,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => SPECIAL | SPECIAL_LI | CLOSES_P | HEADING,
        "button" => SPECIAL | SPECIAL_LI | BLOCK_END,
        "applet" | "marquee" | "object" => SPECIAL | SPECIAL_LI | SCOPE | MARKER | BLOCK_END,
        "caption" | "td" | "th" | "template" => CELL_FLAGS,
        "table" => TABLE_FLAGS,
        "select" => SPECIAL | SPECIAL_LI | SCOPE | BLOCK_END,
        "tbody" | "thead" | "tfoot" | "tr" | "colgroup" | "noscript" => SECTION_FLAGS,
        "option" | "optgroup" | "rb" | "rp" | "rt" | "rtc" => IMPLIED_END,
        "svg" | "math" => FOREIGN,
        "foreignobject" | "desc" | "mi" | "mo" | "mn" | "ms" | "mtext" => INTEGRATION,
        _ => 0,
    }
}

/// HTML start tags that end svg or math content: the parser closes the foreign
/// elements first, then reads the tag as HTML.
fn breaks_out_of_foreign(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    )
}

/// Names the model's rules refer to, interned first so their ids are these constants.
const KNOWN: [&str; 25] = [
    "p", "li", "dd", "dt", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption",
    "colgroup", "select", "option", "optgroup", "button", "ruby", "rtc", "template", "form", "a",
    "nobr", "ol", "ul",
];
const P: u32 = 0;
const LI: u32 = 1;
const DD: u32 = 2;
const DT: u32 = 3;
const TABLE: u32 = 4;
const TBODY: u32 = 5;
const THEAD: u32 = 6;
const TFOOT: u32 = 7;
const TR: u32 = 8;
const TD: u32 = 9;
const TH: u32 = 10;
const CAPTION: u32 = 11;
const COLGROUP: u32 = 12;
const SELECT: u32 = 13;
const OPTION: u32 = 14;
const OPTGROUP: u32 = 15;
const BUTTON: u32 = 16;
const RUBY: u32 = 17;
const RTC: u32 = 18;
const TEMPLATE: u32 = 19;
const FORM: u32 = 20;
const A: u32 = 21;
const NOBR: u32 = 22;
const OL: u32 = 23;
const UL: u32 = 24;
const SECTIONS: [u32; 3] = [TBODY, THEAD, TFOOT];

/// An element on the modelled stack (hostile pages put hundreds of thousands of
/// dropped ones there, so it is small).
struct Open {
    name: u32,
    flags: u32,
}

/// An entry of the modelled list of active formatting elements.
struct Formatting {
    name: u32,
    /// The stack length when it opened: elements from there up are inside it.
    opened_at: usize,
}

/// The parser's stack of open elements, as far as its depth goes, followed through the
/// source. Every rule is a lookup of the last position of a name or a class, so a tag
/// costs constant time however deep the stack; an element is popped at most once.
struct Model {
    max_depth: usize,
    names: FxHashMap<Box<str>, u32>,
    /// For each name id, the positions of its open elements on `open`, bottom first.
    positions: Vec<Vec<u32>>,
    open: Vec<Open>,
    /// How many elements at the bottom of `open` reach the parser; those above were
    /// dropped (everything opened inside a dropped element is dropped too).
    kept: usize,
    /// For each of [`CLASSES`], the positions of its open elements, bottom first.
    classes: [Vec<u32>; 3],
    /// For each open marker, the length of the formatting list when it opened.
    marker_formatting: Vec<usize>,
    /// Where each run of foreign elements (svg or math content) starts on the stack.
    foreign_runs: Vec<u32>,
    /// Formatting elements open or to be reopened, all kept: a dropped one never
    /// reaches the parser.
    formatting: Vec<Formatting>,
    /// Dropped formatting elements by name, so their end tags go too.
    dropped_formatting: FxHashMap<u32, usize>,
    /// Scratch for the names of foreign elements, interned apart from HTML ones.
    key: String,
    /// The parser's form element pointer: set by a form start tag, cleared only by
    /// `</form>`.
    form_pointer: bool,
    /// The fewest kept elements since the current tag began.
    low_water: usize,
}

impl Model {
    fn new(max_depth: usize) -> Self {
        let mut model = Model {
            max_depth,
            names: FxHashMap::default(),
            positions: Vec::new(),
            open: Vec::new(),
            kept: 0,
            classes: Default::default(),
            marker_formatting: Vec::new(),
            foreign_runs: Vec::new(),
            formatting: Vec::new(),
            dropped_formatting: FxHashMap::default(),
            key: String::new(),
            form_pointer: false,
            low_water: 0,
        };
        for name in KNOWN {
            model.intern(name);
        }
        model
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.names.get(name) {
            return id;
        }
        let id = self.positions.len() as u32;
        self.names.insert(name.into(), id);
        self.positions.push(Vec::new());
        id
    }

    /// The id of a foreign element's name, apart from the HTML element of that name.
    fn intern_foreign(&mut self, name: &str) -> u32 {
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        key.push('^');
        key.push_str(name);
        let id = self.intern(&key);
        self.key = key;
        id
    }

    /// The parser's current node, unless it is a formatting element opened above the
    /// top of the modelled stack (those live in the formatting list).
    fn current(&self) -> Option<&Open> {
        let top = self.open.last()?;
        let formatting_above = self
            .formatting
            .last()
            .is_some_and(|f| f.opened_at == self.open.len());
        (!formatting_above).then_some(top)
    }

    /// Whether the parser reads the next tag as foreign content (inside svg or math).
    fn in_foreign(&self) -> bool {
        self.open
            .last()
            .is_some_and(|top| top.flags & (FOREIGN_NS | INTEGRATION) == FOREIGN_NS)
    }

    /// Levels the parser has open: kept elements and formatting elements it will reopen.
    fn depth(&self) -> usize {
        self.kept + self.formatting.len()
    }

    fn top_dropped(&self) -> bool {
        self.open.len() > self.kept
    }

    fn last(&self, name: u32) -> Option<usize> {
        let positions = self.positions.get(name as usize)?;
        positions.last().map(|&at| at as usize)
    }

    fn last_of(&self, class: usize) -> Option<usize> {
        self.classes[class].last().map(|&at| at as usize)
    }

    /// The last open `name` if no boundary of the scope `class` stands above it.
    fn in_scope(&self, name: u32, class: usize) -> Option<usize> {
        let at = self.last(name)?;
        match self.last_of(class) {
            Some(boundary) if boundary > at => None,
            _ => Some(at),
        }
    }

    /// [`Self::in_scope`] of the default scope widened by the elements `also`
    /// (the button scope, the list-item scope).
    fn in_scope_or(&self, name: u32, also: &[u32]) -> Option<usize> {
        let at = self.in_scope(name, SCOPE_AT)?;
        let boundary = also.iter().filter_map(|&other| self.last(other)).max();
        boundary.is_none_or(|boundary| boundary <= at).then_some(at)
    }

    /// Where the current run of foreign content starts on the stack (everything from
    /// there up is svg or math content); the stack length outside foreign content.
    fn foreign_start(&self) -> usize {
        match self.foreign_runs.last() {
            Some(&start) if self.in_foreign() => start as usize,
            _ => self.open.len(),
        }
    }

    /// The last open of `names` standing above position `floor`.
    fn above(&self, names: &[u32], floor: usize) -> Option<usize> {
        names
            .iter()
            .filter_map(|&name| self.last(name))
            .filter(|&at| at > floor)
            .max()
    }

    /// The open table the parser's table rules act on (none inside a template above it).
    fn table(&self) -> Option<usize> {
        let table = self.last(TABLE)?;
        match self.last(TEMPLATE) {
            Some(template) if template > table => None,
            _ => Some(table),
        }
    }

    fn push(&mut self, name: u32, flags: u32, kept: bool) {
        let at = self.open.len() as u32;
        if let Some(positions) = self.positions.get_mut(name as usize) {
            positions.push(at);
        }
        for (class, &bit) in CLASSES.iter().enumerate() {
            if flags & bit != 0 {
                self.classes[class].push(at);
            }
        }
        if flags & MARKER != 0 {
            self.marker_formatting.push(self.formatting.len());
        }
        if flags & FOREIGN_NS != 0 && !self.in_foreign() {
            self.foreign_runs.push(at);
        }
        self.open.push(Open { name, flags });
        if kept {
            self.kept += 1;
        }
    }

    /// Close every element from position `len` up.
    fn pop_to(&mut self, len: usize) {
        while self.open.len() > len {
            let Some(open) = self.open.pop() else {
                break;
            };
            if let Some(positions) = self.positions.get_mut(open.name as usize) {
                positions.pop();
            }
            for (class, &bit) in CLASSES.iter().enumerate() {
                if open.flags & bit != 0 {
                    self.classes[class].pop();
                }
            }
            if open.flags & MARKER != 0
                && let Some(len) = self.marker_formatting.pop()
            {
                self.formatting.truncate(len);
            }
            if self.foreign_runs.last() == Some(&(self.open.len() as u32)) {
                self.foreign_runs.pop();
            }
        }
        self.kept = self.kept.min(len);
        self.low_water = self.low_water.min(self.kept);
    }

    /// Close the element at `at` and everything above it; whether the tag doing it
    /// must be dropped, because the element never reached the parser.
    fn close(&mut self, at: usize) -> bool {
        let dropped = at >= self.kept;
        self.pop_to(at);
        dropped
    }

    fn close_p(&mut self) {
        if let Some(p) = self.in_scope_or(P, &[BUTTON]) {
            self.pop_to(p);
        }
    }

    /// Pop the elements the parser closes by itself at the top of the stack.
    fn close_implied(&mut self, except: Option<u32>) {
        while let Some(top) = self.current() {
            if top.flags & IMPLIED_END == 0 || Some(top.name) == except {
                break;
            }
            self.pop_to(self.open.len() - 1);
        }
    }

    /// A new `li` (or `dd`, `dt`) closes an open one of `names` unless a special
    /// element other than `address`, `div` or `p` stands above it.
    fn close_list_item(&mut self, names: &[u32]) {
        let item = names.iter().filter_map(|&name| self.last(name)).max();
        if let Some(item) = item
            && self.last_of(SPECIAL_LI_AT) == Some(item)
        {
            self.pop_to(item);
        }
    }

    /// Where the current run of formatting elements starts (after the last open marker).
    fn formatting_run(&self) -> usize {
        self.marker_formatting.last().copied().unwrap_or(0)
    }

    /// Where the last formatting element `name` of the current run stands in the list.
    fn last_formatting(&self, name: u32) -> Option<usize> {
        let run = self.formatting_run();
        let index = self
            .formatting
            .get(run..)?
            .iter()
            .rposition(|f| f.name == name)?;
        Some(run + index)
    }

    /// The parser reopens the formatting elements of the current run that an
    /// implicit close took off the stack, at the current position, before text and
    /// before most inline start tags.
    fn reconstruct(&mut self) {
        let run = self.formatting_run();
        let len = self.open.len();
        for entry in self.formatting.iter_mut().skip(run) {
            entry.opened_at = entry.opened_at.min(len);
        }
    }

    /// The adoption agency for the formatting element at `index` of the list: with
    /// no special element opened inside it, it closes with everything inside it;
    /// otherwise the parser moves a copy of it inside that element, and out of
    /// scope (behind an svg `foreignObject`, a `select`) it stays: the depth stays
    /// either way. Returns whether it closed.
    fn adopt(&mut self, index: usize) -> bool {
        let Some(entry) = self.formatting.get(index) else {
            return false;
        };
        let opened_at = entry.opened_at;
        let inside = |class| self.last_of(class).is_some_and(|at| at >= opened_at);
        if inside(SPECIAL_AT) || inside(SCOPE_AT) {
            return false;
        }
        self.formatting.remove(index);
        self.pop_to(opened_at);
        true
    }

    /// A start tag; returns whether to drop it.
    fn start(&mut self, name: &str, flags: u32, self_closing: bool) -> bool {
        let before = self.kept_state();
        let dropped = self.start_tag(name, flags, self_closing);
        dropped || self.inside_dropped(before)
    }

    /// Whether the top element is dropped, the kept elements and the length of the
    /// formatting list, before a tag.
    fn kept_state(&mut self) -> (bool, usize, usize) {
        self.low_water = self.kept;
        (self.top_dropped(), self.kept, self.formatting.len())
    }

    /// Whether a tag met inside a dropped element left everything the parser has
    /// (the kept elements, the formatting list) as it was. Such a tag is dropped
    /// too, whatever it is: the parser would read it in the kept element, where a
    /// tag ignored here (a table part outside a table, `<col>` inside svg) may open
    /// an element.
    fn inside_dropped(&self, (was_dropped, kept, formatting): (bool, usize, usize)) -> bool {
        was_dropped && self.low_water == kept && self.formatting.len() == formatting
    }

    fn start_tag(&mut self, name: &str, flags: u32, self_closing: bool) -> bool {
        let kept_before = self.kept;
        if self.in_foreign() {
            if !breaks_out_of_foreign(name) {
                if self_closing {
                    return self.top_dropped();
                }
                let id = self.intern_foreign(name);
                let flags = if flags & INTEGRATION != 0 {
                    FOREIGN_NS | INTEGRATION | SCOPE
                } else {
                    FOREIGN_NS
                };
                return self.commit(kept_before, &[(id, flags)]);
            }
            self.pop_to(self.foreign_start());
        }
        if flags & DOCUMENT != 0 {
            return false;
        }
        let table_part = matches!(
            name,
            "table"
                | "caption"
                | "colgroup"
                | "col"
                | "tbody"
                | "thead"
                | "tfoot"
                | "tr"
                | "td"
                | "th"
        );
        if flags & CLOSES_P == 0
            && !table_part
            && !matches!(name, "hr" | "param" | "source" | "track")
        {
            self.reconstruct();
        }
        if flags & VOID != 0 {
            match name {
                "hr" => self.close_p(),
                "input" | "keygen" => {
                    if let Some(select) = self.in_scope(SELECT, SCOPE_AT) {
                        return self.close(select);
                    }
                }
                // A column closes whatever is open inside its table, cells included.
                "col" => {
                    if let Some(table) = self.table() {
                        let dropped = table >= self.kept;
                        self.pop_to(table + 1);
                        return dropped;
                    }
                }
                _ => {}
            }
            return false;
        }
        if flags & FOREIGN != 0 {
            if self_closing {
                return self.top_dropped();
            }
            let id = self.intern_foreign(name);
            return self.commit(kept_before, &[(id, FOREIGN_NS)]);
        }
        let id = self.intern(name);
        if flags & FORMATTING != 0 {
            return self.start_formatting(id, kept_before);
        }
        let mut opens: Vec<(u32, u32)> = Vec::with_capacity(3);
        match id {
            TABLE | TBODY | THEAD | TFOOT | TR | TD | TH | CAPTION | COLGROUP => {
                if !self.start_table_part(id, &mut opens) {
                    return false;
                }
            }
            SELECT => {
                // A select inside a select closes it and opens nothing.
                if let Some(select) = self.in_scope(SELECT, SCOPE_AT) {
                    return self.close(select);
                }
                opens.push((id, flags));
            }
            // While the parser's form pointer is set, a new form is ignored.
            FORM if self.form_pointer => return self.top_dropped(),
            _ => {
                match id {
                    LI => self.close_list_item(&[LI]),
                    DD | DT => self.close_list_item(&[DD, DT]),
                    BUTTON => {
                        if let Some(button) = self.in_scope(BUTTON, SCOPE_AT) {
                            self.pop_to(button);
                        }
                    }
                    OPTION | OPTGROUP => {
                        if self.in_scope(SELECT, SCOPE_AT).is_some() {
                            self.close_implied((id == OPTION).then_some(OPTGROUP));
                        } else if self.current().is_some_and(|top| top.name == OPTION) {
                            self.pop_to(self.open.len() - 1);
                        }
                    }
                    // Ruby annotations (`rb`, `rp`, `rt`, `rtc`) close the open ones.
                    _ if flags & IMPLIED_END != 0
                        && id != P
                        && self.in_scope(RUBY, SCOPE_AT).is_some() =>
                    {
                        let keep_rtc = !matches!(name, "rb" | "rtc");
                        self.close_implied(keep_rtc.then_some(RTC));
                    }
                    _ => {}
                }
                if flags & CLOSES_P != 0 {
                    self.close_p();
                }
                if flags & HEADING != 0
                    && self.current().is_some_and(|top| top.flags & HEADING != 0)
                {
                    self.pop_to(self.open.len() - 1);
                }
                opens.push((id, flags));
            }
        }
        let dropped = self.commit(kept_before, &opens);
        if id == FORM && !dropped {
            self.form_pointer = true;
        }
        dropped
    }

    /// Open the elements a start tag brings, after the elements it closed; returns
    /// whether to drop the tag: when it would open them inside a dropped element or
    /// past the limit. A tag that closed kept elements is kept even a level or two
    /// past the limit: dropping it would leave them open in the parser.
    fn commit(&mut self, kept_before: usize, opens: &[(u32, u32)]) -> bool {
        let popped_kept = self.kept < kept_before;
        let keep =
            !self.top_dropped() && (popped_kept || self.depth() + opens.len() <= self.max_depth);
        for &(name, flags) in opens {
            self.push(name, flags, keep);
        }
        !keep
    }

    /// The table rules: a part closes whatever is open inside the table (or row,
    /// or section) it belongs to, and brings the `tbody` and `tr` it implies.
    /// False when the parser ignores the tag (a table part outside any table).
    fn start_table_part(&mut self, id: u32, opens: &mut Vec<(u32, u32)>) -> bool {
        // A table closes an open `p` only outside quirks mode, which a page without
        // a doctype is in; the model leaves the `p` open, counting a level too many
        // at worst.
        let Some(table) = self.table() else {
            if id == TABLE {
                opens.push((TABLE, TABLE_FLAGS));
                return true;
            }
            return false;
        };
        match id {
            TABLE => {
                // A table straight inside a table (not in a cell) closes it.
                if self.above(&[TD, TH, CAPTION], table).is_none() {
                    self.pop_to(table);
                }
                opens.push((TABLE, TABLE_FLAGS));
            }
            CAPTION => {
                self.pop_to(table + 1);
                opens.push((CAPTION, CELL_FLAGS));
            }
            COLGROUP => self.pop_to(table + 1),
            TBODY | THEAD | TFOOT => {
                self.pop_to(table + 1);
                opens.push((id, SECTION_FLAGS));
            }
            TR => {
                if let Some(body) = self.above(&SECTIONS, table) {
                    self.pop_to(body + 1);
                } else {
                    self.pop_to(table + 1);
                    opens.push((TBODY, SECTION_FLAGS));
                }
                opens.push((TR, SECTION_FLAGS));
            }
            _ => {
                // `td` or `th`.
                if let Some(row) = self.above(&[TR], table) {
                    self.pop_to(row + 1);
                } else if let Some(body) = self.above(&SECTIONS, table) {
                    self.pop_to(body + 1);
                    opens.push((TR, SECTION_FLAGS));
                } else {
                    self.pop_to(table + 1);
                    opens.push((TBODY, SECTION_FLAGS));
                    opens.push((TR, SECTION_FLAGS));
                }
                opens.push((id, CELL_FLAGS));
            }
        }
        true
    }

    /// A formatting start tag. `kept_before` is the number of kept elements before
    /// the tag closed any (leaving svg or math content).
    fn start_formatting(&mut self, id: u32, kept_before: usize) -> bool {
        if self.top_dropped() {
            *self.dropped_formatting.entry(id).or_insert(0) += 1;
            return true;
        }
        let mut closed = self.kept < kept_before;
        if id == A || id == NOBR {
            // A new link closes the open one (the parser runs the adoption agency).
            if let Some(index) = self.last_formatting(id) {
                closed |= self.adopt(index);
            }
        }
        let full = self.formatting.len() >= MAX_FORMATTING || self.depth() >= self.max_depth;
        if full && !closed {
            *self.dropped_formatting.entry(id).or_insert(0) += 1;
            return true;
        }
        self.formatting.push(Formatting {
            name: id,
            opened_at: self.open.len(),
        });
        false
    }

    /// An end tag; returns whether to drop it.
    fn end(&mut self, name: &str, flags: u32) -> bool {
        let before = self.kept_state();
        let dropped = self.end_tag(name, flags);
        dropped || self.inside_dropped(before)
    }

    fn end_tag(&mut self, name: &str, flags: u32) -> bool {
        if self.in_foreign() {
            // Foreign content closes the last element of that name above the last HTML
            // one; failing that, the tag is read as HTML.
            self.key.clear();
            self.key.push('^');
            self.key.push_str(name);
            let foreign = self.names.get(self.key.as_str()).copied();
            let start = self.foreign_start();
            if let Some(at) = foreign.and_then(|id| self.last(id))
                && at >= start
            {
                return self.close(at);
            }
            if matches!(name, "p" | "br") {
                // These two end foreign content, like the HTML start tags that do.
                self.pop_to(start);
            }
        }
        if flags & (DOCUMENT | VOID | RAW_TEXT) != 0 {
            return false;
        }
        let Some(&id) = self.names.get(name) else {
            return false;
        };
        if flags & FORMATTING != 0 {
            if let Some(count) = self.dropped_formatting.get_mut(&id)
                && *count > 0
            {
                *count -= 1;
                return true;
            }
            if let Some(index) = self.last_formatting(id) {
                self.adopt(index);
            }
            return false;
        }
        let target = match id {
            TABLE => self.table(),
            TBODY | THEAD | TFOOT | TR | TD | TH | CAPTION => self
                .table()
                .and_then(|table| self.last(id).filter(|&at| at > table)),
            COLGROUP => None,
            P => self.in_scope_or(P, &[BUTTON]),
            LI => self.in_scope_or(LI, &[OL, UL]),
            // The parser takes the form out of the stack and leaves its content open;
            // the form stays their parent in the tree, so unless it is the current
            // element the model keeps its level.
            FORM => {
                let top = self.open.len().checked_sub(1);
                let form = top.filter(|&at| self.open.get(at).is_some_and(|o| o.name == FORM));
                let dropped = form.is_some_and(|at| self.close(at));
                if !dropped {
                    self.form_pointer = false;
                }
                return dropped;
            }
            _ if flags & HEADING != 0 => {
                let heading = ["h1", "h2", "h3", "h4", "h5", "h6"]
                    .iter()
                    .filter_map(|h| self.names.get(*h).and_then(|&h| self.last(h)))
                    .max();
                heading.filter(|&at| self.last_of(SCOPE_AT).is_none_or(|b| b <= at))
            }
            _ if flags & BLOCK_END != 0 || id == DD || id == DT => self.in_scope(id, SCOPE_AT),
            // Any other end tag closes its element unless a special one stands above it.
            _ => self
                .last(id)
                .filter(|&at| self.last_of(SPECIAL_AT).is_none_or(|s| s <= at)),
        };
        target.is_some_and(|at| self.close(at))
    }
}

/// The page without the start tags that would open an element deeper than
/// `max_depth` levels, the end tags that close them, and every tag inside such an
/// element; a run of dropped tags becomes one space (none for formatting tags like
/// `<b>`, which never separate words). Borrowed unchanged when nothing is that deep.
pub fn limit_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    // Whether the output ends with the space left for a dropped tag.
    let mut spaced = false;
    let mut model = Model::new(max_depth);
    let mut lower = String::new();
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
        if !model.in_foreign() && !html[at..lt].trim_ascii().is_empty() {
            model.reconstruct();
        }
        let end = tag_end(bytes, name_end);
        let name = &html[name_start..name_end];
        lower.clear();
        lower.push_str(name);
        lower.make_ascii_lowercase();
        let flags = classify(&lower);
        let drop_tag = if closing {
            model.end(&lower, flags)
        } else if flags & RAW_TEXT != 0 && !model.in_foreign() {
            if lower == "xmp" {
                model.close_p();
            }
            at = raw_text_end(html, end, name);
            continue;
        } else {
            let self_closing = end >= 2 && bytes[end - 2] == b'/';
            let foreign = model.in_foreign();
            let dropped = model.start(&lower, flags, self_closing);
            if !dropped && !foreign && lower == "plaintext" {
                // The parser reads the rest of the page as text.
                break;
            }
            dropped
        };
        if drop_tag {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            if copied < lt {
                buffer.push_str(&html[copied..lt]);
                spaced = false;
            }
            // A dropped block keeps the words on either side apart; a run of dropped
            // tags needs one space, not one each. A formatting element never
            // separated words, so it leaves nothing.
            if flags & FORMATTING == 0 && !spaced {
                buffer.push(' ');
                spaced = true;
            }
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
        // The dropped `b` leaves no space: it never separated words.
        assert_eq!(
            limit_nesting(html, 2),
            "<div><span>x</span><i>y</i></div><p>z</p>"
        );
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
    fn implied_table_elements_count_towards_the_limit() {
        // `<table><td>` opens a table, the `tbody` and `tr` the parser implies, and a
        // cell: four levels, so ten of them fill forty.
        let html = format!("<html><body>{}x", "<table><td>".repeat(100));
        let guarded = limit_nesting(&html, 40);
        assert_eq!(guarded.matches("<table>").count(), 10);
        assert_eq!(tree_shape(&guarded).0, 2 + 40);
    }

    #[test]
    fn three_hundred_thousand_nested_tables_parse_to_a_small_shallow_tree() {
        let html = format!("<html><body>{}x", "<table><tr><td>".repeat(300_000));
        let guarded = limit_nesting(&html, MAX_DEPTH);
        // The rows and cells of the dropped tables went with them, as one space,
        // instead of piling up as rows of the deepest kept table.
        assert!(
            guarded.ends_with("<td> x"),
            "{}",
            &guarded[guarded.len() - 40..]
        );
        assert!(guarded.len() < 4 * 15 * MAX_DEPTH);
        let (depth, elements) = tree_shape(&guarded);
        assert!(depth <= 2 + MAX_DEPTH, "{depth}");
        assert!(elements <= 3 + MAX_DEPTH, "{elements}");
    }

    #[test]
    fn what_a_dropped_element_would_hold_is_dropped_with_it() {
        // Each shape nests; the items, rows and paragraphs after the limit belong to
        // dropped elements and must not land, as siblings, in the deepest kept one.
        for shape in [
            "<table><tr><td>",
            "<table><td>",
            "<ul><li>",
            "<ol><li><p>",
            "<dl><dd>",
            "<div><p>",
            "<table><caption><div>",
            "<blockquote><p><b><i>",
        ] {
            let html = format!("<html><body>{}x", shape.repeat(5_000));
            let (depth, elements) = tree_shape(&limit_nesting(&html, 40));
            assert!(depth <= 2 + 40, "{shape}: {depth} deep");
            assert!(elements < 3 + 3 * 40, "{shape}: {elements} elements");
        }
    }

    #[test]
    fn foster_parenting_adoption_and_foreign_content_stay_within_the_limit() {
        // Shapes where the parser moves, reopens or keeps elements that a count of
        // start and end tags would take as closed, or ignores tags that a table or
        // list rule would read.
        for shape in [
            "<a><div>",
            "<b><div></b>",
            "<b><i><div></b>",
            "<form><div></form>",
            "<table><tr><td><font><p>",
            "<p><table>",
            "<svg><td>",
            "<svg><option><col>",
            "<math><textarea><li>",
            "<nobr><svg>t </b><frameset><foreignObject>",
            "<dl><body><pre><input><select><nobr>",
            "<input><h1><a id=x>",
        ] {
            let html = format!("<html><body>{}x", shape.repeat(3_000));
            let (depth, _) = tree_shape(&limit_nesting(&html, 40));
            assert!(depth <= 2 + 40 + 4, "{shape}: {depth} deep");
        }
    }

    #[test]
    fn siblings_the_parser_closes_by_itself_are_not_nesting() {
        // Unclosed items, paragraphs, rows, cells, options and definitions are
        // siblings to the parser, and a new link closes the open one: long pages of
        // them are left alone.
        for (open, item, close) in [
            ("<ul>", "<li>item", "</ul>"),
            ("<div>", "<p>text", "</div>"),
            ("<table>", "<tr><td>cell<td>cell", "</table>"),
            ("<select>", "<option>option", "</select>"),
            ("<dl>", "<dt>term<dd>definition", "</dl>"),
            ("<p>", "<a href=x>link ", "</p>"),
            ("<div>", "<table><tr><td>cell</table>", "</div>"),
            ("<div>", "<h2>heading<h3>subheading", "</div>"),
        ] {
            let html = format!("<html><body>{open}{}{close}", item.repeat(1_000));
            assert!(
                matches!(limit_nesting(&html, MAX_DEPTH), Cow::Borrowed(_)),
                "{item}"
            );
        }
    }

    #[test]
    fn formatting_reopened_in_every_paragraph_is_bounded() {
        // The parser reopens every unclosed `<b>` inside each new paragraph; with
        // distinct attributes nothing merges them, so every kept one costs an
        // element per paragraph.
        let html: String = (0..2_000)
            .map(|i| format!("<b id={i}><p>paragraph {i}"))
            .collect();
        let guarded = limit_nesting(&html, MAX_DEPTH);
        let (_, elements) = tree_shape(&guarded);
        assert!(elements < 2_000 * (MAX_FORMATTING + 3), "{elements}");
        let doc = Document::from(guarded.as_ref());
        assert!(doc.root().text().contains("paragraph 1999"));
    }

    #[test]
    fn dropped_formatting_tags_leave_words_whole() {
        let html = format!(
            "{}wo<b>rd</b> and <i>more</i>",
            "<u>".repeat(MAX_FORMATTING)
        );
        let guarded = limit_nesting(&html, MAX_DEPTH);
        assert!(!guarded.contains("<b>"));
        let doc = Document::from(guarded.as_ref());
        assert!(doc.root().text().contains("word and more"));
    }

    #[test]
    fn a_run_of_dropped_tags_becomes_one_space() {
        let html = format!("a{}b", "<div>".repeat(10));
        assert_eq!(limit_nesting(&html, 2), "a<div><div> b");
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
