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

pub mod decode;
pub mod document;
pub mod features;
pub mod gazetteer;
mod hash;
pub mod labels;
pub mod model;
pub mod nonlocal;
pub mod perceptron;
pub mod stage;
mod table;
pub mod tokenise;
pub mod train;
pub mod words;

use std::ops::Range;

use crate::entities::EntityType;

use decode::Decoder;
use document::Document;
use features::WordClasses;
use gazetteer::Gazetteer;
use labels::Label;
pub use model::ModelError;
use nonlocal::NonLocal;
use stage::Stage;

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
    gazetteer: Gazetteer,
    stages: Vec<Stage>,
    classes: Option<&'static dyn WordClasses>,
}

impl std::fmt::Debug for EntityTagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntityTagger")
            .field("gazetteer_phrases", &self.gazetteer.entries().len())
            .field("passes", &self.stages.len())
            .field("classes", &self.classes.is_some())
            .finish()
    }
}

impl EntityTagger {
    /// A tagger of these parts (a model has one or two passes).
    pub fn new(gazetteer: Gazetteer, stages: Vec<Stage>) -> Self {
        EntityTagger {
            gazetteer,
            stages,
            classes: None,
        }
    }

    /// Parses a model file ([`model`]'s format).
    pub fn from_bytes(bytes: &[u8]) -> Result<EntityTagger, ModelError> {
        let (gazetteer, stages) = model::read(bytes)?;
        Ok(EntityTagger::new(gazetteer, stages))
    }

    /// The same tagger, looking words up in `classes` (the source the
    /// model's word-class features were trained with).
    pub fn with_classes(mut self, classes: &'static dyn WordClasses) -> Self {
        self.classes = Some(classes);
        self
    }

    /// The model file of this tagger.
    pub fn to_bytes(&self) -> Vec<u8> {
        model::write(&self.gazetteer, &self.stages.iter().collect::<Vec<_>>())
    }

    /// The number of features with weights, over all passes.
    pub fn feature_count(&self) -> usize {
        self.stages.iter().map(|s| s.features().len()).sum()
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

    /// The BIO labels of every token of a document, per sentence.
    pub fn label_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<Label>> {
        let doc = Document::new(sentences, &self.gazetteer, self.classes);
        let mut cache = Vec::new();
        let mut scores = Vec::new();
        let mut decoder = Decoder::default();
        let mut labels = Vec::new();
        let mut first_pass: Option<NonLocal> = None;
        for stage in &self.stages {
            stage.score(&doc, first_pass.as_ref(), &mut cache, &mut scores);
            let mut all = Vec::with_capacity(doc.tokens.len());
            for sentence in &doc.sentences {
                decoder.decode(&scores[sentence.clone()], stage.transitions(), &mut labels);
                all.extend_from_slice(&labels);
            }
            first_pass = Some(NonLocal::new(&doc, all));
        }
        let all = first_pass.map(|p| p.labels).unwrap_or_default();
        doc.sentences
            .iter()
            .map(|range| {
                all.get(range.clone())
                    .map(<[Label]>::to_vec)
                    .unwrap_or_default()
            })
            .collect()
    }
}
