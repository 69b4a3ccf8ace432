//! Quotation marks of the languages other than English, paired with a small stack per paragraph: German „…“ and »…«, guillemets « … » (inner spaces too), Polish and Dutch „…”, curly and straight marks, and the quotes nested inside them (Russian «…„…“…», German „…‚…‘…“).
//!
//! A mark closes the innermost open quote whose pair it ends; a mark that
//! can both open and close (German `“` closes `„` but opens English-style
//! `“…”`; German `«` closes `»`) opens only where an opening mark stands:
//! after a space and before a word. Only the outermost quote makes a
//! [`Part`]; the quotes nested in it are its words. As in English, a
//! quote reopened after a finished sentence with the mark that opened it
//! (`«Es tarde. «Vámonos.»`) is one utterance in several parts, and the
//! first mark of a paragraph continues a quote left open by the previous
//! one. Paragraphs that open with a dash are dialogue ([`super::dashes`]).

use std::ops::Range;

use super::super::language::Lang;
use super::dashes;
use super::pairing::{Family, Open, Pairing, Part, Shape, classify, opens_after};

/// How deep quotes may nest; marks deeper than this are ignored.
const MAX_DEPTH: usize = 8;

/// The mark that opened a quote, which decides the marks that close it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    /// `„` closed by `“` (German, Russian) or `”` (Polish, Dutch).
    Low,
    /// `«` closed by `»`.
    Guillemet,
    /// `»` closed by `«` (German).
    Reversed,
    /// `“` closed by `”`.
    Curly,
    /// `"` closed by `"`.
    Straight,
    /// `‚` closed by `‘` or `’`.
    SingleLow,
    /// `‘` closed by `’`.
    SingleCurly,
    /// `‹` closed by `›`.
    SingleAngle,
    /// `›` closed by `‹` (German).
    SingleReversed,
    /// `'` closed by `'`.
    SingleStraight,
}

impl Pair {
    fn closed_by(self, c: char) -> bool {
        match self {
            Pair::Low => matches!(c, '“' | '”'),
            Pair::Guillemet => c == '»',
            Pair::Reversed => c == '«',
            Pair::Curly => c == '”',
            Pair::Straight => c == '"',
            Pair::SingleLow => matches!(c, '‘' | '’'),
            Pair::SingleCurly => c == '’',
            Pair::SingleAngle => c == '›',
            Pair::SingleReversed => c == '‹',
            Pair::SingleStraight => c == '\'',
        }
    }

    fn single(self) -> bool {
        matches!(
            self,
            Pair::SingleLow
                | Pair::SingleCurly
                | Pair::SingleAngle
                | Pair::SingleReversed
                | Pair::SingleStraight
        )
    }

    fn family(self) -> Family {
        if self.single() {
            Family::Single
        } else {
            Family::Double
        }
    }
}

/// What a character can do where it stands.
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// The pair it opens, if it can open one.
    opens: Option<Pair>,
    /// Whether it can close a quote.
    closes: bool,
    /// Whether it stands where a quote opens (after a space, before a
    /// word): a mark that can do both opens here rather than closes.
    opening: bool,
}

/// Whether [`mark`] may take `c` for a quotation mark: every other
/// character is passed over without looking at its neighbours.
fn is_mark_char(c: char) -> bool {
    matches!(
        c,
        '„' | '«' | '»' | '“' | '”' | '‚' | '‹' | '›' | '"' | '\'' | '‘' | '’'
    )
}

