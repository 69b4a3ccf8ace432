#!/usr/bin/env bash
# Trains the entity tagger of each non-English language from ../shared/data/ner-multilingual
# (or $NER_DATA) with the settings crates/nlp/models/README.md records: per language, the
# training files, the file settings were chosen on, and whether the tagger uses word clusters
# of its own training text (built first, by `train clusters`). Usage:
#   scripts/train-ner-languages.sh [LANG...] [-- extra `train ner` arguments]
# With no LANG, all eight. Writes crates/nlp/models/ner-LANG.bin.gz (and clusters-LANG.tsv.gz
# where used), or into $OUT_DIR, and prints each language's dev scores. Run from the
# repository root after `cargo build --release`. Same bytes on every run.
set -euo pipefail
data=${NER_DATA:-../shared/data/ner-multilingual}
geonames=${GEONAMES:-../shared/data/geonames}
out_dir=${OUT_DIR:-crates/nlp/models}
bin=${ENRICHER:-./target/release/enricher}
languages=()
while [[ $# -gt 0 && $1 != -- ]]; do languages+=("$1"); shift; done
[[ ${1:-} == -- ]] && shift
[[ ${#languages[@]} -eq 0 ]] && languages=(de es fr it nl pl pt ru)

# Sets train (files), also (files never held out by --cv), dev, clusters (yes or no) and visits
# (how many times each epoch visits each sentence of the train files; also's once).
recipe() {
  also=(); visits=1
  case $1 in
    es) train=("$data/es/conll2002.train.conll"); dev="$data/es/conll2002.dev.conll"; clusters=no ;;
    nl) train=("$data/nl/conll2002.train.conll"); dev="$data/nl/conll2002.dev.conll"; clusters=yes ;;
    # German: no gold training data is given, and the silver Wikipedia data alone scores about
    # 50 on GermEval; the GermEval dev file (gold, the test's kind) is trained on beside it, so
    # German's dev figure is cross-validated over that file (`--cv 5`, see the README). Its
    # sentences are visited 3 times an epoch to weigh them above the silver ones (CV 63.15
    # against 62.56 with 1).
    de) train=("$data/de/germeval2014.dev.conll"); also=("$data/de/wikineural.train.conll")
        dev="$data/de/germeval2014.dev.conll"; clusters=no; visits=3 ;;
    fr | it | pt | ru) train=("$data/$1/wikineural.train.conll"); dev="$data/$1/wikineural.dev.conll"
        clusters=no ;;
    pl) train=("$data/pl/wikineural.train.conll"); dev="$data/pl/wikineural.dev.conll"; clusters=yes ;;
    *) echo "no recipe for language $1" >&2; exit 2 ;;
  esac
}

for lang in "${languages[@]}"; do
  recipe "$lang"
  args=()
  for file in "${train[@]}"; do args+=(--train "$file"); done
  for file in "${also[@]}"; do args+=(--also "$file"); done
  if [[ $visits -ne 1 ]]; then args+=(--train-visits "$visits"); fi
  echo "== $lang"
  if [[ $clusters == yes ]]; then
    corpora=()
    for file in "${train[@]}" "${also[@]}"; do corpora+=(--corpus "$file"); done
    "$bin" train clusters "${corpora[@]}" --out "$out_dir/clusters-$lang.tsv.gz" | tail -1
    args+=(--clusters "$out_dir/clusters-$lang.tsv.gz")
  else
    args+=(--without classes)
  fi
  # --min-weight 1 drops the features whose weights are all below 1: 35-50% of them, for
  # about 0.2 of dev F1, so that nine taggers fit a worker in 300 MB (docs/evaluation.md).
  "$bin" train ner --language "$lang" "${args[@]}" --dev "$dev" --geonames "$geonames" \
    --names "$data" --min-weight 1 --out "$out_dir/ner-$lang.bin" "$@" | grep -v '^pass '
  if [[ " $* " != *" --cv "* ]]; then
    gzip -9 -n -f "$out_dir/ner-$lang.bin"
  fi
done
