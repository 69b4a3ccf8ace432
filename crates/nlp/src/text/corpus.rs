//! Test texts for the differential tests of the fast splitters: the committed fixtures, tricky strings, and generated ones.

/// The committed article fixtures.
pub const FIXTURES: &[&str] = &[
    include_str!("../../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt"),
    include_str!("../../../../tests/fixtures/fingerprint/bbc-business-dollar.txt"),
    include_str!("../../../../tests/fixtures/fingerprint/bbc-business-yukos.txt"),
    include_str!("../../../../tests/fixtures/fingerprint/bbc-entertainment.txt"),
    include_str!("../../../../tests/fixtures/fingerprint/bbc-politics.txt"),
    include_str!("../../../../tests/fixtures/fingerprint/bbc-sport.txt"),
    include_str!("../../../../tests/fixtures/fingerprint/bbc-tech.txt"),
];

/// Hand-picked strings around the rules the fast paths reproduce.
pub const TRICKY: &[&str] = &[
    "",
    " ",
    ".",
    "...",
    "a",
    "Mr. Smith met Dr. Jones. They talked.",
    "J. K. Rowling wrote it. George W. Bush read it.",
    "The U.S. economy grew 3.5% in 2004, or 3,000 jobs; U.S.-made cars sold.",
    "He moved to the U.S. The move cost $1.5bn. Then... nothing. Then . . . more.",
    "I don't know, he said. 'Why?' she asked. \"No!\" they said.",
    "\"He's taking a longer-term view.\" Worries remain. (Really.) [Yes!] {No?}",
    "See http://example.com/a.b?c=d&e=f and e-mail jo.smith@example.co.uk at 10:30.",
    "It closed at 10:30 a.m. on Jan. 5. vs. 9.45p.m. e.g. this, i.e. that.",
    "Prices: $1.2871, 1,000,000.50 and 3'000; a:b:c, a.b.c, a'b'c, 1.2.3, 1'2.",
    "a..b a::b a''b 1..2 1,,2 1;;2 a.1 1.a a:1 1:a _a a_ _1_ ___ a_b_c 1_000",
    "Trailing punctuation... Ellipsis... before lower. And upper.",
    "Question? yes. Exclaim! no. Full stop. 5 items. 7. Seven.",
    "a.B a. B a.) B a. ) B a.\" b a.-b a., b a.; b a.: b a.! b",
    "1.B 1. B 1.b A.B.C. D.C. area. x.Y.",
    "Line one\nline two.\r\nLine three.\rLine four.\n\nNew para.\n\n\n",
    "Tabs\tand\u{b}vertical\u{c}feeds. Next.\tAfter tab. \r\n",
    "Stop.\r\n\r\nCR LF paragraphs.\r\rCRs.",
    "— em dash — and – en dash – here. “Curly,” she said. ‘Single’ quotes’ here.",
    "Café owner José Núñez met Zoë in Zürich. Ångström! Müller? Éric.",
    "Combining: Cafe\u{301} and e\u{301}. A\u{301}nother. \u{301}leading.",
    "NBSP\u{a0}here. Narrow\u{202f}no-break. Ideographic\u{3000}space.",
    "Separators\u{2028}line\u{2029}paragraph\u{85}next line.",
    "BOM\u{feff}inside and \u{feff}leading. Zero\u{200b}width. Soft\u{ad}hyphen.",
    "日本語のテキスト。次の文！ 中文句子？ English after.",
    "Привет, мир. Это тест! Hello мир.",
    "שלום עולם. צה\"ל ו-ג'ורג'. Hebrew's quotes.",
    "Emoji 👍🏽 and 👨‍👩‍👧 family. Flags 🇺🇸🇬🇧. Done.",
    "Mixed: abc日本def 123٤٥٦ x\u{200d}y a\u{200d}👍 ½ ² ① Ⅻ.",
    "Ellipsis char… Then more…\u{2026} and ‽ ⁇ 。 ！ ？ done",
    "£1.5bn and €3,000.50 or ¥100: prices—rose.",
    "Quote \u{201c}inside.\u{201d} Next sentence. «Guillemets.» Next.",
    "Apostrophe’s curly, don’t, U.S.’s, 1’000.",
    "Middle·dot and ·· and a·b, Catalan l·l.",
    "Only punctuation: !!! ??? ... --- ,,, ;;; ::: ''' \"\"\"",
    "\u{301}",
    "\u{feff}",
    "\u{200d}\u{301}.",
    "a\u{301}.\u{301} B",
    ". \u{301}a",
    "x. \u{a0}y",
    "end with space ",
    "end with newline\n",
    "U.S.",
    "\"Quote.\"",
];

/// The symbols of both alphabets, for strings that mix ASCII with the non-ASCII symbols a fast path must hand over.
pub fn joined(ascii: &[&'static str], unicode: &[&'static str]) -> Vec<&'static str> {
    ascii.iter().chain(unicode).copied().collect()
}

/// Every string of up to `max_len` symbols from `alphabet`, shortest first.
pub fn all_strings(alphabet: &[&str], max_len: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut previous = vec![String::new()];
    for _ in 0..max_len {
        let mut next = Vec::with_capacity(previous.len() * alphabet.len());
        for prefix in &previous {
            for symbol in alphabet {
                next.push(format!("{prefix}{symbol}"));
            }
        }
        out.extend(next.iter().cloned());
        previous = next;
    }
    out
}

/// `count` pseudo-random strings of up to `max_len` symbols from `alphabet`,
/// the same on every run (xorshift64 from `seed`).
pub fn random_strings(alphabet: &[&str], count: usize, max_len: usize, seed: u64) -> Vec<String> {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let symbols = u64::try_from(alphabet.len()).unwrap_or(1).max(1);
    let lengths = u64::try_from(max_len).unwrap_or(0) + 1;
    (0..count)
        .map(|_| {
            let len = next() % lengths;
            (0..len)
                .filter_map(|_| alphabet.get(usize::try_from(next() % symbols).ok()?))
                .copied()
                .collect()
        })
        .collect()
}

/// Sentences of the fixtures glued and cut at random spots, so runs of ASCII
/// meet non-ASCII in many places.
pub fn shuffled_fixture_pieces(count: usize, seed: u64) -> Vec<String> {
    let pieces: Vec<&str> = FIXTURES
        .iter()
        .chain(TRICKY)
        .flat_map(|text| text.split_inclusive(['.', ' ', '\n']))
        .collect();
    let alphabet: Vec<&str> = pieces.into_iter().collect();
    random_strings(&alphabet, count, 30, seed)
}
