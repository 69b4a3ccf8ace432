//! The closed word lists of attribution: verbs of saying, the words that refer back to a person, role nouns, and the words that end a subject.

/// A word in ASCII lower case, kept on the stack when it is short (the
/// word lists are read for every word of an article, so this allocates
/// only for long words).
pub struct Lower {
    buf: [u8; 24],
    len: usize,
    long: Option<String>,
}

impl Lower {
    pub fn as_str(&self) -> &str {
        match &self.long {
            Some(long) => long,
            // ASCII lower-casing keeps UTF-8 valid.
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default(),
        }
    }
}

/// `word` in ASCII lower case.
pub fn lower(word: &str) -> Lower {
    let mut buf = [0u8; 24];
    if word.len() > buf.len() {
        return Lower {
            buf,
            len: 0,
            long: Some(word.to_ascii_lowercase()),
        };
    }
    buf[..word.len()].copy_from_slice(word.as_bytes());
    buf[..word.len()].make_ascii_lowercase();
    Lower {
        buf,
        len: word.len(),
        long: None,
    }
}

/// Whether `word` (any case) is a verb of saying in one of its forms:
/// `said`, `says`, `told`, `emphasised`, `pointed` (as in "pointed out"),
/// `wrote`, `saying`. Forms that are also common nouns (`states`, `notes`,
/// `comments`) are left out.
pub fn is_speech_verb(word: &str) -> bool {
    const FORMS: &[&str] = &[
        "accuse",
        "accused",
        "accuses",
        "accusing",
        "add",
        "added",
        "adding",
        "adds",
        "admit",
        "admits",
        "admitted",
        "admitting",
        "announce",
        "announced",
        "announces",
        "argue",
        "argued",
        "argues",
        "arguing",
        "ask",
        "asked",
        "asking",
        "asks",
        "assert",
        "asserted",
        "asserts",
        "claimed",
        "claiming",
        "commented",
        "concluded",
        "concludes",
        "confirmed",
        "confirms",
        "continued",
        "continues",
        "declare",
        "declared",
        "declares",
        "emphasise",
        "emphasised",
        "emphasises",
        "emphasising",
        "emphasize",
        "emphasized",
        "emphasizes",
        "emphasizing",
        "explain",
        "explained",
        "explaining",
        "explains",
        "insist",
        "insisted",
        "insisting",
        "insists",
        "noted",
        "noting",
        "observed",
        "pointed",
        "pointing",
        "recalled",
        "recalling",
        "recalls",
        "remarked",
        "replied",
        "replies",
        "replying",
        "described",
        "describes",
        "respond",
        "responded",
        "responding",
        "responds",
        "said",
        "say",
        "saying",
        "says",
        "stated",
        "stress",
        "stressed",
        "stresses",
        "stressing",
        "suggested",
        "suggests",
        "tell",
        "telling",
        "tells",
        "told",
        "underlined",
        "underlines",
        "urge",
        "urged",
        "urges",
        "urging",
        "warn",
        "warned",
        "warning",
        "warns",
        "write",
        "writes",
        "writing",
        "wrote",
    ];
    word.len() <= 12 && FORMS.contains(&lower(word).as_str())
}

/// Auxiliaries and adverbs that may stand between a subject and its verb of
/// saying: "has said", "had earlier told", "also stressed".
pub fn is_auxiliary(word: &str) -> bool {
    matches!(
        lower(word).as_str(),
        "has"
            | "have"
            | "had"
            | "was"
            | "is"
            | "will"
            | "would"
            | "also"
            | "later"
            | "then"
            | "earlier"
            | "again"
            | "once"
            | "previously"
            | "recently"
            | "yesterday"
            | "today"
            | "reportedly"
            | "publicly"
            | "simply"
            | "just"
            | "quickly"
            | "finally"
    )
}

