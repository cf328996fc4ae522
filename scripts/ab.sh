#!/usr/bin/env bash
# Compares two nudge binaries on one vault, run alternately (A B, B A, ...),
# and prints the median wall, user and system times of each and the median
# of the paired ratios B/A. On a shared, noisy machine this is the measure
# that holds still for a 5% difference: back-to-back runs of one binary,
# then the other, see the machine change under them.
#
# Usage: scripts/ab.sh [--runs N] [--cache] VAULT BINARY_A BINARY_B [-- NUDGE ARGS...]
#   NUDGE ARGS default to: agenda --today 2026-11-25 -o /dev/null
#   (the vault is passed with --notes after the subcommand).
#   The parse cache is off (NUDGE_NO_CACHE=1: every note is read and parsed)
#   unless --cache (then B reads a hard-linked copy of the vault: two builds
#   would throw each other's cache away).
# Example:
#   cargo build --release; cp target/release/nudge /tmp/nudge-a   # before the change
#   (make the change) cargo build --release
#   (not `git stash`: its stack is shared by every worktree of the repository)
#   scripts/ab.sh /tmp/v100k /tmp/nudge-a target/release/nudge
set -euo pipefail

runs=20
export NUDGE_NO_CACHE=1
while [[ ${1:-} == --runs || ${1:-} == --cache ]]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --cache) unset NUDGE_NO_CACHE; shift ;;
    esac
done
if [[ $# -lt 3 ]]; then
    sed -n '2,16p' "$0" >&2
    exit 2
fi
vault=$1 a=$2 b=$3
shift 3
[[ ${1:-} == -- ]] && shift
args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(agenda --today 2026-11-25 -o /dev/null)
for binary in "$a" "$b"; do
    [[ -x $binary ]] || { echo "not an executable: $binary" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 2; }

# One run: "wall user sys" in seconds.
run() {
    local notes=$vault_a
    [[ $1 == "$b" ]] && notes=$vault_b
    /usr/bin/time -f '%e %U %S' -o /dev/stderr "$1" "${args[0]}" --notes "$notes" "${args[@]:1}" \
        2>&1 >/dev/null | tail -n 1
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
vault_a=$vault vault_b=$vault
if [[ -z ${NUDGE_NO_CACHE:-} ]]; then
    # A parse cache is the binary's that wrote it: B gets a copy of the
    # vault of its own (hard links), and the notes, whose change times the
    # links moved, 2 s to be older than the caches the warm-up writes.
    copy=$(mktemp -d)
    trap 'rm -f "$results"; rm -rf "$copy"' EXIT
    vault_b=$copy/vault
    cp -al "$vault" "$vault_b"
    rm -rf "$vault_b/.nudge/cache"
    sleep 2.1
fi

# Two warm-up rounds (the page cache, the parse caches), then alternating pairs.
for _ in 1 2; do run "$a" >/dev/null; run "$b" >/dev/null; done
for ((i = 0; i < runs; i++)); do
    if ((i % 2)); then
        tb=$(run "$b") ta=$(run "$a")
    else
        ta=$(run "$a") tb=$(run "$b")
    fi
    echo "$ta $tb" >>"$results"
done

# Columns: A wall user sys, B wall user sys.
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
column() { awk -v c="$1" '{print $c}' "$results" | median; }
ratio() { awk -v x="$1" -v y="$2" '$x > 0 {print $y / $x}' "$results" | median; }
printf '%-6s %8s %8s %8s\n' '' wall user sys
printf '%-6s %8.3f %8.3f %8.3f   %s\n' A "$(column 1)" "$(column 2)" "$(column 3)" "$a"
printf '%-6s %8.3f %8.3f %8.3f   %s\n' B "$(column 4)" "$(column 5)" "$(column 6)" "$b"
printf '%-6s %8.3f %8.3f %8.3f   (median of the %d paired ratios)\n' B/A "$(ratio 1 4)" "$(ratio 2 5)" "$(ratio 3 6)" "$runs"