/// The mark `c` is between `prev` and `next` (`after` follows `next`), in
/// `lang`, or `None` when it is not one (an apostrophe, any other character).
fn mark(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    after: Option<char>,
    lang: Lang,
) -> Option<Mark> {
    let next_space = next.is_none_or(char::is_whitespace);
    let before_word = opens_after(prev) && !next_space;
    let both = |opens, opening| Mark {
        opens: Some(opens),
        closes: true,
        opening,
    };
    let opener = |opens| Mark {
        opens: Some(opens),
        closes: false,
        opening: true,
    };
    let closer = Mark {
        opens: None,
        closes: true,
        opening: false,
    };
    // Dutch `'s avonds`, `'t`, `'n`: apostrophes of a dropped letter.
    if lang == Lang::Nl
        && matches!(c, '\'' | '’')
        && matches!(next, Some('s' | 't' | 'n'))
        && !after.is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    match c {
        '„' => Some(opener(Pair::Low)),
        '«' if lang.reversed_guillemets() => Some(both(Pair::Guillemet, opens_after(prev))),
        '«' => Some(opener(Pair::Guillemet)),
        '»' if lang.reversed_guillemets() => Some(both(Pair::Reversed, before_word)),
        '»' => Some(closer),
        '“' => Some(both(Pair::Curly, before_word)),
        '”' => Some(closer),
        '‚' if !next_space => Some(opener(Pair::SingleLow)),
        '‹' if lang.reversed_guillemets() => Some(both(Pair::SingleAngle, opens_after(prev))),
        '‹' => Some(opener(Pair::SingleAngle)),
        '›' if lang.reversed_guillemets() => Some(both(Pair::SingleReversed, before_word)),
        '›' => Some(closer),
        '"' => match classify(c, prev, next)? {
            (_, Shape::Open) => Some(opener(Pair::Straight)),
            (_, Shape::Close) => Some(closer),
            (_, Shape::Either) => Some(both(Pair::Straight, false)),
        },
        '\'' => match classify(c, prev, next)? {
            (_, Shape::Open) => Some(opener(Pair::SingleStraight)),
            _ => Some(closer),
        },
        '‘' => {
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if word(prev) && word(next) {
                return None;
            }
            Some(Mark {
                opens: (opens_after(prev) && next.is_some_and(char::is_alphabetic))
                    .then_some(Pair::SingleCurly),
                closes: !opens_after(prev),
                opening: opens_after(prev),
            })
        }
        '’' => classify(c, prev, next).map(|_| closer),
        _ => None,
    }
}

/// An open quote on the stack, with the pair that opened it.
#[derive(Debug, Clone, Copy)]
struct Opened {
    pair: Pair,
    open: Open,
}

/// The quoted parts of `text` within `paragraphs`, in `lang` (not English).
pub(super) fn parts(
    text: &str,
    paragraphs: impl IntoIterator<Item = Range<usize>>,
    lang: Lang,
) -> Vec<Part> {
    let mut pairing = Pairing {
        text,
        parts: Vec::new(),
        chains: 0,
    };
    let mut carried = None;
    for range in paragraphs {
        if lang.dash_speech() && dashes::speech(&mut pairing, range.clone(), lang) {
            carried = None;
            continue;
        }
        carried = paragraph(&mut pairing, range, carried, lang);
    }
    pairing.parts
}