/// A person's grammatical gender, as honorifics and pronouns show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// The gender an honorific shows: `Mr`, `Sir` -> male; `Mrs`, `Ms`, `Dame` -> female.
pub fn honorific_gender(word: &str) -> Option<Gender> {
    match word.trim_end_matches('.') {
        "Mr" | "Sir" | "Lord" | "King" | "Prince" | "Mister" => Some(Gender::Male),
        "Mrs" | "Ms" | "Miss" | "Dame" | "Lady" | "Queen" | "Princess" | "Madam" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// The gender a pronoun refers with: `he`, `his` -> male; `she`, `her` -> female.
pub fn pronoun_gender(word: &str) -> Option<Gender> {
    match lower(word).as_str() {
        "he" | "his" | "him" => Some(Gender::Male),
        "she" | "her" | "hers" => Some(Gender::Female),
        _ => None,
    }
}

/// The pronouns that stand for one person as the subject of a verb of saying.
pub fn is_personal_pronoun(word: &str) -> bool {
    matches!(word, "he" | "He" | "she" | "She" | "HE" | "SHE")
}

/// Nouns naming a role one person holds, which "the ..." refers back with:
/// "the minister", "the Alliance chief", "the Secretary General".
pub fn is_role_noun(word: &str) -> bool {
    const ROLES: &[&str] = &[
        "actor",
        "actress",
        "adviser",
        "advisor",
        "ambassador",
        "analyst",
        "artist",
        "author",
        "batsman",
        "boss",
        "bowler",
        "captain",
        "ceo",
        "chairman",
        "chairwoman",
        "champion",
        "chancellor",
        "chief",
        "co-chairman",
        "coach",
        "columnist",
        "commentator",
        "commissioner",
        "compatriot",
        "correspondent",
        "defender",
        "designer",
        "director",
        "economist",
        "editor",
        "envoy",
        "executive",
        "forward",
        "founder",
        "general",
        "goalkeeper",
        "governor",
        "head",
        "judge",
        "king",
        "lawyer",
        "leader",
        "manager",
        "mayor",
        "member",
        "mep",
        "midfielder",
        "minister",
        "mp",
        "msp",
        "musician",
        "novelist",
        "official",
        "officer",
        "owner",
        "player",
        "pm",
        "premier",
        "presenter",
        "president",
        "prince",
        "princess",
        "pundit",
        "queen",
        "reporter",
        "researcher",
        "sculptor",
        "secretary",
        "senator",
        "singer",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "star",
        "strategist",
        "striker",
        "teacher",
        "trainer",
        "vice-president",
        "winger",
        "writer",
    ];
    let lowered = lower(word);
    let lower = lowered.as_str();
    ROLES.contains(&lower)
}

/// Roles that usually stay unnamed ("the spokesman said"): they refer back
/// only to a person written with that title, never to whoever spoke last.
pub fn is_anonymous_role(word: &str) -> bool {
    matches!(
        lower(word).as_str(),
        "spokesman" | "spokeswoman" | "spokesperson" | "official" | "source" | "aide" | "member"
    )
}

/// Lower-case words that may stand in a title before a name with a role
/// noun ("managing director Tim Osborne", "former finance minister X").
pub fn is_title_modifier(word: &str) -> bool {
    matches!(
        lower(word).as_str(),
        "former"
            | "ex"
            | "co"
            | "deputy"
            | "acting"
            | "managing"
            | "senior"
            | "junior"
            | "chief"
            | "vice"
            | "general"
            | "assistant"
            | "executive"
            | "shadow"
            | "prime"
            | "foreign"
            | "finance"
            | "home"
            | "health"
            | "education"
            | "defence"
            | "defense"
            | "interior"
            | "justice"
            | "trade"
            | "culture"
            | "sports"
            | "team"
            | "world"
            | "club"
            | "party"
            | "union"
            | "state"
            | "federal"
            | "interim"
            | "incoming"
            | "outgoing"
            | "veteran"
            | "fellow"
            | "dance"
            | "operating"
            | "marketing"
            | "technical"
            | "security"
            | "research"
            | "the"
    )
}

/// Words after which a name is not the subject of its clause: prepositions
/// and conjunctions that make it an object or a subordinate clause's
/// subject ("hosted by Gordon Brown", "if Radcliffe opted out").
pub fn ends_subject_position(word: &str) -> bool {
    matches!(
        lower(word).as_str(),
        "by" | "with"
            | "to"
            | "from"
            | "of"
            | "for"
            | "against"
            | "at"
            | "on"
            | "in"
            | "into"
            | "about"
            | "like"
            | "than"
            | "after"
            | "before"
            | "behind"
            | "if"
            | "that"
            | "as"
            | "over"
            | "under"
            | "between"
            | "among"
            | "including"
            | "via"
            | "whether"
            | "when"
            | "while"
            | "because"
            | "beat"
            | "beating"
            | "versus"
            | "vs"
            | "whom"
            | "who"
            | "which"
            | "where"
            | "until"
            | "since"
            | "called"
            | "named"
            | "met"
            | "meet"
            | "told"
            | "asked"
            | "urged"
            | "replace"
            | "replaced"
            | "defeated"
            | "sacked"
    )
}

/// Verbs that introduce reported speech, with the forms that do it, by
/// lemma. Regular forms are made by [`regular_forms`]; irregular ones are
/// listed. Forms that read more often as nouns or adjectives in news
/// (`claims`, `fears`, `hopes`, `warning`, `comments`, `states`) are left out.
const REPORTING: &[(&str, &[&str])] = &[
    ("say", &["say", "says", "said", "saying"]),
    ("tell", &["tell", "tells", "told", "telling"]),
    ("write", &["write", "writes", "wrote", "writing", "written"]),
    ("think", &["think", "thinks", "thought"]),
    ("deny", &["deny", "denies", "denied", "denying"]),
    ("reply", &["reply", "replies", "replied", "replying"]),
    ("admit", &["admit", "admits", "admitted", "admitting"]),
    (
        "predict",
        &["predict", "predicts", "predicted", "predicting"],
    ),
    ("claim", &["claim", "claims", "claimed", "claiming"]),
    ("find", &["found", "finds"]),
    ("show", &["show", "shows", "showed"]),
    ("speculate", &["speculate", "speculates", "speculated"]),
    ("bill", &["billed"]),
    ("hail", &["hailed"]),
    ("laud", &["lauded"]),
    ("dismiss", &["dismissed", "dismisses"]),
    ("brand", &["branded", "brands"]),
    ("label", &["labelled", "labeled"]),
    ("call", &["called", "calls"]),
    ("highlight", &["highlighted", "highlights"]),
    ("criticise", &["criticised", "criticized"]),
    ("attack", &["attacked"]),
    ("threaten", &["threatened", "threatens"]),
    ("pledge", &["pledged"]),
    ("fear", &["feared"]),
    ("warn", &["warn", "warns", "warned"]),
    ("comment", &["commented"]),
    ("state", &["stated"]),
    ("note", &["noted", "noting"]),
    ("hope", &["hoped"]),
    ("forecast", &["forecast", "forecasts", "forecasting"]),
    ("point", &["point", "points", "pointed", "pointing"]),
    ("accuse", &["accuse", "accused", "accuses", "accusing"]),
    // Verbs whose present forms are mostly nouns in news (`the report`,
    // `a promise`): only their past forms.
    ("report", &["reported"]),
    ("promise", &["promised"]),
    ("signal", &["signalled", "signaled"]),
    ("vow", &["vowed"]),
    ("ask", &["ask", "asked", "asking", "asks"]),
];

/// Regular verbs of reported speech: `verb`, `verbs`, `verbed`, `verbing`.
const REGULAR: &[&str] = &[
    "acknowledge",
    "add",
    "agree",
    "allege",
    "announce",
    "argue",
    "assure",
    "assert",
    "believe",
    "caution",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "declare",
    "describe",
    "disclose",
    "emphasise",
    "emphasize",
    "estimate",
    "explain",
    "indicate",
    "inform",
    "insist",
    "maintain",
    "observe",
    "recall",
    "reiterate",
    "remark",
    "remind",
    "respond",
    "reveal",
    "stress",
    "suggest",
    "underline",
    "urge",
];

/// `verb`, `verbs`, `verbed`, `verbing` with English spelling rules for a
/// final `e` and a final `s`.
fn regular_forms(lemma: &'static str) -> [String; 4] {
    let third = if lemma.ends_with('s') {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let (past, ing) = match lemma.strip_suffix('e') {
        Some(stem) => (format!("{lemma}d"), format!("{stem}ing")),
        None => (format!("{lemma}ed"), format!("{lemma}ing")),
    };
    [lemma.to_owned(), third, past, ing]
}

static REPORTING_FORMS: std::sync::LazyLock<rustc_hash::FxHashMap<String, &'static str>> =
    std::sync::LazyLock::new(|| {
        let mut forms = rustc_hash::FxHashMap::default();
        for &lemma in REGULAR {
            for form in regular_forms(lemma) {
                forms.insert(form, lemma);
            }
        }
        for &(lemma, listed) in REPORTING {
            for &form in listed {
                forms.insert(form.to_owned(), lemma);
            }
        }
        forms
    });

/// The lemma of `word` (any case) when it is a form of a verb that can
/// introduce reported speech (`warned` -> `warn`, `told` -> `tell`), else
/// `None`. Every form [`is_speech_verb`] accepts has one.
pub fn reporting_verb(word: &str) -> Option<&'static str> {
    if word.len() > 14 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    REPORTING_FORMS.get(lower(word).as_str()).copied()
}

/// Verbs that take their listener as an object before the reported clause
/// (`told reporters the plan...`, `warned MPs that...`).
pub fn takes_listener(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell" | "warn" | "assure" | "inform" | "remind" | "promise" | "urge" | "ask" | "accuse"
    )
}

/// Verbs whose content is an object and an `as` phrase (`described the plan
/// as "reckless"`) or a name (`calls it "good fun"`) rather than a clause.
pub fn frames_with_as(lemma: &str) -> bool {
    matches!(
        lemma,
        "describe"
            | "dismiss"
            | "brand"
            | "bill"
            | "hail"
            | "laud"
            | "label"
            | "call"
            | "highlight"
            | "criticise"
            | "attack"
    )
}

/// Verbs that report a commitment or a demand with an infinitive (`vowed to
/// sue`, `warned Mr Brown not to be tempted`).
pub fn takes_infinitive(lemma: &str) -> bool {
    matches!(
        lemma,
        "vow" | "pledge" | "promise" | "threaten" | "warn" | "urge" | "tell" | "ask"
    )
}

/// Nouns that name an organisation by its kind (`the company said`), which
/// refer back to the latest organisation named.
pub fn is_organisation_noun(word: &str) -> bool {
    matches!(
        lower(word).as_str(),
        "company"
            | "firm"
            | "group"
            | "bank"
            | "government"
            | "ministry"
            | "department"
            | "agency"
            | "party"
            | "union"
            | "club"
            | "council"
            | "commission"
            | "association"
            | "federation"
            | "organisation"
            | "organization"
            | "watchdog"
            | "regulator"
    )
}

/// Verbs of thinking that report a source's view only with a clause after
/// them (`Analysts believe rates will rise`), never as a bare verb.
pub fn is_view_verb(lemma: &str) -> bool {
    matches!(lemma, "believe" | "think" | "fear" | "hope" | "expect")
}

/// A word for someone who speaks for another: `spokesman`, `spokeswoman`,
/// `spokesperson`, `representative` (any case, singular or plural).
pub fn is_spokesperson(word: &str) -> bool {
    matches!(
        lower(word).as_str(),
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokesmen"
            | "spokeswomen"
            | "spokespeople"
            | "representative"
            | "representatives"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_of_saying_in_any_tense() {
        for word in [
            "described",
            "describes",
            "respond",
            "responded",
            "responding",
            "responds",
            "said",
            "says",
            "say",
            "saying",
            "told",
            "tells",
            "added",
            "adds",
            "stressed",
            "warned",
            "emphasised",
            "emphasized",
            "pointed",
            "noted",
            "insisted",
            "argued",
            "arguing",
            "explained",
            "claimed",
            "declared",
            "announced",
            "urged",
            "admitted",
            "asked",
            "replied",
            "replies",
            "wrote",
            "writes",
            "recalls",
            "underlined",
            "Said",
        ] {
            assert!(is_speech_verb(word), "{word}");
        }
        for word in [
            "sad",
            "reply",
            "believes",
            "thinks",
            "speaking",
            "adder",
            "stressful",
            "",
            "saidx",
        ] {
            assert!(!is_speech_verb(word), "{word}");
        }
    }

    #[test]
    fn pronouns_roles_and_subject_positions() {
        assert!(is_personal_pronoun("He") && is_personal_pronoun("she"));
        assert!(!is_personal_pronoun("they") && !is_personal_pronoun("his"));
        assert!(is_role_noun("Minister") && is_role_noun("chief") && is_role_noun("General"));
        assert!(!is_role_noun("magazine") && !is_role_noun("judges"));
        assert!(ends_subject_position("by") && !ends_subject_position("and"));
    }

    #[test]
    fn every_verb_of_saying_has_a_lemma_and_nouns_do_not() {
        for form in ["said", "Told", "warned", "adding", "denies", "according"] {
            assert_eq!(
                reporting_verb(form).is_some(),
                form != "according",
                "{form}"
            );
        }
        for form in ["said", "told", "stressed", "pointed", "wrote", "replies"] {
            assert!(
                is_speech_verb(form) && reporting_verb(form).is_some(),
                "{form}"
            );
        }
        assert_eq!(reporting_verb("told"), Some("tell"));
        assert_eq!(reporting_verb("argues"), Some("argue"));
        assert_eq!(reporting_verb("stresses"), Some("stress"));
        for noun in ["report", "reports", "promise", "warning", "claims_", "x"] {
            assert_eq!(reporting_verb(noun), None, "{noun}");
        }
        assert_eq!(lower("ÉLAN Said").as_str(), "Élan said");
    }
}
