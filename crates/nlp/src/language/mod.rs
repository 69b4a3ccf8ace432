//! `language`: the article's language as an ISO 639-1 code with a confidence, over the configured set of languages.
//!
//! Detection runs in two stages on the title and a bounded prefix of the text.
//! `whatlang` (trigram profiles, about 0.1 ms per article) answers first; when
//! the sample is short (headlines, briefs) or whatlang is unsure, `lingua`
//! (n-grams of 1 to 5 characters, more accurate on short text and close pairs
//! such as es/pt, several ms on a long sample) has the last word. Text that is
//! too short or too mixed for a reliable answer gives `und`, unless the producer
//! sent a `language` hint from the configured set: the hint decides only when
//! detection is unsure.

use serde::Serialize;
use whatlang::{Detector, Lang};

use crate::text::chars;

mod accurate;
mod guess;
mod module;

pub use module::{LanguageModule, LanguageSettings};

use accurate::AccurateDetector;
use guess::Guess;

/// Characters of text examined: enough for a reliable answer on news copy
/// (some 80 words; whatlang's own bar for a reliable answer is met long
/// before), bounded so long articles cost the same.
const PREFIX_CHARS: usize = 500;

/// Fewer letters than this and no answer is trusted.
const MIN_LETTERS: usize = 12;

/// A sample shorter than this (in characters) always goes to the second stage,
/// however confident the first: trigram statistics are thin on so little text.
/// 120 is the length below which lingua's authors find trigram-only detection
/// (their low-accuracy mode) drops sharply, not a value fitted on our test set.
const SHORT_CHARS: usize = 120;

/// The `language` field of the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Language {
    /// ISO 639-1 code, or `und` when undetermined.
    pub code: String,
    /// 0 to 1: the detector's confidence, 0 for `und`.
    pub confidence: f64,
}

/// ISO 639-1 codes and the detector's languages, for every language it knows that has a 639-1 code.
const LANGUAGES: &[(&str, Lang)] = &[
    ("af", Lang::Afr),
    ("am", Lang::Amh),
    ("ar", Lang::Ara),
    ("az", Lang::Aze),
    ("be", Lang::Bel),
    ("bg", Lang::Bul),
    ("bn", Lang::Ben),
    ("ca", Lang::Cat),
    ("cs", Lang::Ces),
    ("cy", Lang::Cym),
    ("da", Lang::Dan),
    ("de", Lang::Deu),
    ("el", Lang::Ell),
    ("en", Lang::Eng),
    ("eo", Lang::Epo),
    ("es", Lang::Spa),
    ("et", Lang::Est),
    ("fa", Lang::Pes),
    ("fi", Lang::Fin),
    ("fr", Lang::Fra),
    ("gu", Lang::Guj),
    ("he", Lang::Heb),
    ("hi", Lang::Hin),
    ("hr", Lang::Hrv),
    ("hu", Lang::Hun),
    ("hy", Lang::Hye),
    ("id", Lang::Ind),
    ("it", Lang::Ita),
    ("ja", Lang::Jpn),
    ("jv", Lang::Jav),
    ("ka", Lang::Kat),
    ("km", Lang::Khm),
    ("kn", Lang::Kan),
    ("ko", Lang::Kor),
    ("la", Lang::Lat),
    ("lt", Lang::Lit),
    ("lv", Lang::Lav),
    ("mk", Lang::Mkd),
    ("ml", Lang::Mal),
    ("mr", Lang::Mar),
    ("my", Lang::Mya),
    ("nb", Lang::Nob),
    ("ne", Lang::Nep),
    ("nl", Lang::Nld),
    ("or", Lang::Ori),
    ("pa", Lang::Pan),
    ("pl", Lang::Pol),
    ("pt", Lang::Por),
    ("ro", Lang::Ron),
    ("ru", Lang::Rus),
    ("si", Lang::Sin),
    ("sk", Lang::Slk),
    ("sl", Lang::Slv),
    ("sn", Lang::Sna),
    ("sr", Lang::Srp),
    ("sv", Lang::Swe),
    ("ta", Lang::Tam),
    ("te", Lang::Tel),
    ("th", Lang::Tha),
    ("tk", Lang::Tuk),
    ("tl", Lang::Tgl),
    ("tr", Lang::Tur),
    ("uk", Lang::Ukr),
    ("ur", Lang::Urd),
    ("uz", Lang::Uzb),
    ("vi", Lang::Vie),
    ("yi", Lang::Yid),
    ("zh", Lang::Cmn),
    ("zu", Lang::Zul),
];

