#!/usr/bin/env bash
# Compare enricher builds on one machine: each binary in turn, for ROUNDS
# rounds, `bench --in-process` over the BBC articles; prints each binary's
# articles/s per core, sorted. Interleaving keeps a shared machine's slow
# and fast spells from landing on one build.
#
#   ARTICLES=../shared/data/bbc-news/articles.jsonl \
#       scripts/bench-ab.sh 5 /tmp/enricher.before ./target/release/enricher
#
# ARTICLES (required: a JSON-lines file of articles) and COUNT (default
# 2000) are read from the environment.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 ROUNDS BINARY [BINARY ...]" >&2
    exit 2
fi
rounds=$1
shift
articles=${ARTICLES:?set ARTICLES to a JSON-lines file of articles}
count=${COUNT:-2000}

declare -A rates
for _ in $(seq "$rounds"); do
    for binary in "$@"; do
        rate=$("$binary" bench "$articles" --in-process --count "$count" 2>/dev/null |
            awk '$1 == "modules" { print $5 }')
        rates[$binary]="${rates[$binary]:-} ${rate:-failed}"
    done
done
for binary in "$@"; do
    echo "$binary: $(echo "${rates[$binary]}" | tr ' ' '\n' | sed '/^$/d' | sort -n | tr '\n' ' ')"
done
