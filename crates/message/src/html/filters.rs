//! Block filters: drop the lines of the located article that are not its text.
//!
//! Whatever survives boilerplate removal and scoring still carries furniture
//! inside the article container: datelines and "Updated ..." stamps, bylines,
//! photo captions and credits, "Read more" and "Advertisement" labels, lists of
//! links to other stories, the headline repeated, and headings of sections that
//! turned out empty. Each rule looks only at a block's words, its link share and
//! its element kind, so it holds on any site.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Block, BlockKind};

/// Facts about the page that identify its own furniture.
#[derive(Debug, Clone, Default)]
pub struct PageFacts<'a> {
    pub title: Option<&'a str>,
    pub document_title: Option<&'a str>,
    pub author: Option<&'a str>,
    pub site_name: Option<&'a str>,
}

/// Short lines that are labels, prompts or buttons, whatever the site.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            advertisement|advertising|advert|ad|sponsored(?:\ content)?|paid\ content
          | story\ continues\ below.*|continue\ reading.*|read\ more.*|read\ full\ (?:story|article).*
          | more:?|more\ (?:from|on|about|stories|news)\b.*|related:?|related\ (?:articles?|stories|news|posts?|content|coverage|links?|topics?|reading|video).*
          | recommended(?:\ for\ you|\ stories|\ articles)?:?|you\ (?:may|might)\ (?:also\ )?(?:like|enjoy|be\ interested\ in).*
          | also\ (?:read|see|watch)\b.*|see\ also\b.*|watch:.*|listen:.*|trending(?:\ now)?:?|most\ (?:read|popular|viewed|shared).*
          | popular(?:\ (?:now|stories|articles))?:?|latest(?:\ (?:news|stories|articles))?:?|top\ stories.*|editor'?s?\ picks?:?
          | \d*\ ?comments?|post\ (?:a\ )?comment.*|leave\ a\ (?:comment|reply).*|add\ (?:a\ )?comment.*|show\ comments.*|view\ comments.*|join\ the\ (?:conversation|discussion).*
          | share(?:\ (?:this|the))?(?:\ (?:article|story|post|page))?(?:\ on\ .*)?[:!]?|sharing\ is\ caring!?|tweet|email|print|pin\ it|whatsapp|facebook|twitter|linkedin
          | subscribe\b.*|sign\ up\b.*|get\ (?:our|the)\ .*newsletters?.*|newsletters?\b.*|follow\ us\b.*|follow\ (?:him|her|them|me)\ on\b.*|like\ this\ (?:story|article|post)\b.*|like\ us\ on\b.*
          | tell\ us\ what\ you\ think.*|loading.*|this\ (?:slideshow|video|content|feature|gallery)\ requires\ javascript.*|please\ enable\ javascript.*|enable\ javascript.*
          | media\ playback\ is\ unsupported.*|enlarge(?:\ (?:image|photo|this\ image))?|(?:view|open|see)\ (?:image|photo|gallery|slideshow).*|close|caption|hide\ caption|toggle\ caption
          | image\ \d+\ (?:of|/).*|photo\ \d+\ (?:of|/).*|\d+\ (?:of|/)\ \d+|view\ author\ archive|email\ the\ author|(?:follow|find)\ (?:\w+\ )?on\ (?:twitter|facebook|instagram).*
          | click\ here\b.*|get\ the\ .*\ app.*|download\ (?:the|our)\ .*\ app.*|skip\ (?:to|ad|advertisement).*|back\ to\ top|scroll\ (?:down|to\ continue).*
          | (?:previous|next)(?:\ (?:article|story|post|page))?:?|tags?:.*|topics?:.*|filed\ under:?.*|categor(?:y|ies):?.*|keywords?:.*
          | (?:image|photo|picture|video)(?:\ copyright|\ caption|\ source|\ credit)?:.*|(?:photo|image|video|picture)s?\ (?:by|courtesy|credit)\b.*|credits?:.*
          | copyright\b.*|©.*|\(c\)\ .*|all\ rights\ reserved.*|this\ (?:article|story)\ (?:was|has\ been)\ (?:updated|corrected).*
          | about\ the\ authors?:?|about\ us|contact\ us|privacy\ policy|terms\ (?:of|and)\ .*|cookie\ (?:policy|settings).*
        )[.!…]*$",
    )
    .expect("the label pattern is valid")
});

