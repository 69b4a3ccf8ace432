#!/usr/bin/env bash
# Check the workspace's layering: the NLP crate builds alone and pulls in no
# runtime, network or CLI crate; the message crate no runtime or broker; no
# source file imports one that imports it back (scripts/import-cycles.py).
#
#   scripts/check-layers.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

status=0

# The names of the packages package $1 depends on (normal dependencies only).
normal_deps() {
    cargo tree --locked -p "$1" -e normal --prefix none --format '{p}' |
        awk '{ print $1 }' | sort -u
}

forbid() {
    local package=$1
    shift
    local deps
    deps=$(normal_deps "$package")
    for crate in "$@"; do
        if grep -Eq "^${crate}\$" <<<"$deps"; then
            echo "$package depends on $crate" >&2
            status=1
        fi
    done
    echo "$package: $(wc -l <<<"$deps") packages, none of: $*"
}

forbid enricher-nlp tokio lapin axum 'opentelemetry[a-z_-]*' prometheus-client clap indicatif
forbid enricher-message tokio lapin

cargo build --locked -p enricher-nlp --quiet
echo "enricher-nlp builds on its own"

python3 scripts/import-cycles.py || status=1
exit "$status"
