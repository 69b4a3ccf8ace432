//! Page furniture inside an article's text: lines that are not the story (photo credits and captions, "Article continued below", "Read more", share prompts, newsletter pitches), dropped at intake before any module reads the text.
//!
//! Whatever the input (a JSON body, plain text, or the text the HTML
//! extractor kept), furniture that sits between paragraphs survives as a line
//! of its own. A line is dropped only when the whole of it is furniture and
//! it is short, so a sentence that mentions a newsletter or a photograph stays:
//!
//! - labels: `Article continued below`, `Story continues below`,
//!   `Advertisement`, `Read more: ...`, `Related: ...`, `Share this article`,
//!   `Share on Facebook`, `Click here to ...`;
//! - newsletter and subscription pitches: `Sign up for our daily newsletter`,
//!   `Subscribe to ...`, `Get the latest news delivered to your inbox`;
//! - photo credits and captions: `Nathan Denette/The Canadian Press`,
//!   `(AP Photo/Jane Doe)`, `Photo: Reuters`, `Image caption ...`,
//!   `Image copyright Getty Images`, `Photograph: Jane Doe/AFP via Getty`.

use std::sync::LazyLock;

use regex::Regex;

/// The longest line, in words, that can be furniture.
const MAX_WORDS: usize = 16;

/// Labels, prompts and pitches that make up a whole line.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            (?:article|story)\ continue[sd]?\ (?:below|after)\b.*
          | continue\ reading\b.*
          | advertisement|advertising|sponsored\ content
          | (?:read|see)\ (?:more|also)\b.*|also\ read\b.*|related\ (?:articles?|stories|coverage)\b.*|related:.*|more\ on\ this\ story\b.*
          | share\ (?:this|the)\ (?:article|story|page|post)\b.*|share\ on\ \w+.*|share\ via\ .*|share:?
          | click\ here\b.*|tap\ here\b.*
          | sign\ up\b.*\bnewsletters?\b.*|subscribe\ (?:to|now|today|for)\b.*|get\ (?:the\ )?(?:latest\ )?(?:\w+\ ){0,3}(?:delivered\ )?(?:to|in)\ your\ inbox\b.*
          | (?:our|the)\ (?:\w+\ ){0,2}newsletter\b.*:?|newsletter\b.*
          | (?:image|photo|picture|video)\ (?:caption|copyright|source|credit)s?\b.*
          | (?:photo|photograph|image|picture)s?\ ?(?:by\ |:).*
          | \((?:ap\ |cp\ |reuters\ |afp\ )?(?:photo|image|file\ photo|pictured)\b[^)]*\)
        )[.!…]*$",
    )
    .expect("the furniture pattern is valid")
});

/// A photo credit alone on its line: a name of two to four words (or an
/// agency), a slash and an agency or paper (`Nathan Denette/The Canadian
/// Press`, `Rick Madonik / Toronto Star`, `AFP/Getty Images`).
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\(?(?:(?:[A-Z][\p{L}'.-]*\s){1,3}[A-Z][\p{L}'.-]*|AFP|AP|EPA|PA|Reuters|Xinhua|Bloomberg)\s?/\s?(?:The\s)?(?:[A-Z][\p{L}&'.-]*\s?){1,4}(?:via\s(?:[A-Z][\p{L}&'.-]*\s?){1,3})?\)?$",
    )
    .expect("the credit pattern is valid")
});

/// Whether `line` (one line of an article's text) is page furniture.
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.split_whitespace().nth(MAX_WORDS).is_some() {
        return false;
    }
    LABEL.is_match(line) || CREDIT.is_match(line)
}

/// `text` without its furniture lines; the lines kept are unchanged and keep
/// their line breaks. The text is returned as it is when it has none, or when
/// nothing else would be left (a one-line text is the article, whatever it says).
pub fn strip(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.lines().any(is_furniture) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut kept = String::with_capacity(text.len());
    let mut skipping_blank = false;
    for line in text.split_inclusive('\n') {
        if is_furniture(line) {
            // Drop the line and the blank line that separated it.
            skipping_blank = true;
            continue;
        }
        if skipping_blank && line.trim().is_empty() {
            continue;
        }
        skipping_blank = false;
        kept.push_str(line);
    }
    if kept.trim().is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_pitches_and_credits_are_furniture() {
        for line in [
            "Article Continued Below",
            "Story continues below advertisement",
            "ADVERTISEMENT",
            "Read more: Bridge plans unveiled",
            "Share this article",
            "Share on Facebook",
            "Sign up for our daily newsletter",
            "Subscribe to our newsletter.",
            "Get the latest news delivered to your inbox",
            "Nathan Denette/The Canadian Press",
            "Rick Madonik / Toronto Star",
            "AFP/Getty Images",
            "(AP Photo/Jane Doe)",
            "Photo: Reuters",
            "Image caption The mayor at the opening",
            "Image copyright Getty Images",
            "Photograph: Jane Doe/AFP via Getty Images",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn sentences_that_mention_furniture_words_are_story() {
        for line in [
            "The mayor said the article continued below the fold in print editions.",
            "Readers can sign up for the newsletter, the paper said, and 40,000 have.",
            "He told The Canadian Press the vote would be close.",
            "Prices rose 3.5% in the year to March/April.",
            "The 24/7 service opened on Monday.",
            "Toronto/Ottawa",
            "Photos of the crash spread quickly online, and police asked people to stop sharing them.",
            "\"Read more books,\" she said.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn strip_drops_whole_lines_and_their_blank_separator() {
        let text = "First paragraph.\n\nArticle Continued Below\n\nSecond paragraph.\n\nJane Doe/The Canadian Press\n\nThird.";
        assert_eq!(
            strip(text),
            "First paragraph.\n\nSecond paragraph.\n\nThird."
        );
        let clean = "Nothing to drop here.\n\nAt all.";
        assert!(matches!(strip(clean), std::borrow::Cow::Borrowed(_)));
    }
}