/// Calls to action and credit notes anywhere in a short block: newsletter and
/// forum invitations, affiliate notices, "click here", contact lines for the
/// reporter, and the wire services' reporting credits.
static PROMO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
            \b(?:sign(?:ing)?\ up|subscrib(?:e|ing))\b.*\b(?:newsletters?|inbox|updates)\b
          | \b(?:our|free)\ (?:\w+\ ){0,3}newsletters?\b|\bdelivered\ (?:\w+\ )?to\ your\ inbox\b|\bproblem\ subscribing\b
          | \bjoin\ (?:our|the)\ (?:\w+\ ){0,2}(?:forums?|community|mailing\ list)\b
          | \b(?:may|might|will)\ earn\ (?:an?\ )?(?:small\ )?(?:affiliate\ )?commission\b|\baffiliate\ (?:links?|commission)\b
          | \bclick\ here\b
          | \b(?:may|can)\ be\ reached\ at\b|\breach\ (?:the\ )?(?:reporters?|writers?|authors?)\ (?:at|on)\b
          | \bfollow\ (?:him|her|them|us|me)\ on\ (?:twitter|facebook|instagram|x)\b
          | ^\(?(?:additional\ )?(?:reporting|writing|editing|compiled|research)\ by\b
          | \bcontributed\ (?:to\ this\ (?:report|story|article)|reporting)\b
        ",
    )
    .expect("the promotion pattern is valid")
});

/// A photo credit at the end of a caption: `(AP Photo/Jane Doe)`, `Credit: ESA`, `Photo: X`.
static CREDIT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)(?:
            \((?:ap\ )?(?:photo|image|picture|video|pictured|file\ photo|credit|source)[^)]{0,80}\)\s*$
          | \b(?:photo|image|picture|credit|photograph)s?(?:\ by)?\s*[:/|]\ ?[^.]{0,80}$
          | (?:^|[|/(,]\s*)(?:getty\ images|shutterstock|istock(?:photo)?|afp|ap\ photo|reuters|epa|alamy|xinhua|dpa)\b[^.]{0,40}$
          | \|\s*[^|.]{0,60}$
        )",
    )
    .expect("the credit pattern is valid")
});

/// Month and weekday names and abbreviations, shared by the two lists below.
const CALENDAR_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
];

/// Words of a dateline, a timestamp or a reading-time note, besides [`CALENDAR_WORDS`].
const DATE_WORDS: &[&str] = &[
    "am",
    "pm",
    "a",
    "p",
    "m",
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "ist",
    "et",
    "pt",
    "ct",
    "mt",
    "aest",
    "jst",
    "updated",
    "update",
    "published",
    "posted",
    "first",
    "last",
    "modified",
    "on",
    "at",
    "ago",
    "day",
    "days",
    "hour",
    "hours",
    "hr",
    "hrs",
    "minute",
    "minutes",
    "min",
    "mins",
    "second",
    "seconds",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "read",
    "reading",
    "time",
    "yesterday",
    "today",
    "st",
    "nd",
    "rd",
    "th",
    "of",
    "and",
    "the",
    "date",
    "de",
    "le",
    "el",
];

/// Words that make a line of numbers a date or a timestamp, besides [`CALENDAR_WORDS`].
const DATE_MARKERS: &[&str] = &[
    "am",
    "pm",
    "updated",
    "published",
    "posted",
    "modified",
    "ago",
    "read",
];

/// A clock time or a numeric date: `9:41`, `19.11.2019`, `2019-11-19`, `11/19/19`.
static DATE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{1,2}:\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
        .expect("the date pattern is valid")
});

/// Filter the blocks of a located article and return the kept texts.
pub fn filter(blocks: Vec<Block>, facts: &PageFacts<'_>) -> Vec<String> {
    let title_keys: HashSet<String> = [facts.title, facts.document_title]
        .into_iter()
        .flatten()
        .map(key)
        .filter(|k| !k.is_empty())
        .collect();
    let dense_lists = link_lists(&blocks);
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let text_key = key(&block.text);
        if text_key.is_empty() {
            continue;
        }
        if block.list.is_some_and(|list| dense_lists.contains(&list)) {
            continue;
        }
        if is_title(&block, &text_key, &title_keys, facts.document_title)
            || is_label(&block)
            || is_promotion(&block)
            || is_link_block(&block)
            || is_caption(&block)
            || is_dateline(&block)
            || is_byline(&block, facts)
            || is_markup(&block)
        {
            continue;
        }
        kept.push(block);
    }
    drop_empty_sections(kept)
}

