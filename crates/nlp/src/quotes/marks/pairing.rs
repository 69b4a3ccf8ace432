//! Pairing quotation marks: what kind of mark a character is, and the one pass that pairs opening and closing marks into quoted parts.

use std::ops::Range;

/// One quoted part of a paragraph, in byte offsets into the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The quoted words, without the marks and the white space inside them.
    pub words: Range<usize>,
    /// The opening mark.
    pub open: usize,
    /// One past the closing mark, when a closing mark ended the part (not a
    /// reopening mark or the end of the paragraph).
    pub close_end: Option<usize>,
    /// Parts of one utterance (reopened, or carried over a paragraph break)
    /// share this number; it grows with the text.
    pub chain: usize,
    /// Whether the part is set in single marks.
    pub single: bool,
    /// Whether the part is dialogue after a dash (`— Мы не отступим, —
    /// заявил министр.`), not words inside quotation marks.
    pub dash: bool,
}

/// Which pair of marks a character belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    Double,
    Single,
}

/// What a mark can do where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Open,
    Close,
    /// A straight mark with spaces, or letters, on both sides.
    Either,
}

/// Characters after which a straight mark opens: nothing, a space, or an
/// opening bracket or dash.
pub(super) fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '/'))
}

/// How `c` acts as a quotation mark between `prev` and `next`, or `None` when
/// it is not one (an apostrophe, or any other character).
pub(super) fn classify(c: char, prev: Option<char>, next: Option<char>) -> Option<(Family, Shape)> {
    let next_space = next.is_none_or(char::is_whitespace);
    let next_alnum = next.is_some_and(char::is_alphanumeric);
    let prev_alnum = prev.is_some_and(char::is_alphanumeric);
    match c {
        '“' | '„' | '«' => Some((Family::Double, Shape::Open)),
        '”' | '»' => Some((Family::Double, Shape::Close)),
        '"' => {
            let left = opens_after(prev) && !next_space;
            let right = !opens_after(prev) && (next_space || !next_alnum);
            Some((
                Family::Double,
                match (left, right) {
                    (true, false) => Shape::Open,
                    (false, true) => Shape::Close,
                    _ => Shape::Either,
                },
            ))
        }
        '‘' | '\'' | '’' => {
            if prev_alnum && next_alnum {
                return None; // don't, Putin's
            }
            let opens = c != '’' && opens_after(prev) && next.is_some_and(char::is_alphabetic);
            let closes = c != '‘' && !opens_after(prev) && !next_alnum;
            match (opens, closes) {
                (true, _) => Some((Family::Single, Shape::Open)),
                (false, true) => Some((Family::Single, Shape::Close)),
                _ => None, // the '90s, or a lone mark between spaces
            }
        }
        _ => None,
    }
}

/// An open quote while scanning a paragraph.
#[derive(Debug, Clone, Copy)]
pub(super) struct Open {
    pub(super) family: Family,
    /// Byte offset of the opening mark.
    pub(super) mark: usize,
    pub(super) chain: usize,
}

/// Collects the parts of one text, paragraph after paragraph.
#[derive(Debug)]
pub(super) struct Pairing<'a> {
    pub(super) text: &'a str,
    pub(super) parts: Vec<Part>,
    pub(super) chains: usize,
}

impl Pairing<'_> {
    pub(super) fn new_chain(&mut self) -> usize {
        self.chains += 1;
        self.chains - 1
    }

    /// Record the part opened at `open` whose words end before byte `end`.
    pub(super) fn emit(&mut self, open: Open, end: usize, close_end: Option<usize>) {
        let mark_len = self.text[open.mark..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        let start = open.mark + mark_len;
        let Some(inner) = self.text.get(start..end) else {
            return;
        };
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        if lead + trail >= inner.len() {
            return;
        }
        self.parts.push(Part {
            words: start + lead..end - trail,
            open: open.mark,
            close_end,
            chain: open.chain,
            single: open.family == Family::Single,
            dash: false,
        });
    }

    /// Pair the marks of the paragraph `range`; `carried` is the chain of a
    /// double quote left open at the end of the previous paragraph. Returns
    /// the chain of a double quote left open at the end of this one.
    pub(super) fn paragraph(
        &mut self,
        range: Range<usize>,
        carried: Option<usize>,
    ) -> Option<usize> {
        let paragraph = self.text.get(range.clone())?;
        let mut open: Option<Open> = None;
        let mut prev: Option<char> = None;
        let mut chars = paragraph.char_indices().peekable();
        let mut first = true;
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let mark = range.start + at;
            if let Some((family, shape)) = classify(c, prev, next) {
                open = self.step(
                    open,
                    family,
                    shape,
                    mark,
                    c.len_utf8(),
                    first.then_some(carried).flatten(),
                );
            }
            first = false;
            prev = Some(c);
        }
        match open {
            Some(open) if open.family == Family::Double => {
                self.emit(open, range.end, None);
                Some(open.chain)
            }
            _ => None, // an unclosed single mark is most likely an apostrophe
        }
    }

    /// The state after the mark at byte `mark` (of `len` bytes): `carried` is
    /// the chain to continue when this mark opens its paragraph.
    pub(super) fn step(
        &mut self,
        open: Option<Open>,
        family: Family,
        shape: Shape,
        mark: usize,
        len: usize,
        carried: Option<usize>,
    ) -> Option<Open> {
        match open {
            None => {
                let opens = match family {
                    Family::Double => shape != Shape::Close,
                    Family::Single => shape == Shape::Open,
                };
                opens.then(|| Open {
                    family,
                    mark,
                    chain: match (family, carried) {
                        (Family::Double, Some(chain)) => chain,
                        _ => self.new_chain(),
                    },
                })
            }
            Some(current) if current.family == Family::Double => match (family, shape) {
                (Family::Double, Shape::Open) => {
                    // A reopening mark: the part so far ends, the utterance goes on.
                    self.emit(current, mark, None);
                    Some(Open { mark, ..current })
                }
                (Family::Double, _) => {
                    self.emit(current, mark, Some(mark + len));
                    None
                }
                (Family::Single, _) => Some(current), // nested: part of the words
            },
            Some(current) => match (family, shape) {
                (Family::Single, Shape::Close) => {
                    self.emit(current, mark, Some(mark + len));
                    None
                }
                // A single mark that never closed was an apostrophe after all.
                (Family::Single, _) => Some(Open {
                    family,
                    mark,
                    chain: self.new_chain(),
                }),
                (Family::Double, Shape::Close) => None,
                (Family::Double, _) => Some(Open {
                    family,
                    mark,
                    chain: self.new_chain(),
                }),
            },
        }
    }
}
