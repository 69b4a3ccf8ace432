//! `language`: the article's language as an ISO 639-1 code with a confidence, over the configured set of languages.
//!
//! Detection uses `whatlang` (trigram profiles, about 0.1 ms per article) on the
//! title and a bounded prefix of the text. Text that is too short or too mixed
//! for a reliable answer gives `und`, unless the producer sent a `language`
//! hint from the configured set: the hint decides only when detection is unsure.

use serde::Serialize;
use whatlang::{Detector, Lang};

use crate::pipeline::{Document, Module, ModuleError};

/// Characters of text examined: enough for a reliable answer on news copy, bounded so long articles cost the same.
const PREFIX_CHARS: usize = 1_000;

/// Fewer letters than this and no answer is trusted.
const MIN_LETTERS: usize = 12;

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

/// Detects the language over a fixed set of languages.
pub struct LanguageModule {
    detector: Detector,
    allowed: Vec<&'static str>,
}

impl std::fmt::Debug for LanguageModule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageModule")
            .field("allowed", &self.allowed)
            .finish()
    }
}

impl LanguageModule {
    /// A detector over `codes` (ISO 639-1); an unknown code is an error naming it.
    pub fn new(codes: &[String]) -> Result<Self, String> {
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
        Ok(Self {
            detector: Detector::with_allowlist(langs),
            allowed,
        })
    }

    /// Detect the language of `title` and `text`, falling back on `hint` when unsure.
    pub fn detect(&self, title: Option<&str>, text: &str, hint: Option<&str>) -> Language {
        let prefix_end = text
            .char_indices()
            .nth(PREFIX_CHARS)
            .map_or(text.len(), |(i, _)| i);
        let sample = match title {
            Some(title) => format!("{title}\n{}", &text[..prefix_end]),
            None => text[..prefix_end].to_owned(),
        };
        let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
        let hint = hint
            .map(|h| h.trim().to_ascii_lowercase())
            .map(|h| h.split(['-', '_']).next().unwrap_or("").to_owned())
            .filter(|h| self.allowed.contains(&h.as_str()));
        let detected = (letters >= MIN_LETTERS)
            .then(|| self.detector.detect(&sample))
            .flatten()
            .and_then(|info| {
                code_of(info.lang()).map(|code| (code, info.confidence(), info.is_reliable()))
            });
        match (detected, hint) {
            (Some((code, confidence, true)), _) => Language {
                code: code.to_owned(),
                confidence: round(confidence),
            },
            // Unsure: the producer's hint decides, with the detector's agreement as its confidence.
            (Some((code, confidence, false)), Some(hint)) => Language {
                confidence: if code == hint {
                    round(confidence.max(0.5))
                } else {
                    0.5
                },
                code: hint,
            },
            (None, Some(hint)) => Language {
                code: hint,
                confidence: 0.5,
            },
            (Some((code, confidence, false)), None) if confidence >= 0.5 => Language {
                code: code.to_owned(),
                confidence: round(confidence),
            },
            _ => Language {
                code: "und".to_owned(),
                confidence: 0.0,
            },
        }
    }
}

fn round(value: f64) -> f64 {
    (value.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

impl Module for LanguageModule {
    fn name(&self) -> &'static str {
        "language"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        let article = &doc.article;
        let language = self.detect(
            article.title.as_deref(),
            &article.text,
            article.language_hint.as_deref(),
        );
        doc.enrichments.language = Some(language);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module() -> LanguageModule {
        LanguageModule::new(
            &DEFAULT_LANGUAGES
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>(),
        )
        .unwrap()
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
    fn unknown_configured_languages_are_named() {
        let error = LanguageModule::new(&["en".into(), "klingon".into()]).unwrap_err();
        assert!(error.contains("klingon"), "{error}");
        assert!(LanguageModule::new(&[]).is_err());
    }

    #[test]
    fn only_configured_languages_are_answered() {
        let module = LanguageModule::new(&["en".into(), "de".into()]).unwrap();
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