/// The default set: the languages most common in news.
pub const DEFAULT_LANGUAGES: &[&str] = &[
    "en", "es", "fr", "de", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar", "fa", "he", "hi", "bn",
    "ur", "zh", "ja", "ko", "id", "vi", "th", "el", "ro", "sv", "cs", "hu",
];

/// Every ISO 639-1 code the detector supports.
pub fn supported() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().map(|(code, _)| *code)
}

fn lang_of(code: &str) -> Option<Lang> {
    LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, lang)| *lang)
}

fn code_of(lang: Lang) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(_, l)| *l == lang)
        .map(|(code, _)| *code)
}

/// Which detectors a [`LanguageDetector`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stages {
    /// whatlang alone.
    FastOnly,
    /// whatlang, then lingua where the sample is short or whatlang unsure.
    TwoStage,
}

/// Which detector gave an answer, for the evaluation and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Too few letters: no detector ran.
    None,
    /// whatlang's answer stood.
    Fast,
    /// lingua was asked and its answer, if any, was taken.
    Accurate,
}

/// A [`Language`] with the stage that decided it.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub language: Language,
    pub stage: Stage,
}

/// Whether the fast detector's `guess` on a sample of `sample_chars` characters
/// needs the second stage: the sample is short, or the guess is missing or unsure.
fn wants_second_stage(sample_chars: usize, guess: Option<Guess>) -> bool {
    sample_chars < SHORT_CHARS || !guess.is_some_and(|g| g.is_sure())
}

/// Detects the language over a fixed set of languages.
pub struct LanguageDetector {
    fast: Detector,
    /// `None` with [`Stages::FastOnly`] or when lingua has fewer than two of the languages.
    accurate: Option<AccurateDetector>,
    allowed: Vec<&'static str>,
}

impl std::fmt::Debug for LanguageDetector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageDetector")
            .field("allowed", &self.allowed)
            .field("second_stage", &self.accurate.is_some())
            .finish()
    }
}

impl LanguageDetector {
    /// The two-stage detector over `codes` (ISO 639-1), lingua's models loaded
    /// now; an unknown code is an error naming it.
    pub fn new(codes: &[String]) -> Result<Self, String> {
        Self::with_stages(codes, Stages::TwoStage)
    }

    /// A detector over `codes` running `stages`.
    pub fn with_stages(codes: &[String], stages: Stages) -> Result<Self, String> {
        let mut langs = Vec::new();
        let mut allowed = Vec::new();
        for code in codes {
            let lang = lang_of(code).ok_or_else(|| {
                format!(
                    "unknown language `{code}`; supported: {}",
                    supported().collect::<Vec<_>>().join(", ")
                )
            })?;
            langs.push(lang);
            allowed.extend(code_of(lang));
        }
        if langs.is_empty() {
            return Err("needs at least one language".into());
        }
        let accurate = match stages {
            Stages::FastOnly => None,
            Stages::TwoStage => AccurateDetector::new(&allowed),
        };
        Ok(Self {
            fast: Detector::with_allowlist(langs),
            accurate,
            allowed,
        })
    }

    /// Detect the language of `title` and `text`, falling back on `hint` when unsure.
    pub fn detect(&self, title: Option<&str>, text: &str, hint: Option<&str>) -> Language {
        self.explain(title, text, hint).language
    }

