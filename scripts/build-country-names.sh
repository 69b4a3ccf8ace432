#!/usr/bin/env bash
# Builds crates/nlp/models/country-names.tsv (code TAB language TAB name): the
# names of countries and territories in German, Spanish, French, Italian,
# Dutch, Polish, Portuguese and Russian, for the gazetteer's local names.
#
# Source: Unicode CLDR 48.2 territory display names, main/<lang>/territories.json
# in the npm package cldr-localenames-full 48.2.0 (Unicode License v3). The
# tarball is fetched with `npm pack`, its sha256 is checked, and for each
# language every name of a two-letter territory code is kept: the standard
# name ("Russland", "Vereinigte Staaten") and CLDR's short and variant forms
# ("USA", "Tschechische Republik", "Elfenbeinküste"). Left out: codes that are
# not places (EU, EZ, UN, QO, XA, XB, ZZ) and names of two characters, which
# are codes that collide (Spanish "RU" for the United Kingdom is Russia's
# ISO code). Rows are sorted bytewise, so the output is the same bytes on
# every run.
#
# The Unicode License asks for its notice with every copy: the package's
# LICENSE is written beside the output as OUT's name with .LICENSE.txt.
#
# Usage: scripts/build-country-names.sh [OUT]   (default crates/nlp/models/country-names.tsv)
set -euo pipefail

PACKAGE=cldr-localenames-full
VERSION=48.2.0
SHA256=7f2ac7fd3b5d90f56ad127f9ed5ae67b58b3e556818f55530b9f47bb81bcde57
LANGUAGES="de es fr it nl pl pt ru"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/crates/nlp/models/country-names.tsv}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack "$PACKAGE@$VERSION" --silent >/dev/null)
tarball="$tmp/$PACKAGE-$VERSION.tgz"
echo "$SHA256  $tarball" | sha256sum --check --quiet
files="package/LICENSE"
for language in $LANGUAGES; do
    files="$files package/main/$language/territories.json"
done
# shellcheck disable=SC2086 # the file list is meant to split
tar -xzf "$tarball" -C "$tmp" $files

python3 - "$tmp/package/main" $LANGUAGES >"$tmp/names.tsv" <<'EOF'
import json
import re
import sys

main, languages = sys.argv[1], sys.argv[2:]
NOT_PLACES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
rows = set()
for language in languages:
    with open(f"{main}/{language}/territories.json", encoding="utf-8") as f:
        names = json.load(f)["main"][language]["localeDisplayNames"]["territories"]
    for key, name in names.items():
        code = key.split("-alt-")[0]
        if not re.fullmatch(r"[A-Z]{2}", code) or code in NOT_PLACES:
            continue
        name = " ".join(name.split())
        if len(name) <= 2 or "\t" in name:
            continue
        rows.add((code, language, name))
for row in sorted(rows, key=lambda r: "\t".join(r).encode("utf-8")):
    print("\t".join(row))
EOF
mv "$tmp/names.tsv" "$out"
cp "$tmp/package/LICENSE" "${out%.tsv}.LICENSE.txt"
echo "wrote $out: $(wc -l <"$out") names, sha256 $(sha256sum "$out" | cut -d' ' -f1)"