/// Lower case, letters and digits only: how two lines are compared.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The headline repeated in the body, or a top heading that is part of the `<title>`.
fn is_title(
    block: &Block,
    text_key: &str,
    title_keys: &HashSet<String>,
    document_title: Option<&str>,
) -> bool {
    if title_keys.contains(text_key) {
        return true;
    }
    block.kind == BlockKind::Heading(1)
        && text_key.len() >= 8
        && document_title.is_some_and(|t| key(t).contains(text_key))
}

fn is_label(block: &Block) -> bool {
    block.words() <= 14 && LABEL.is_match(block.text.trim())
}

fn is_promotion(block: &Block) -> bool {
    block.words() <= 50 && PROMO.is_match(&block.text)
}

/// A link to another story, perhaps behind a label (`Read more:`), not a
/// sentence that links some of its words: mostly link text, and what is not
/// link text is no more than a label.
fn is_link_block(block: &Block) -> bool {
    let density = block.link_density();
    let unlinked = block.chars - block.link_chars.min(block.chars);
    (density > 0.5 && unlinked <= 20) || density > 0.9
}

/// Lists of other stories: lists whose items are mostly link text, and lists
/// after the last paragraph of the article in which every item links somewhere.
fn link_lists(blocks: &[Block]) -> HashSet<usize> {
    #[derive(Default)]
    struct ListStats {
        chars: usize,
        link_chars: usize,
        items: usize,
        linked_items: usize,
        last_block: usize,
    }
    let mut stats: std::collections::HashMap<usize, ListStats> = Default::default();
    let mut last_paragraph = None;
    for (index, block) in blocks.iter().enumerate() {
        match block.list {
            Some(list) => {
                let entry = stats.entry(list).or_default();
                entry.chars += block.chars;
                entry.link_chars += block.link_chars;
                entry.items += 1;
                entry.linked_items += usize::from(block.link_chars > 0);
                entry.last_block = index;
            }
            None if block.kind == BlockKind::Paragraph && block.words() >= 10 => {
                last_paragraph = Some(index);
            }
            None => {}
        }
    }
    stats
        .into_iter()
        .filter(|(_, list)| {
            let dense = list.chars > 0 && list.link_chars * 2 > list.chars;
            let trailing = last_paragraph.is_none_or(|last| list.last_block > last);
            let all_linked = list.items >= 2 && list.linked_items == list.items;
            dense || (trailing && all_linked && list.link_chars * 10 >= list.chars * 3)
        })
        .map(|(list, _)| list)
        .collect()
}

/// A caption or a photo credit: a caption element, or a short line ending in a credit.
fn is_caption(block: &Block) -> bool {
    if block.kind == BlockKind::Caption {
        return true;
    }
    block.words() <= 60 && CREDIT_TAIL.is_match(&block.text) && !ends_like_sentence(&block.text)
}

/// Ends with sentence punctuation (a credit rarely does; a paragraph that merely mentions Reuters does).
fn ends_like_sentence(text: &str) -> bool {
    let text = text.trim_end_matches(['"', '\'', '”', '’', ')', ' ']);
    text.ends_with(['.', '!', '?', '…']) && text.split_whitespace().count() > 12
}