    /// [`detect`](Self::detect), saying which stage decided.
    pub fn explain(&self, title: Option<&str>, text: &str, hint: Option<&str>) -> Detection {
        let prefix_end = text
            .char_indices()
            .nth(PREFIX_CHARS)
            .map_or(text.len(), |(i, _)| i);
        let sample = match title {
            Some(title) => format!("{title}\n{}", &text[..prefix_end]),
            None => text[..prefix_end].to_owned(),
        };
        let hint = hint
            .map(|h| h.trim().to_ascii_lowercase())
            .map(|h| h.split(['-', '_']).next().unwrap_or("").to_owned())
            .filter(|h| self.allowed.contains(&h.as_str()));
        let (guess, stage) = self.guess(&sample);
        Detection {
            language: decide(guess, hint),
            stage,
        }
    }

    /// The best guess for `sample` and the stage it came from.
    fn guess(&self, sample: &str) -> (Option<Guess>, Stage) {
        let letters = sample.chars().filter(|&c| chars::is_alphabetic(c)).count();
        if letters < MIN_LETTERS {
            return (None, Stage::None);
        }
        let fast = self
            .fast
            .detect(sample)
            .and_then(|info| code_of(info.lang()).map(|code| Guess::fast(code, info.confidence())));
        let accurate = self.accurate.as_ref().filter(|accurate| {
            // A language lingua has no model for is whatlang's alone to call.
            fast.is_none_or(|g| accurate.covers(g.code))
                && wants_second_stage(sample.chars().count(), fast)
        });
        match accurate {
            Some(accurate) => (
                second_opinion(fast, accurate.guess(sample)),
                Stage::Accurate,
            ),
            None => (fast, Stage::Fast),
        }
    }
}

/// lingua's `accurate` guess where it is likely; where it is not, whatlang's
/// `fast` one if that is likely (the second opinion overrides, it does not
/// veto); else whichever there is, lingua's first.
fn second_opinion(fast: Option<Guess>, accurate: Option<Guess>) -> Option<Guess> {
    match (fast, accurate) {
        (_, Some(accurate)) if accurate.likely => Some(accurate),
        (Some(fast), _) if fast.likely => Some(fast),
        (fast, accurate) => accurate.or(fast),
    }
}

/// The answer from a detector's `guess` and the producer's `hint` (already
/// checked against the configured set): a sure guess stands; otherwise the
/// hint decides, with the guess's agreement as its confidence; with no hint a
/// likely guess stands, and anything less is `und`.
fn decide(guess: Option<Guess>, hint: Option<String>) -> Language {
    match (guess, hint) {
        (Some(guess), _) if guess.is_sure() => Language {
            code: guess.code.to_owned(),
            confidence: round(guess.confidence),
        },
        (Some(guess), Some(hint)) => Language {
            confidence: if guess.code == hint {
                round(guess.confidence.max(0.5))
            } else {
                0.5
            },
            code: hint,
        },
        (None, Some(hint)) => Language {
            code: hint,
            confidence: 0.5,
        },
        (Some(guess), None) if guess.likely => Language {
            code: guess.code.to_owned(),
            confidence: round(guess.confidence),
        },
        _ => Language {
            code: "und".to_owned(),
            confidence: 0.0,
        },
    }
}

