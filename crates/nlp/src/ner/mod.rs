//! Named-entity tagging: an averaged-perceptron BIO tagger over CoNLL-2003's types (PER, ORG, LOC, MISC), in two passes.
//!
//! The first pass labels a document from local evidence: the word, its
//! shape and affixes, its neighbours, gazetteer matches, and how the
//! document capitalises it elsewhere. The second pass adds what the first
//! pass found across the document ([`nonlocal`]): a name's repeats take the
//! type of its clear mentions. Both passes decode each sentence with
//! Viterbi over label transitions ([`decode`]).
//!
//! [`train`] builds the model file from CoNLL-2003's `eng.train` (settings
//! chosen on `eng.testa`); [`model`] reads and writes it. Input tokens
//! should follow CoNLL's tokenisation: [`tokenise::conll_tokens`] cuts
//! running text that way.

pub mod analysed;
mod cache;
pub mod classes;
#[cfg(feature = "train")]
pub mod cluster_build;
pub mod clusters;
#[cfg(feature = "train")]
pub mod conll;
pub mod decode;
#[cfg(feature = "train")]
pub mod evaluate;
pub mod features;
pub mod labels;
pub mod languages;
pub mod model;
pub mod name_lists;
#[cfg(feature = "train")]
mod name_lists_build;
pub mod nonlocal;
pub mod perceptron;
pub mod scorer;
pub mod stage;
mod table;
pub mod tokenise;
#[cfg(feature = "train")]
pub mod train;
pub mod words;

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::entities::EntityType;

use analysed::AnalysedText;
use cache::TwoGenerations;
use classes::WordClasses;
use decode::Decoder;
use labels::Label;
pub use model::ModelError;
use name_lists::NameLists;
use nonlocal::NonLocal;
use scorer::Scorer;
use stage::Stage;
use words::{Analyser, WordInfo};

/// Buffers a thread reuses from one document to the next, so tagging does
/// not allocate (and fault in) its largest arrays anew for every document.
#[derive(Default)]
struct Scratch {
    cache: scorer::HeldSums,
    /// The first pass's scores of one sentence.
    first: Vec<stage::Row>,
    second: Vec<stage::Row>,
    decoder: Decoder,
}

/// Tokens whose score rows a thread keeps between documents (about 2.4 MB
/// for both passes): storage grown past this for a very long document is
/// given back afterwards rather than held by the thread until it ends.
const KEPT_ROWS: usize = 1 << 15;

impl Scratch {
    /// Frees the score rows when a long document grew them past
    /// [`KEPT_ROWS`], so an idle worker does not hold its largest article's.
    fn release_if_large(&mut self) {
        for rows in [&mut self.first, &mut self.second] {
            if rows.capacity() > KEPT_ROWS {
                *rows = Vec::new();
            }
        }
    }
}

/// Distinct words whose analyses a thread keeps between documents, per
/// generation ([`TwoGenerations`]): at most twice this many, about 2 MB.
const ANALYSED_WORDS: usize = 8_192;

/// A thread's analyses of the words it has seen, for the tagger that last
/// claimed them (whose word classes they hold).
struct Analyses {
    words: TwoGenerations<u64, WordInfo>,
    analyser: Analyser,
}

impl Default for Analyses {
    fn default() -> Self {
        Analyses {
            words: TwoGenerations::new(ANALYSED_WORDS),
            analyser: Analyser::default(),
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    static ANALYSES: std::cell::RefCell<Analyses> = std::cell::RefCell::new(Analyses::default());
}

/// Numbers taggers (and each change of their word classes), so a thread's
/// cached analyses and feature sums of one are never served to another.
static TAGGERS: AtomicU64 = AtomicU64::new(1);

/// One entity found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TaggedSpan {
    /// The entity's tokens, as indices into the sentence.
    pub tokens: Range<usize>,
    /// Its type.
    pub kind: EntityType,
}

/// A trained tagger: the gazetteer and one or two passes of weights.
pub struct EntityTagger {
    id: u64,
    gazetteer: NameLists,
    /// The passes' groups and transitions; their weights are in `scorer`.
    stages: Vec<Stage>,
    /// Features with weights, over all passes.
    feature_count: usize,
    scorer: Scorer,
    classes: Option<Arc<dyn WordClasses>>,
}

impl std::fmt::Debug for EntityTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntityTagger")
            .field("gazetteer_phrases", &self.gazetteer.phrases())
            .field("passes", &self.stages.len())
            .field("classes", &self.classes.is_some())
            .finish()
    }
}

