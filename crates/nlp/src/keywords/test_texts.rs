//! Test texts shared by the tests of tone, keywords and summary: the canonical article (from [`crate::testing`]), and texts built to break text analysis (no words, 10,000 quote marks, numbers in every format, mixed scripts).

pub use crate::testing::{WIRE, canonical};

/// Texts with no word at all: only space, punctuation and quote marks.
pub fn wordless() -> Vec<String> {
    vec![
        String::new(),
        " \n\n ".to_string(),
        "...".to_string(),
        "!!!! ????".to_string(),
        "* * *".to_string(),
        "\"".repeat(10_000),
        "“”".repeat(5_000),
    ]
}

/// Texts with words that are not news prose.
pub fn odd() -> Vec<String> {
    vec![
        "1 1.5 1,000,000 3'000 1e308 99999999999999999999 -0 0x1F 12:30 ½ ٣ 2024-10-28. "
            .repeat(100),
        "Война плохо идёт сейчас там. 战争很坏。 حرب سيئة جدا اليوم هناك. Ça va très bien ici. Zoë's café-bar. "
            .repeat(100),
        "the of and to in a is that for it ".repeat(1_000),
        "- -- a-b-c-d-e -x- ".repeat(1_000),
        "not never no without n't very extremely slightly kind of sort of but ".repeat(1_000),
        "TERRIBLE HORRIBLE AWFUL BAD WAR KILLED!!!!!!!! ".repeat(500),
        "word ".repeat(20_000),
    ]
}