/// Pair the marks of the paragraph `range`; `carried` is the chain of a
/// quote left open at the end of the previous paragraph. Returns the chain
/// of a quote left open at the end of this one.
fn paragraph(
    pairing: &mut Pairing<'_>,
    range: Range<usize>,
    carried: Option<usize>,
    lang: Lang,
) -> Option<usize> {
    let text = pairing.text;
    let paragraph = text.get(range.clone())?;
    let mut stack: Vec<Opened> = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = paragraph.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let before = prev.replace(c);
        if !is_mark_char(c) {
            continue;
        }
        // A mark that opens the paragraph may continue the carried chain.
        let continued = (at == 0).then_some(carried).flatten();
        let next = chars.peek().map(|&(_, n)| n);
        let after = next.and_then(|n| {
            paragraph
                .get(at + c.len_utf8() + n.len_utf8()..)
                .and_then(|rest| rest.chars().next())
        });
        let at = range.start + at;
        if let Some(mark) = mark(c, before, next, after, lang) {
            let close_at = if mark.closes {
                stack.iter().rposition(|o| o.pair.closed_by(c))
            } else {
                None
            };
            match (mark.opens, close_at) {
                (Some(pair), Some(_)) if mark.opening => {
                    open(pairing, &mut stack, pair, at, continued);
                }
                (_, Some(index)) => close(pairing, &mut stack, index, at, c.len_utf8()),
                (Some(pair), None) if mark.opening || !mark.closes => {
                    open(pairing, &mut stack, pair, at, continued);
                }
                (Some(Pair::Straight), None) => {
                    open(pairing, &mut stack, Pair::Straight, at, continued);
                }
                _ => {
                    // A closing mark with nothing to close: a single mark
                    // left open was an apostrophe after all.
                    if !matches!(c, '\'' | '’' | '‘' | '›' | '‹')
                        && stack.len() == 1
                        && stack.first().is_some_and(|o| o.pair.single())
                    {
                        stack.clear();
                    }
                }
            }
        }
    }
    match stack.first() {
        Some(bottom) if !bottom.pair.single() => {
            pairing.emit(bottom.open, range.end, None);
            Some(bottom.open.chain)
        }
        _ => None, // an unclosed single mark is most likely an apostrophe
    }
}

/// Open a quote with `pair` at byte `at`; `carried` is the chain it
/// continues when it opens its paragraph.
fn open(
    pairing: &mut Pairing<'_>,
    stack: &mut Vec<Opened>,
    pair: Pair,
    at: usize,
    carried: Option<usize>,
) {
    let fresh = |pairing: &mut Pairing<'_>, chain: Option<usize>| Opened {
        pair,
        open: Open {
            family: pair.family(),
            mark: at,
            chain: chain.unwrap_or_else(|| pairing.new_chain()),
        },
    };
    let depth = stack.len();
    match stack.as_mut_slice() {
        [] => {
            let chain = carried.filter(|_| !pair.single());
            stack.push(fresh(pairing, chain));
        }
        // A single mark that never closed was an apostrophe after all.
        [bottom] if bottom.pair.single() && (!pair.single() || pair == bottom.pair) => {
            *bottom = fresh(pairing, None);
        }
        // `«Es tarde. «Vámonos.»`: the utterance goes on in a new part.
        [bottom] if bottom.pair == pair && sentence_ended(pairing.text, bottom.open.mark, at) => {
            pairing.emit(bottom.open, at, None);
            bottom.open.mark = at;
        }
        _ if depth < MAX_DEPTH => {
            let opened = fresh(pairing, None);
            stack.push(opened);
        }
        _ => {}
    }
}

/// Close the quote at `index` of the stack (and any left open inside it)
/// with the mark of `len` bytes at byte `at`; the outermost makes a part.
fn close(pairing: &mut Pairing<'_>, stack: &mut Vec<Opened>, index: usize, at: usize, len: usize) {
    if index == 0 {
        if let Some(bottom) = stack.first() {
            pairing.emit(bottom.open, at, Some(at + len));
        }
        stack.clear();
    } else {
        stack.truncate(index);
    }
}

