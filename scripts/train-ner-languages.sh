#!/usr/bin/env bash
# Trains the entity tagger of each non-English language from ../shared/data/ner-multilingual
# (or $NER_DATA), as crates/nlp/models/README.md records: the training files and the dev file
# settings were chosen on, per language. Usage:
#   scripts/train-ner-languages.sh [LANG...] [-- extra `train ner` arguments]
# With no LANG, all eight. Writes crates/nlp/models/ner-LANG.bin (or $OUT_DIR/ner-LANG.bin)
# and prints each language's dev scores. Run from the repository root after `cargo build --release`.
set -euo pipefail
data=${NER_DATA:-../shared/data/ner-multilingual}
geonames=${GEONAMES:-../shared/data/geonames}
out_dir=${OUT_DIR:-crates/nlp/models}
bin=${ENRICHER:-./target/release/enricher}
languages=()
while [[ $# -gt 0 && $1 != -- ]]; do languages+=("$1"); shift; done
[[ ${1:-} == -- ]] && shift
[[ ${#languages[@]} -eq 0 ]] && languages=(de es fr it nl pl pt ru)

recipe() {
  case $1 in
    es | nl) train=("$data/$1/conll2002.train.conll"); dev="$data/$1/conll2002.dev.conll" ;;
    de) train=("$data/de/wikineural.train.conll" "$data/de/wikiann.train.conll")
        dev="$data/de/germeval2014.dev.conll" ;;
    fr | it | pt | pl | ru) train=("$data/$1/wikineural.train.conll"); dev="$data/$1/wikineural.dev.conll" ;;
    *) echo "no recipe for language $1" >&2; exit 2 ;;
  esac
}

for lang in "${languages[@]}"; do
  recipe "$lang"
  args=()
  for file in "${train[@]}"; do args+=(--train "$file"); done
  echo "== $lang"
  "$bin" train ner --language "$lang" "${args[@]}" --dev "$dev" --geonames "$geonames" \
    --out "$out_dir/ner-$lang.bin" "$@" | grep -v '^pass '
done