/// A line made of dates, times and the words around them: `Updated 9:41 AM; Posted Nov 18`.
fn is_dateline(block: &Block) -> bool {
    let tokens: Vec<String> = block
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    if tokens.is_empty() || tokens.len() > 16 {
        return false;
    }
    // Numbers alone (a table row, a score line) are no date: a month, a weekday,
    // a clock time, a numeric date or a word such as "updated" must be there.
    let marked = DATE_MARK.is_match(&block.text)
        || tokens
            .iter()
            .any(|t| CALENDAR_WORDS.contains(&t.as_str()) || DATE_MARKERS.contains(&t.as_str()));
    if !marked {
        return false;
    }
    let mut has_date = false;
    let mut other = 0;
    for token in &tokens {
        if token.chars().all(|c| c.is_ascii_digit()) {
            has_date = true;
        } else if CALENDAR_WORDS.contains(&token.as_str()) || DATE_WORDS.contains(&token.as_str()) {
        } else if token.chars().any(|c| c.is_ascii_digit())
            && token.trim_start_matches(|c: char| c.is_ascii_digit()).len() <= 3
        {
            // 4pm, 20th, 10h
            has_date = true;
        } else {
            other += 1;
        }
    }
    has_date && other * 5 <= tokens.len()
}

/// A byline: `By Jane Doe and John Roe`, the page's author or site name alone, or
/// a short author note that starts with the author's name.
fn is_byline(block: &Block, facts: &PageFacts<'_>) -> bool {
    let text = block.text.trim();
    let words = block.words();
    if (2..=12).contains(&words) && !text.ends_with('.') && looks_like_byline(text) {
        return true;
    }
    let text_key = key(text);
    for name in [facts.author, facts.site_name].into_iter().flatten() {
        let name_key = key(name);
        if name_key.len() < 4 {
            continue;
        }
        if text_key == name_key {
            return true;
        }
        if words <= 8 && text_key.contains(&name_key) {
            return true;
        }
    }
    false
}

/// `By Jane Doe and John Roe` or `BY JANE DOE, AP`: "by" and then names, not
/// a heading such as `By the numbers`.
fn looks_like_byline(text: &str) -> bool {
    let mut words = text.split_whitespace();
    if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
        return false;
    }
    let rest: Vec<&str> = words.collect();
    let named = rest
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let joiners = rest
        .iter()
        .filter(|w| {
            matches!(
                **w,
                "and" | "&" | "with" | "in" | "for" | "of" | "|" | "-" | "—"
            )
        })
        .count();
    rest.first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && named + joiners == rest.len()
}

/// Escaped markup or unrendered shortcodes that leaked into the text.
fn is_markup(block: &Block) -> bool {
    static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)&(?:amp;)*lt;/?[a-z].*?&(?:amp;)*gt;|&(?:amp;)+#?\w+;|</?[a-z][a-z0-9]*(?:\s[^<>]*)?>|\[/?[a-z_]+(?:\s[^\]]*)?\]",
        )
        .expect("the markup pattern is valid")
    });
    let chars = block.text.len();
    let markup: usize = MARKUP.find_iter(&block.text).map(|m| m.len()).sum();
    markup * 3 >= chars
}

