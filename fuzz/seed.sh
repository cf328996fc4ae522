#!/usr/bin/env bash
# Seeds the fuzz corpora from the fixtures: every note (for `note` after a
# byte that picks 2026-11-25 as today), every list item of the notes, every
# config.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/note corpus/config corpus/touch corpus/edit
keep() { # target, then the input on stdin
    local input
    input=$(mktemp)
    cat > "$input"
    mv "$input" "corpus/$1/$(sha1sum < "$input" | cut -c1-40)"
}
find ../fixtures -name '*.md' -print0 | while IFS= read -r -d '' note; do
    { printf '\030'; cat "$note"; } | keep note
    keep edit < "$note"
    { grep -E '^\s*[-*] ' "$note" || true; } | sed -E 's/^\s*[-*] //' | while IFS= read -r item; do
        printf '%s' "$item" | keep touch
    done
done
find ../fixtures -name nudge.yaml -print0 | while IFS= read -r -d '' config; do keep config < "$config"; done
keep config < ../templates/nudge.yaml   # every key, as `nudge init` writes it