impl EntityTagger {
    /// A tagger of these parts: one or two passes, the second with the
    /// first's feature groups plus the non-local ones.
    pub fn new(gazetteer: NameLists, stages: Vec<Stage>) -> Result<Self, ModelError> {
        let scorer = Scorer::new(&stages)?;
        let feature_count = stages.iter().map(|s| s.features().len()).sum();
        Ok(EntityTagger {
            id: TAGGERS.fetch_add(1, Ordering::Relaxed),
            gazetteer: gazetteer.lookup_only(),
            stages: stages.into_iter().map(Stage::without_weights).collect(),
            feature_count,
            scorer,
            classes: None,
        })
    }

    /// Parses a model file ([`model`]'s format).
    pub fn from_bytes(bytes: &[u8]) -> Result<EntityTagger, ModelError> {
        let (gazetteer, stages) = model::read(bytes)?;
        EntityTagger::new(gazetteer, stages)
    }

    /// The same tagger, looking words up in `classes` (the source the
    /// model's word-class features were trained with).
    pub fn with_classes(mut self, classes: Arc<dyn WordClasses>) -> Self {
        self.classes = Some(classes);
        self.id = TAGGERS.fetch_add(1, Ordering::Relaxed);
        self
    }

    /// The number of features with weights, over all passes.
    pub fn feature_count(&self) -> usize {
        self.feature_count
    }