fn round(value: f64) -> f64 {
    (value.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> Vec<String> {
        DEFAULT_LANGUAGES.iter().map(|c| c.to_string()).collect()
    }

    fn module() -> LanguageDetector {
        LanguageDetector::new(&codes()).unwrap()
    }

    #[test]
    fn news_sentences_in_many_languages() {
        let cases = [
            (
                "en",
                "The central bank held interest rates steady on Thursday, saying inflation had cooled but remained above its target.",
            ),
            (
                "fr",
                "La banque centrale a maintenu ses taux d'intérêt inchangés jeudi, estimant que l'inflation avait ralenti mais restait au-dessus de son objectif.",
            ),
            (
                "de",
                "Die Zentralbank hat die Leitzinsen am Donnerstag unverändert gelassen und erklärt, die Inflation habe sich abgeschwächt, liege aber weiter über dem Ziel.",
            ),
            (
                "es",
                "El banco central mantuvo estables los tipos de interés el jueves y dijo que la inflación se había moderado, pero seguía por encima de su objetivo.",
            ),
            (
                "it",
                "La banca centrale ha mantenuto invariati i tassi di interesse giovedì, affermando che l'inflazione è rallentata ma resta sopra l'obiettivo.",
            ),
            (
                "pt",
                "O banco central manteve as taxas de juros estáveis na quinta-feira, dizendo que a inflação tinha abrandado, mas continuava acima da meta.",
            ),
            (
                "nl",
                "De centrale bank heeft de rente donderdag ongewijzigd gelaten en zei dat de inflatie was afgekoeld maar nog boven het doel lag.",
            ),
            (
                "ru",
                "Центральный банк в четверг сохранил процентные ставки без изменений, заявив, что инфляция замедлилась, но остается выше целевого уровня.",
            ),
            (
                "uk",
                "Центральний банк у четвер залишив облікову ставку без змін, заявивши, що інфляція сповільнилася, але залишається вищою за ціль.",
            ),
            (
                "pl",
                "Bank centralny pozostawił w czwartek stopy procentowe bez zmian, twierdząc, że inflacja spowolniła, ale pozostaje powyżej celu.",
            ),
            (
                "tr",
                "Merkez bankası perşembe günü faiz oranlarını sabit tuttu ve enflasyonun yavaşladığını ancak hedefin üzerinde kaldığını söyledi.",
            ),
            (
                "ar",
                "أبقى البنك المركزي أسعار الفائدة دون تغيير يوم الخميس، قائلا إن التضخم تراجع لكنه لا يزال أعلى من المستهدف.",
            ),
            (
                "zh",
                "中央银行周四维持利率不变，称通货膨胀有所放缓，但仍高于目标水平。",
            ),
            (
                "ja",
                "中央銀行は木曜日、インフレは鈍化したものの依然として目標を上回っているとして、金利を据え置いた。",
            ),
        ];
        let module = module();
        for (code, text) in cases {
            let language = module.detect(None, text, None);
            assert_eq!(language.code, code, "{text}");
            assert!(language.confidence > 0.0 && language.confidence <= 1.0);
        }
    }

    #[test]
    fn too_short_text_is_und_unless_hinted() {
        let module = module();
        assert_eq!(module.detect(None, "OK", None).code, "und");
        assert_eq!(
            module.detect(None, "", None),
            Language {
                code: "und".into(),
                confidence: 0.0
            }
        );
        assert_eq!(module.detect(None, "OK", Some("en-GB")).code, "en");
        assert_eq!(
            module.detect(None, "12 345 678", Some("xx")).code,
            "und",
            "a hint outside the set is ignored"
        );
    }

    #[test]
    fn a_confident_detection_beats_the_hint() {
        let module = module();
        let text = "Die Zentralbank hat die Leitzinsen am Donnerstag unverändert gelassen und die Inflation kommentiert.";
        assert_eq!(module.detect(None, text, Some("en")).code, "de");
    }

    #[test]
    fn digits_and_punctuation_are_und() {
        let module = module();
        for text in [
            "2024-10-28 14:05:33 +0300",
            "+++ 1:0 (45') ... 3,5 % ! ? --- ###",
            "€ 12.345,67 / $ 89",
        ] {
            assert_eq!(module.detect(None, text, None).code, "und", "{text}");
        }
    }

    #[test]
    fn a_short_portuguese_headline_is_right_with_the_second_stage() {
        let headline = "Costa chega a Bruxelas para cimeira";
        let detection = module().explain(Some(headline), "", None);
        assert_eq!(detection.language.code, "pt", "{detection:?}");
        assert_eq!(detection.stage, Stage::Accurate);
        let fast = LanguageDetector::with_stages(&codes(), Stages::FastOnly).unwrap();
        assert_ne!(fast.detect(Some(headline), "", None).code, "pt");
    }

    #[test]
    fn the_hint_decides_only_when_detection_is_unsure() {
        let sure = Guess::fast("de", 0.95);
        let unsure = Guess::fast("es", 0.6);
        assert_eq!(decide(Some(sure), Some("en".into())).code, "de");
        assert_eq!(decide(Some(unsure), Some("pt".into())).code, "pt");
        assert_eq!(decide(Some(unsure), Some("pt".into())).confidence, 0.5);
        assert_eq!(decide(Some(unsure), Some("es".into())).confidence, 0.6);
        assert_eq!(decide(Some(unsure), None).code, "es");
        let unlikely = Guess::fast("es", 0.3);
        assert_eq!(decide(Some(unlikely), None).code, "und");
        // Through the module: a long clear text beats the hint, a headline-sized
        // name list (nothing to go on) takes it.
        let module = module();
        let text = "Die Bundesregierung hat am Mittwoch beschlossen, die Förderung für Elektroautos zu verlängern. Käufer sollen weiterhin einen Zuschuss erhalten, wenn der Listenpreis unter 45.000 Euro liegt, teilte das Wirtschaftsministerium in Berlin mit.";
        assert_eq!(module.detect(None, text, Some("nl")).code, "de");
        assert_eq!(
            module
                .detect(None, "Mbappé Vinícius Bellingham", Some("fr"))
                .code,
            "fr"
        );
    }

    #[test]
    fn an_unlikely_second_opinion_does_not_veto_a_likely_first_one() {
        let fast = Guess::fast("en", 0.7);
        let unlikely = Guess {
            code: "nl",
            confidence: 0.3,
            likely: false,
        };
        let likely = Guess {
            likely: true,
            ..unlikely
        };
        assert_eq!(second_opinion(Some(fast), Some(likely)), Some(likely));
        assert_eq!(second_opinion(Some(fast), Some(unlikely)), Some(fast));
        assert_eq!(second_opinion(Some(fast), None), Some(fast));
        let weak = Guess::fast("en", 0.2);
        assert_eq!(second_opinion(Some(weak), Some(unlikely)), Some(unlikely));
        assert_eq!(second_opinion(None, None), None);
    }

    #[test]
    fn a_long_clear_english_text_never_reaches_the_second_stage() {
        let text = "The government said on Tuesday that it would spend an extra £2bn on repairing roads and bridges over the next five years, after a report found that one in five local roads in England was in poor condition. Ministers said the money would come from savings in other transport projects, while councils warned that the backlog of repairs was now worth more than £16bn.";
        let detection = module().explain(Some("Councils get £2bn for roads"), text, None);
        assert_eq!(detection.language.code, "en");
        assert_eq!(detection.stage, Stage::Fast);
        assert!(!wants_second_stage(
            text.chars().count(),
            Some(Guess::fast("en", 1.0))
        ));
        assert!(wants_second_stage(60, Some(Guess::fast("en", 1.0))));
        assert!(wants_second_stage(1_000, Some(Guess::fast("en", 0.8))));
        assert!(wants_second_stage(1_000, None));
    }

    #[test]
    fn a_language_without_a_lingua_model_is_left_to_whatlang() {
        // Danish has no compiled-in lingua model, so only whatlang can name it.
        let module = LanguageDetector::new(&["da".into(), "en".into()]).unwrap();
        let detection = module.explain(
            None,
            "Regeringen vil sænke skatten på benzin og diesel fra næste år, oplyser skatteministeren.",
            None,
        );
        assert_eq!(detection.language.code, "da");
        assert_eq!(
            detection.stage,
            Stage::Fast,
            "one lingua language: no second stage"
        );
    }

    #[test]
    fn unknown_configured_languages_are_named() {
        let error = LanguageDetector::new(&["en".into(), "klingon".into()]).unwrap_err();
        assert!(error.contains("klingon"), "{error}");
        assert!(LanguageDetector::new(&[]).is_err());
    }

    #[test]
    fn only_configured_languages_are_answered() {
        let module = LanguageDetector::new(&["en".into(), "de".into()]).unwrap();
        let code = module
            .detect(
                None,
                "La banque centrale a maintenu ses taux d'intérêt inchangés jeudi.",
                None,
            )
            .code;
        assert!(["en", "de", "und"].contains(&code.as_str()), "{code}");
    }
}
