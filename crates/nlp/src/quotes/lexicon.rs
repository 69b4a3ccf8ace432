//! The closed word lists of attribution: verbs of saying, the words that refer back to a person, role nouns, and the words that end a subject.

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
    word.len() <= 12 && FORMS.contains(&word.to_ascii_lowercase().as_str())
}

/// Auxiliaries and adverbs that may stand between a subject and its verb of
/// saying: "has said", "had earlier told", "also stressed".
pub fn is_auxiliary(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
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
    match word.to_ascii_lowercase().as_str() {
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
        "midfielder",
        "minister",
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
    let lower = word.to_ascii_lowercase();
    ROLES.contains(&lower.as_str())
}

/// Roles that usually stay unnamed ("the spokesman said"): they refer back
/// only to a person written with that title, never to whoever spoke last.
pub fn is_anonymous_role(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "spokesman" | "spokeswoman" | "spokesperson" | "official" | "source" | "aide" | "member"
    )
}

/// Lower-case words that may stand in a title before a name with a role
/// noun ("managing director Tim Osborne", "former finance minister X").
pub fn is_title_modifier(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
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
        word.to_ascii_lowercase().as_str(),
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
}