/// Whether the words between the mark at byte `from` and byte `to` end
/// with a full stop, a question or an exclamation mark.
fn sentence_ended(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to)
        .and_then(|between| between.trim_end().chars().next_back())
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_characters_passed_to_mark_can_be_marks() {
        let langs = [
            Lang::En,
            Lang::De,
            Lang::Es,
            Lang::Fr,
            Lang::It,
            Lang::Nl,
            Lang::Pl,
            Lang::Pt,
            Lang::Ru,
        ];
        let around = [None, Some(' '), Some('a'), Some('Ж'), Some('.'), Some('s')];
        for c in ('\0'..='\u{3100}').filter(|&c| !is_mark_char(c)) {
            for lang in langs {
                for prev in around {
                    for next in around {
                        assert!(mark(c, prev, next, Some(' '), lang).is_none(), "{c:?}");
                    }
                }
            }
        }
    }

    fn quoted(text: &str, lang: Lang) -> Vec<&str> {
        let paragraphs = crate::text::paragraphs(text).map(|p| p.byte_range());
        parts(text, paragraphs, lang)
            .into_iter()
            .map(|p| &text[p.words])
            .collect()
    }

    #[test]
    fn german_low_high_and_reversed_guillemets() {
        assert_eq!(
            quoted(
                "„Wir schaffen das“, sagte sie. »Das reicht nicht«, sagte er.",
                Lang::De
            ),
            ["Wir schaffen das", "Das reicht nicht"]
        );
    }

    #[test]
    fn german_nested_single_marks_and_english_style_inside() {
        assert_eq!(
            quoted(
                "„Er nannte es ‚unerträglich‘ und ging“, sagte sie.",
                Lang::De
            ),
            ["Er nannte es ‚unerträglich‘ und ging"]
        );
        assert_eq!(
            quoted("„Er sagte “nein” und ging“, so Weber.", Lang::De),
            ["Er sagte “nein” und ging"]
        );
    }

    #[test]
    fn french_guillemets_with_inner_spaces() {
        assert_eq!(
            quoted("« Nous ne céderons pas », a déclaré le ministre.", Lang::Fr),
            ["Nous ne céderons pas"]
        );
        assert_eq!(
            quoted("«\u{a0}C'est fini\u{a0}», a-t-il dit.", Lang::Fr),
            ["C'est fini"]
        );
    }

    #[test]
    fn russian_nested_low_marks_inside_guillemets() {
        assert_eq!(
            quoted(
                "«Он назвал это „провокацией“ и ушёл», — сказал он.",
                Lang::Ru
            ),
            ["Он назвал это „провокацией“ и ушёл"]
        );
        // Same marks nested, as careless text does.
        assert_eq!(
            quoted("«Фильм «Брат» снял Балабанов», сказал он.", Lang::Ru),
            ["Фильм «Брат» снял Балабанов"]
        );
    }

    #[test]
    fn polish_and_dutch_low_marks_close_high() {
        assert_eq!(
            quoted("„Nie ustąpimy” – powiedział.", Lang::Pl),
            ["Nie ustąpimy"]
        );
        assert_eq!(
            quoted("„We gaan door”, zei hij. 'Het is klaar', zei ze.", Lang::Nl),
            ["We gaan door", "Het is klaar"]
        );
    }

    #[test]
    fn dutch_elided_articles_are_not_marks() {
        assert_eq!(
            quoted(
                "'s Avonds zei hij: 'We gaan door.' En 't was laat.",
                Lang::Nl
            ),
            ["We gaan door."]
        );
    }

    #[test]
    fn a_guillemet_reopened_after_a_sentence_is_a_new_part() {
        let text = "«Es tarde. «Tenemos que irnos.» Luego se fue.";
        let paragraphs = crate::text::paragraphs(text).map(|p| p.byte_range());
        let found = parts(text, paragraphs, Lang::Es);
        let words: Vec<&str> = found.iter().map(|p| &text[p.words.clone()]).collect();
        assert_eq!(words, ["Es tarde.", "Tenemos que irnos."]);
        assert_eq!(found[0].chain, found[1].chain);
    }

    #[test]
    fn hostile_marks_stay_linear_and_bounded() {
        for lang in [Lang::Fr, Lang::De, Lang::Ru, Lang::Nl] {
            for text in [
                "«".repeat(10_000),
                "» ".repeat(10_000),
                "„“”«»‚‘’‹›\"'".repeat(2_000),
                format!("« {}", "mot ".repeat(20_000)),
                "«a «b «c".repeat(3_000),
            ] {
                let started = std::time::Instant::now();
                let found = quoted(&text, lang);
                assert!(found.len() <= 10_000);
                assert!(started.elapsed() < std::time::Duration::from_secs(5));
            }
        }
    }
}