    /// Tags one document given as sentences of tokens (token texts, cut as
    /// CoNLL cuts them): per sentence, its entities in order.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TaggedSpan>> {
        let labels = self.label_document(sentences);
        labels
            .iter()
            .map(|sentence| {
                labels::spans_from_labels(sentence)
                    .into_iter()
                    .map(|span| TaggedSpan {
                        tokens: span.tokens,
                        kind: span.kind,
                    })
                    .collect()
            })
            .collect()
    }

    /// Tags one document given as all its tokens' texts in one list, and
    /// each sentence's range in it: its entities in order, their `tokens`
    /// indices into `words`. The same entities as [`tag_document`] finds,
    /// without a list per sentence, which for a text of many short lines
    /// costs more than the tokens themselves.
    ///
    /// [`tag_document`]: EntityTagger::tag_document
    pub fn tag_tokens<S: AsRef<str>>(
        &self,
        words: &[S],
        sentences: &[Range<usize>],
    ) -> Vec<TaggedSpan> {
        let doc = self.document(words, sentences);
        let all = self.labels_of(&doc);
        let mut found = Vec::new();
        for (given, range) in sentences.iter().zip(&doc.sentences) {
            let Some(labels) = all.get(range.clone()) else {
                continue;
            };
            found.extend(
                labels::spans_from_labels(labels)
                    .into_iter()
                    .map(|span| TaggedSpan {
                        tokens: given.start + span.tokens.start..given.start + span.tokens.end,
                        kind: span.kind,
                    }),
            );
        }
        found
    }

    /// The BIO labels of every token of a document, per sentence.
    pub fn label_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<Label>> {
        let (words, ranges) = analysed::flatten(sentences);
        let doc = self.document(&words, &ranges);
        let all = self.labels_of(&doc);
        doc.sentences
            .iter()
            .map(|range| {
                all.get(range.clone())
                    .map(<[Label]>::to_vec)
                    .unwrap_or_default()
            })
            .collect()
    }

    /// The BIO labels of every token of `doc`, in `doc.tokens` order.
    fn labels_of(&self, doc: &AnalysedText) -> Vec<Label> {
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let Scratch {
                cache,
                first,
                second,
                decoder,
            } = &mut *scratch;
            let transitions = self.stages[0].transitions();
            let mut all = Vec::with_capacity(doc.tokens.len());
            let mut labels = Vec::new();
            self.scorer.score(
                self.id,
                doc,
                cache,
                first,
                |rows| {
                    decoder.decode(rows, transitions, &mut labels);
                    all.extend_from_slice(&labels);
                },
                second,
            );
            if self.scorer.has_second_pass() {
                let first_pass = NonLocal::new(doc, all);
                self.scorer.add_nonlocal(doc, &first_pass, second);
                drop(first_pass);
                all = self.decode(doc, second, 1, decoder);
            }
            scratch.release_if_large();
            all
        })
    }

    /// The document of `words` cut into `sentences` ([`AnalysedText::from_tokens`]),
    /// each word's analysis served from this thread's cache when an earlier
    /// document had the word.
    fn document<S: AsRef<str>>(&self, words: &[S], sentences: &[Range<usize>]) -> AnalysedText {
        ANALYSES.with(|analyses| {
            let mut analyses = analyses.borrow_mut();
            let Analyses {
                words: known,
                analyser,
            } = &mut *analyses;
            known.claim(self.id);
            let classes = self.classes.as_deref();
            AnalysedText::from_tokens(words, sentences, &self.gazetteer, |key, word| {
                if let Some(info) = known.get(&key) {
                    return info;
                }
                let info = analyser.analyse_with(word, classes);
                known.insert(key, info.clone());
                info
            })
        })
    }

    /// The labels of every token of `doc` from `scores` under pass `pass`'s transitions.
    fn decode(
        &self,
        doc: &AnalysedText,
        scores: &[stage::Row],
        pass: usize,
        decoder: &mut Decoder,
    ) -> Vec<Label> {
        let transitions = self.stages[pass].transitions();
        let mut labels = Vec::new();
        let mut all = Vec::with_capacity(doc.tokens.len());
        for sentence in &doc.sentences {
            decoder.decode(&scores[sentence.clone()], transitions, &mut labels);
            all.extend_from_slice(&labels);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed English tagger, parsed once for these tests (the
    /// product's are in [`languages`](super::languages), which uses this module).
    fn english() -> &'static EntityTagger {
        static TAGGER: std::sync::OnceLock<EntityTagger> = std::sync::OnceLock::new();
        TAGGER.get_or_init(|| {
            EntityTagger::from_bytes(include_bytes!("../../models/ner.bin"))
                .expect("the committed model parses")
                .with_classes(clusters::Clusters::embedded())
        })
    }
    use crate::text::sentences;

    /// The entities of `text` as (text, type), split into sentences and
    /// tokens the way the product will.
    fn entities(tagger: &EntityTagger, text: &str) -> Vec<(String, EntityType)> {
        let tokenised: Vec<Vec<&str>> = sentences(text)
            .map(|s| {
                tokenise::conll_tokens(s.text)
                    .into_iter()
                    .map(|(_, t)| t)
                    .collect()
            })
            .collect();
        let spans = tagger.tag_document(&tokenised);
        let mut found = Vec::new();
        for (sentence, spans) in tokenised.iter().zip(spans) {
            for span in spans {
                found.push((sentence[span.tokens].join(" "), span.kind));
            }
        }
        found
    }

    #[test]
    fn adding_word_classes_after_tagging_serves_nothing_cached_without_them() {
        let model = include_bytes!("../../models/ner.bin");
        let text = include_str!("../../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt");
        // What a tagger with classes finds, on a thread whose caches are empty.
        let expected = std::thread::spawn(move || {
            let tagger = EntityTagger::from_bytes(model)
                .expect("the committed model parses")
                .with_classes(clusters::Clusters::embedded());
            entities(&tagger, text)
        })
        .join()
        .expect("the tagging thread finishes");
        let plain = EntityTagger::from_bytes(model).expect("the committed model parses");
        let without_classes = entities(&plain, text);
        assert_ne!(
            without_classes, expected,
            "the classes change this article's entities, so the check below can fail"
        );
        let with_classes = plain.with_classes(clusters::Clusters::embedded());
        assert_eq!(entities(&with_classes, text), expected);
    }

    /// Scoring with fewer word slots than the document has words (words
    /// then share slots and their sums are fetched again) gives the same
    /// scores as holding every word's sums.
    #[test]
    fn scores_do_not_depend_on_how_many_words_are_held_at_once() {
        let tagger = english();
        let text = include_str!("../../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt");
        let sentences: Vec<Vec<&str>> = sentences(text)
            .map(|s| {
                tokenise::conll_tokens(s.text)
                    .into_iter()
                    .map(|(_, t)| t)
                    .collect()
            })
            .collect();
        let (words, ranges) = analysed::flatten(&sentences);
        let doc = tagger.document(&words, &ranges);
        assert!(doc.vocab.len() > 100);
        let scores = |limit: usize| {
            let (mut held, mut rows, mut second) = Default::default();
            let mut first = Vec::new();
            tagger.scorer.score_holding(
                tagger.id,
                &doc,
                &mut held,
                limit,
                &mut rows,
                |sentence| first.push(sentence.to_vec()),
                &mut second,
            );
            (first.concat(), second)
        };
        let all = scores(usize::MAX);
        assert_eq!(all.0.len(), doc.tokens.len());
        for limit in [1, 2, 7, 64] {
            assert!(scores(limit) == all, "holding {limit} words");
        }
    }

    /// Tagging all tokens in one list finds the entities tagging sentence by
    /// sentence finds, with token indices into the one list.
    #[test]
    fn tagging_one_list_of_tokens_finds_what_tagging_sentences_finds() {
        let tagger = english();
        let text = include_str!("../../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt");
        let mut sentences: Vec<Vec<&str>> = sentences(text)
            .map(|s| {
                tokenise::conll_tokens(s.text)
                    .into_iter()
                    .map(|(_, t)| t)
                    .collect()
            })
            .collect();
        sentences.insert(3, vec![]);
        let (words, ranges) = analysed::flatten(&sentences);
        let expected: Vec<TaggedSpan> = tagger
            .tag_document(&sentences)
            .into_iter()
            .zip(&ranges)
            .flat_map(|(spans, range)| {
                spans.into_iter().map(move |span| TaggedSpan {
                    tokens: range.start + span.tokens.start..range.start + span.tokens.end,
                    kind: span.kind,
                })
            })
            .collect();
        assert!(expected.len() > 5);
        assert_eq!(tagger.tag_tokens(&words, &ranges), expected);
        // Ranges beyond the tokens are empty sentences, not a panic.
        let reversed = Range { start: 5, end: 2 };
        assert!(
            tagger
                .tag_tokens(&words, &[reversed, 0..usize::MAX])
                .is_empty()
        );
    }

    #[test]
    fn the_embedded_model_parses_and_has_two_passes() {
        let tagger = english();
        assert_eq!(tagger.stages.len(), 2);
        assert!(tagger.feature_count() > 10_000);
    }

    #[test]
    fn the_canonical_article_has_its_obvious_entities() {
        let text = include_str!("../../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt");
        let found = entities(english(), text);
        for (name, kind) in [
            ("Mark Rutte", EntityType::Person),
            ("NATO", EntityType::Organization),
            ("Kursk", EntityType::Location),
        ] {
            assert!(
                found.contains(&(name.to_owned(), kind)),
                "{name} not tagged {kind:?} in {found:?}"
            );
        }
    }

    #[test]
    fn odd_input_is_tagged_without_panicking() {
        let tagger = english();
        assert!(tagger.tag_document(&[]).is_empty());
        assert_eq!(tagger.tag_document(&[vec![], vec![]]), vec![vec![], vec![]]);
        let odd: Vec<Vec<&str>> = vec![
            "PRESIDENT CLINTON MEETS YELTSIN IN MOSCOW"
                .split(' ')
                .collect(),
            "the mayor of new york met the pope in rome"
                .split(' ')
                .collect(),
            "1 2 3 4.5 1,000 -7 1996-08-30".split(' ').collect(),
            vec![
                "Путин",
                "встретился",
                "с",
                "Си",
                "Цзиньпином",
                "в",
                "北京",
                "🙂",
                "",
            ],
            vec!["\u{301}", "\u{200b}", "a\u{301}b", "’", "“", "—"],
        ];
        let tagged = tagger.tag_document(&odd);
        for (sentence, spans) in odd.iter().zip(&tagged) {
            for span in spans {
                assert!(span.tokens.start < span.tokens.end && span.tokens.end <= sentence.len());
            }
        }
    }

    #[test]
    fn a_hundred_thousand_token_sentence_is_tagged() {
        let words = [
            "The",
            "European",
            "Commission",
            "said",
            "on",
            "Thursday",
            "in",
            "Brussels",
            ",",
        ];
        let sentence: Vec<&str> = words.iter().copied().cycle().take(100_000).collect();
        let tagged = english().tag_document(&[sentence]);
        assert_eq!(tagged.len(), 1);
        assert!(tagged[0].len() > 10_000, "{} entities", tagged[0].len());
    }
}
