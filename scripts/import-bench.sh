#!/usr/bin/env bash
# Times `nudge import` of N generated vCards (Apple-style 3.0 cards with
# folded and quoted-printable lines, several emails and phones, a note and
# a photo) into a fresh vault, RUNS times, and prints each run's wall and
# CPU time (DRY_RUN=1: reading, matching and rendering only). The
# file is generated, never committed. docs/src/performance.md has the figure.
#
# Usage: [DRY_RUN=1] scripts/import-bench.sh [N] [RUNS] [BINARY]
#   N defaults to 10000, RUNS to 5, BINARY to target/release/nudge.
set -euo pipefail

count=${1:-10000}
runs=${2:-5}
nudge=${3:-target/release/nudge}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$count" > "$work/contacts.vcf" <<'PY'
import sys
photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * 60
for n in range(int(sys.argv[1])):
    print("\r\n".join([
        "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 14.5//EN",
        f"N:Müller-{n};Jürgen;;;", f"FN:Jürgen Müller-{n}",
        f"ORG:Company {n % 500};Data", "TITLE:Head of Data Platform and Analytics Engin",
        " eering (folded)",
        f"EMAIL;type=INTERNET;type=WORK;type=pref:jurgen.{n}@company{n % 500}.example",
        f"EMAIL;type=INTERNET;type=HOME:j{n}@mail.example",
        "TEL;type=CELL;type=VOICE;type=pref:+49 170 555 0100",
        "TEL;type=WORK;type=VOICE:+49 30 555 0100",
        f"item1.URL;type=pref:https://www.linkedin.com/in/jurgen-{n}",
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Met at the Berlin meetup =E2=80=94 wants =",
        "an intro.=0D=0ASecond line.",
        "BDAY;value=date:1980-03-14", "CATEGORIES:meetup,berlin",
        photo[:75], *[" " + photo[i:i + 74] for i in range(75, len(photo), 74)],
        "END:VCARD",
    ]), end="\r\n")
PY
echo "$(wc -c < "$work/contacts.vcf") bytes, $count cards"
for run in $(seq "$runs"); do
    rm -rf "$work/vault" && mkdir "$work/vault" && touch "$work/vault/nudge.yaml"
    # Wall, and the CPU time, which a machine shared with other work does not inflate.
    /usr/bin/time -f "run $run: %e s wall, %U s user, %S s system" \
        "$nudge" --notes "$work/vault" --today 2026-11-25 -q import "$work/contacts.vcf" ${DRY_RUN:+--dry-run} > /dev/null
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
