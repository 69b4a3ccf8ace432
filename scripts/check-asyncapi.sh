#!/usr/bin/env bash
# Validate docs/asyncapi.yaml with the AsyncAPI parser (@asyncapi/parser, the library
# `asyncapi validate` runs): the AsyncAPI 3.0 schema, the AMQP bindings, every $ref
# (including the payload schemas under schemas/) and the parser's ruleset. Any error or
# warning fails.
#
#   scripts/check-asyncapi.sh [FILE]
#
# Needs node and npm. The parser is installed at the versions pinned in
# scripts/asyncapi/package-lock.json (npm ci, no install scripts) into a cache outside
# the repository, $ENRICHER_ASYNCAPI_CACHE or ~/.cache/enricher-ci/asyncapi, and
# reinstalled only when the lock file changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

file=${1:-docs/asyncapi.yaml}
cache=${ENRICHER_ASYNCAPI_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/enricher-ci/asyncapi}

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$tool is not installed (Debian: apt-get install nodejs npm)" >&2
        exit 1
    fi
done

mkdir -p "$cache"
if ! cmp -s scripts/asyncapi/package-lock.json "$cache/package-lock.json" ||
    [ ! -d "$cache/node_modules/@asyncapi/parser" ]; then
    echo "--- installing the AsyncAPI parser into $cache"
    rm -rf "$cache/node_modules"
    cp scripts/asyncapi/package.json scripts/asyncapi/package-lock.json "$cache/"
    (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

node --version
node scripts/asyncapi/check.cjs "$cache/node_modules" "$file"
