#!/usr/bin/env bash
# Builds crates/nlp/models/sentiment-lexicon.tsv (word TAB valence) from VADER's lexicon.
#
# Source: vader_lexicon.txt in the PyPI wheel vaderSentiment 3.3.2
# (C.J. Hutto, MIT licence; Hutto and Gilbert 2014). The wheel is fetched with
# pip, the file's sha256 is checked, and only entries that the tokeniser can
# produce as one word are kept: lower-case letters with inner apostrophes
# (emoticons, and entries with digits or other punctuation, are dropped).
# Rows are sorted bytewise, so the output is the same bytes on every run.
#
# VADER's MIT licence asks for its notice with every copy: the wheel's
# LICENSE.txt is written beside the output as OUT's name with .LICENSE.txt.
#
# Usage: scripts/build-sentiment-lexicon.sh [OUT]   (default crates/nlp/models/sentiment-lexicon.tsv)
set -euo pipefail

VERSION=3.3.2
SHA256=1ec9c6e9ee19aade328f8beb393a6afa71a5bb3acf7d3cc22d4ef568df374bf5
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/crates/nlp/models/sentiment-lexicon.tsv}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

pip download "vaderSentiment==$VERSION" --no-deps -d "$tmp" --quiet
wheel="$(ls "$tmp"/vaderSentiment-"$VERSION"-*.whl)"
unzip -q -o "$wheel" vaderSentiment/vader_lexicon.txt "vaderSentiment-$VERSION.dist-info/LICENSE.txt" -d "$tmp"
lexicon="$tmp/vaderSentiment/vader_lexicon.txt"
echo "$SHA256  $lexicon" | sha256sum --check --quiet

# Columns: token, mean valence, standard deviation, the ten ratings; the
# file mixes CRLF and LF line ends.
tr -d '\r' <"$lexicon" |
    awk -F'\t' '$1 ~ /^[a-z]([a-z'"'"']*[a-z])?$/ && $2 != "" { printf "%s\t%s\n", $1, $2 }' |
    LC_ALL=C sort -u -t "$(printf '\t')" -k1,1 >"$tmp/lexicon.tsv"
mv "$tmp/lexicon.tsv" "$out"
cp "$tmp/vaderSentiment-$VERSION.dist-info/LICENSE.txt" "${out%.tsv}.LICENSE.txt"
echo "wrote $out: $(wc -l <"$out") words, sha256 $(sha256sum "$out" | cut -d' ' -f1)"