/// Drop headings whose section holds no kept text, and trailing headings.
fn drop_empty_sections(blocks: Vec<Block>) -> Vec<String> {
    let mut keep = vec![true; blocks.len()];
    for (index, block) in blocks.iter().enumerate() {
        let BlockKind::Heading(level) = block.kind else {
            continue;
        };
        let has_body = blocks[index + 1..]
            .iter()
            .take_while(|next| !matches!(next.kind, BlockKind::Heading(l) if l <= level))
            .any(|next| !matches!(next.kind, BlockKind::Heading(_)));
        keep[index] = has_body;
    }
    blocks
        .into_iter()
        .zip(keep)
        .filter(|(_, keep)| *keep)
        .map(|(block, _)| block.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, kind: BlockKind) -> Block {
        Block {
            text: text.to_owned(),
            kind,
            chars: text.chars().filter(|c| !c.is_whitespace()).count(),
            link_chars: 0,
            list: None,
        }
    }

    fn p(text: &str) -> Block {
        block(text, BlockKind::Paragraph)
    }

    fn kept(blocks: Vec<Block>) -> Vec<String> {
        filter(blocks, &PageFacts::default())
    }

    const BODY: &str = "The council voted on Tuesday to rebuild the bridge, which has been closed since the floods.";

    #[test]
    fn labels_and_prompts_are_dropped() {
        for label in [
            "Advertisement",
            "Continue Reading Below",
            "Read more: Bridge plans",
            "You may also like...",
            "Sharing is caring!",
            "Sign up for our newsletter",
            "Image 1 of 5",
            "3 of 12",
            "Media playback is unsupported on your device",
            "Photo: Jane Doe, AP",
            "Copyright 2019 The Daily Test. All rights reserved.",
            "Subscribe to our YouTube channel for more!",
        ] {
            assert!(kept(vec![p(BODY), p(label)]) == [BODY], "{label}");
        }
    }

    #[test]
    fn calls_to_action_and_credit_notes_are_dropped() {
        for line in [
            "Get the day's top headlines delivered to your inbox every morning by subscribing to our newsletter.",
            "Have a tip? Jane Doe may be reached at jdoe@example.com. Follow her on Twitter @jdoe.",
            "We may earn an affiliate commission if you buy through links in this article.",
            "(Reporting by Jane Doe; editing by John Roe)",
            "Associated Press writers Jane Doe and John Roe contributed to this report.",
            "Join our forums to keep talking about the latest missions!",
        ] {
            assert!(kept(vec![p(BODY), p(line)]) == [BODY], "{line}");
        }
        let news =
            "The newsletter, which the council sends to every household, will carry the timetable.";
        assert_eq!(kept(vec![p(news)]), [news]);
    }

    #[test]
    fn datelines_are_dropped_but_sentences_with_dates_are_not() {
        for line in [
            "Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM",
            "November 18, 2019 | 4:10pm",
            "Published 10:02 AM EST Nov 19, 2019",
            "19.11.2019, 08:57",
            "5 min read",
        ] {
            assert!(kept(vec![p(BODY), p(line)]) == [BODY], "{line}");
        }
        let sentence = "On November 18, 2019 the mayor said the bridge would reopen in 2021.";
        assert_eq!(kept(vec![p(sentence)]), [sentence]);
        let scores = "Rockledge 14 11 6 15 — 44";
        assert_eq!(kept(vec![p(scores)]), [scores]);
    }

    #[test]
    fn captions_and_credits_are_dropped() {
        for line in [
            "Vicente Aguiar loads garage door trims into his pickup truck. (AP Photo/Alan Diaz, File)",
            "Alex Wong | Getty Images",
            "A reference habitation module for a crewed Mars mission. Credit: ESA",
        ] {
            assert!(kept(vec![p(BODY), p(line)]) == [BODY], "{line}");
        }
        assert!(kept(vec![p(BODY), block("A caption", BlockKind::Caption)]) == [BODY]);
        let mention = "The agency told Reuters that the bridge would reopen next year, once repairs are done.";
        assert_eq!(kept(vec![p(mention)]), [mention]);
    }

    #[test]
    fn link_lists_and_link_lines_are_dropped() {
        let mut story = block("Other story about the bridge", BlockKind::ListItem);
        story.link_chars = story.chars;
        story.list = Some(0);
        let mut cited = p(BODY);
        cited.link_chars = 10;
        assert_eq!(kept(vec![cited, story]), [BODY]);
    }

    #[test]
    fn headline_byline_and_author_are_dropped() {
        let facts = PageFacts {
            title: Some("Bridge to reopen"),
            author: Some("Ann Lee"),
            site_name: Some("Daily Test"),
            ..PageFacts::default()
        };
        let got = filter(
            vec![
                block("Bridge to reopen", BlockKind::Heading(1)),
                p("By Ann Lee and Bo Chen"),
                block("By the numbers", BlockKind::Heading(2)),
                p(BODY),
                p("Ann Lee"),
                p(BODY),
                p("Daily Test"),
            ],
            &facts,
        );
        assert_eq!(got, ["By the numbers", BODY, BODY]);
    }

    #[test]
    fn empty_sections_are_dropped_and_repeated_lines_are_kept() {
        let got = kept(vec![
            block("Background", BlockKind::Heading(2)),
            p(BODY),
            block("Related stories", BlockKind::Heading(2)),
            p(BODY),
            block("Trailing heading", BlockKind::Heading(3)),
        ]);
        assert_eq!(got, ["Background", BODY, BODY]);
    }

    #[test]
    fn leaked_markup_is_dropped() {
        let got = kept(vec![
            p(BODY),
            p("&lt;span data-mce-type=\"bookmark\"&gt;&amp;#65279;&lt;/span&gt;"),
            p("[button link=\"/x\" type=\"big\"] Send us YOUR review[/button]"),
        ]);
        assert_eq!(got, [BODY]);
    }
}
