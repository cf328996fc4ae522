#!/usr/bin/env bash
# Whole-process benchmark of nudge (see the performance spec).
#
# Builds nudge and the corpus generator in release mode, generates vaults of
# 1k, 10k and 100k contacts in a temporary folder, and measures side by side,
# warm cache, with hyperfine, in interleaved rounds (each command once a
# round, the order turning; the table gives medians over the rounds):
#   floor  rg -c --no-ignore zqxjzqxj DIR                  (reads every byte)
#   peer   rg -c --no-ignore '^\s*- (\[.\] )?\d{4}-...' DIR  (finds touch lines)
#   nudge agenda / check / status --json without the parse cache (--no-cache:
#   every note read and parsed), peak RSS of agenda (/usr/bin/time -v),
#   and nudge log on one contact of the largest vault;
#   agenda warm: with the cache, the vault unchanged since the last warm
#   run (the agenda kept by that run is printed again: see
#   docs/src/performance.md, "Warm runs: the agenda kept"; peak RSS too);
#   agenda warm 1%: with the cache, 1% of the notes touched (a different 1%
#   each round, 2.1 s before the run, so that the run reads them because
#   they changed, not because they are too recent for the cache: see
#   docs/src/performance.md, "Warm runs"): the agenda is made again from
#   the parse cache and those notes.
# Prints one markdown table on stdout (progress goes to stderr).
#
# Each size is generated in each note style of the generator (--style:
# default, obsidian, jekyll; "default" alone unless told), and the table
# ends with the agenda/floor ratio of each style on the largest vault and
# the worst of them.
#
# Usage: scripts/bench.sh [--sizes "1000 10000 100000"] [--styles "default obsidian jekyll"]
#                         [--runs N] [--seed S]
#
# Environment: CARGO_TARGET_DIR (where to build), NUDGE_BIN (measure this
# nudge binary instead of the one built from the repository), STYLES (as
# --styles).
#
# A nudge command that fails (not written yet, crashes) shows as n/a, and the
# reason is printed under the table.
set -euo pipefail

sizes="1000 10000 100000"
styles=${STYLES:-default}
runs=7
seed=7
today=2026-11-25

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
    case $1 in
        --sizes) sizes=${2:?--sizes needs a value}; shift 2 ;;
        --styles) styles=${2:?--styles needs a value}; shift 2 ;;
        --runs) runs=${2:?--runs needs a value}; shift 2 ;;
        --seed) seed=${2:?--seed needs a value}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "bench.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
    echo "bench.sh: --runs must be a positive integer, got '$runs'" >&2
    exit 2
fi
read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
    if ! [[ $n =~ ^[1-9][0-9]*$ ]]; then
        echo "bench.sh: --sizes must hold positive integers, got '$n'" >&2
        exit 2
    fi
done
if [[ ${#size_list[@]} -eq 0 ]]; then
    echo "bench.sh: --sizes is empty" >&2
    exit 2
fi
read -r -a style_list <<<"$styles"
for style in "${style_list[@]}"; do
    if ! [[ $style =~ ^(default|obsidian|jekyll)$ ]]; then
        echo "bench.sh: --styles must name default, obsidian or jekyll, got '$style'" >&2
        exit 2
    fi
done
if [[ ${#style_list[@]} -eq 0 ]]; then
    echo "bench.sh: --styles is empty" >&2
    exit 2
fi

log() { echo "bench.sh: $*" >&2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}

# --- tools ------------------------------------------------------------------

install_missing_tools() {
    local missing=()
    command -v rg >/dev/null || missing+=(ripgrep)
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [[ -x /usr/bin/time ]] || missing+=(time)
    if [[ ${#missing[@]} -gt 0 ]]; then
        if [[ $(id -u) -ne 0 ]]; then
            log "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
            exit 2
        fi
        log "installing ${missing[*]}"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    fi
    if ! command -v python3 >/dev/null; then
        log "python3 is needed to read hyperfine's JSON"
        exit 2
    fi
}

# --- build ------------------------------------------------------------------

build() {
    log "building nudge and gen-corpus (release)"
    (cd "$repo" && CARGO_TARGET_DIR=$target cargo build --quiet --release --bin nudge --example gen-corpus)
    nudge=${NUDGE_BIN:-$target/release/nudge}
    gen=$target/release/examples/gen-corpus
}

# --- measuring ----------------------------------------------------------------

# probe NAME OK_CODES VALIDATOR CMD...: runs CMD once (also a warm-up). It
# works when it exits with one of OK_CODES and VALIDATOR, given the file
# holding its stdout, agrees (so a stub that exits 0 doing nothing is caught).
# Else the reason goes to $failures and probe returns 1.
probe() {
    local name=$1 ok_codes=$2 validator=$3
    shift 3
    local rc=0 why=""
    "$@" >"$tmp/probe.out" 2>"$tmp/probe.err" || rc=$?
    if [[ " $ok_codes " != *" $rc "* ]]; then
        why="exit $rc: $(grep -m1 . "$tmp/probe.err" || true)"
    elif ! why=$("$validator" "$tmp/probe.out"); then
        why="exit $rc, but $why"
    else
        return 0
    fi
    failures+="- n/a: \`$name\` does not work yet ($why)"$'\n'
    return 1
}

# Validators for probe: print why the output is wrong, and fail.
prints_something() {
    [[ -s $1 || -s $tmp/probe.err ]] || { echo "it printed nothing"; return 1; }
}
prints_json_array() {
    [[ $(head -c1 "$1") == "[" ]] || { echo "stdout is not a JSON array"; return 1; }
}
grows_contact() {
    local now
    now=$(wc -l <"$log_file")
    [[ $now -gt $log_lines ]] || { echo "${log_file#"$tmp"/*/} did not get a new line"; return 1; }
}

# The median time (seconds) of each command over hyperfine JSON exports,
# one "NAME SECONDS" line per command.
medians() {
    python3 -c 'import collections, json, statistics, sys
times = collections.defaultdict(list)
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        times[r["command"]].extend(r["times"])
for name, ts in times.items():
    print(name, "%.6f" % statistics.median(ts))' "$@"
}

# Peak RSS (MB) of a command, from /usr/bin/time -v.
peak_rss_mb() {
    /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time.err" || true
    awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/time.err"
}

# Formatting; n/a (failed) and - (not measured) pass through.
fmt_s() {
    if [[ $1 == n/a || $1 == - ]]; then echo "$1"; else awk -v t="$1" 'BEGIN { printf "%.3f s", t }'; fi
}
fmt_ms() {
    if [[ $1 == n/a || $1 == - ]]; then echo "$1"; else awk -v t="$1" 'BEGIN { printf "%.1f ms", t * 1000 }'; fi
}
ratio() {
    if [[ $1 == n/a || $2 == n/a ]]; then echo n/a; else awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; fi
}

# Measures one vault (style, size, whether to measure log) and appends a
# row to $rows.
bench_size() {
    local style=$1 n=$2 largest=$3
    local dir=$tmp/vault-$style-$n
    local peer_re='^\s*- (\[.\] )?\d{4}-\d\d-\d\d'
    local notes_args="--notes '$dir' --today $today"

    log "warming the cache on $n contacts"
    rg -c --no-ignore zqxjzqxj "$dir" >/dev/null || true
    rg -c --no-ignore "$peer_re" "$dir" >/dev/null || true

    # Which nudge commands work (a failing one is reported as n/a).
    # hyperfine runs them without a shell (-N), so stdout goes to /dev/null
    # through hyperfine's own --output=null (the default).
    local names=(floor peer) cmds=(
        "rg -c --no-ignore zqxjzqxj '$dir'"
        "rg -c --no-ignore '$peer_re' '$dir'"
    )
    local has_agenda=0 has_warm=0
    if probe "nudge agenda --no-cache" 0 prints_something "$nudge" agenda --no-cache --notes "$dir" --today "$today" -o -; then
        has_agenda=1 names+=(agenda) cmds+=("'$nudge' agenda --no-cache $notes_args -o /dev/null")
    fi
    if probe "nudge check --no-cache" "0 1" prints_something "$nudge" check --no-cache --notes "$dir" --today "$today"; then
        names+=(check) cmds+=("'$nudge' check --no-cache $notes_args")
    fi
    if probe "nudge status --json --no-cache" 0 prints_json_array "$nudge" status --json --no-cache --notes "$dir" --today "$today"; then
        names+=(status) cmds+=("'$nudge' status --json --no-cache $notes_args")
    fi
    # The cache written, then written again once every note is older than
    # its margin (2 s): from then on an unchanged vault is read from it.
    local warm_cmd="'$nudge' agenda $notes_args -o /dev/null"
    if probe "nudge agenda (cache)" 0 prints_something "$nudge" agenda --notes "$dir" --today "$today" -o -; then
        sleep 2.1
        "$nudge" agenda --notes "$dir" --today "$today" -o /dev/null >/dev/null 2>&1 || true
        has_warm=1 names+=(warm) cmds+=("$warm_cmd")
        find "$dir" -name '*.md' -not -path '*/.*' | sort >"$tmp/notes-$style-$n"
    fi

    # Interleaved rounds: each round runs every command once, starting one
    # command further each time, so that a change in the machine (another
    # job, the page cache trimmed) falls on all of them alike rather than
    # on whichever ran its runs then. The probes above were the warm-up.
    local round k i count=${#cmds[@]} jsons=()
    log "measuring $n contacts ($style): ${names[*]}, $runs rounds"
    for ((round = 0; round < runs; round++)); do
        local args=()
        for ((k = 0; k < count; k++)); do
            i=$(((k + round) % count))
            args+=(--command-name "${names[$i]}" "${cmds[$i]}")
        done
        jsons+=("$tmp/hyperfine-$style-$n-$round.json")
        hyperfine -N --style none --runs 1 --ignore-failure --export-json "${jsons[-1]}" "${args[@]}" >&2
        if [[ $has_warm == 1 ]]; then
            # 1% of the notes, a different 1% each round.
            awk -v r="$round" 'NR % 100 == r % 100' "$tmp/notes-$style-$n" | tr '\n' '\0' | xargs -0 -r touch
            sleep 2.1
            jsons+=("$tmp/hyperfine-$style-$n-$round-1pc.json")
            hyperfine -N --style none --runs 1 --ignore-failure --export-json "${jsons[-1]}" \
                --command-name warm1 "$warm_cmd" >&2
        fi
    done

    local -A t=([agenda]=n/a [check]=n/a [status]=n/a [warm]=n/a [warm1]=n/a)
    local name med
    while read -r name med; do
        t[$name]=$med
    done < <(medians "${jsons[@]}")

    local rss=n/a rss_warm=n/a
    if [[ $has_agenda == 1 ]]; then
        rss=$(peak_rss_mb "$nudge" agenda --no-cache --notes "$dir" --today "$today" -o /dev/null)
    fi
    if [[ $has_warm == 1 ]]; then
        rss_warm=$(peak_rss_mb "$nudge" agenda --notes "$dir" --today "$today" -o /dev/null)
    fi

    local log_t=-
    if [[ $largest == 1 ]]; then
        log_t=n/a
        # The healthy sample contact the generator always writes, given
        # relative to the vault and run from inside it.
        local contact=people/dana-reyes.md
        log_file=$dir/$contact
        log_lines=$(wc -l <"$log_file")
        if probe "nudge log" 0 grows_contact \
            env -C "$dir" "$nudge" log --notes "$dir" "$contact" call -m bench --today "$today"; then
            log "measuring nudge log on $contact of $n contacts"
            (cd "$dir" && hyperfine -N --style basic --warmup 1 --runs "$((runs * 4))" \
                --export-json "$tmp/log.json" --command-name log \
                "'$nudge' log $notes_args $contact call -m bench") >&2
            log_t=$(medians "$tmp/log.json" | cut -d' ' -f2)
        fi
    fi

    rows+="| $style | $n | $(fmt_s "${t[floor]}") | $(fmt_s "${t[peer]}") | $(fmt_s "${t[agenda]}")"
    rows+=" | $(ratio "${t[agenda]}" "${t[floor]}") | $(ratio "${t[agenda]}" "${t[peer]}")"
    rows+=" | $(fmt_s "${t[warm]}") | $(ratio "${t[warm]}" "${t[floor]}")"
    rows+=" | $(fmt_s "${t[warm1]}") | $(ratio "${t[warm1]}" "${t[floor]}")"
    rows+=" | $(fmt_s "${t[check]}") | $(ratio "${t[check]}" "${t[agenda]}")"
    rows+=" | $(fmt_s "${t[status]}") | $rss | $rss_warm | $(fmt_ms "$log_t") |"$'\n'
    agenda_times+=("$style $n ${t[agenda]}")
    floor_ratios+=("$style $n $(ratio "${t[agenda]}" "${t[floor]}")")
    warm_ratios+=("$style $n $(ratio "${t[warm]}" "${t[floor]}") $(ratio "${t[warm1]}" "${t[floor]}")")
}

# --- main ---------------------------------------------------------------------

install_missing_tools
build

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nudge-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
case $tmp/ in
    "$repo"/*) log "refusing to generate inside the repository ($tmp): set TMPDIR elsewhere"; exit 2 ;;
esac

for style in "${style_list[@]}"; do
    for n in "${size_list[@]}"; do
        log "generating $n contacts (seed $seed, style $style)"
        "$gen" --contacts "$n" --seed "$seed" --style "$style" --today "$today" "$tmp/vault-$style-$n"
    done
done

# The kernel writes the new files back to disk within half a minute: done
# now, so that write-back does not run during the measurements.
log "flushing the corpora to disk"
sync

largest=$(printf '%s\n' "${size_list[@]}" | sort -n | tail -1)
rows=""
failures=""
agenda_times=()
floor_ratios=()
warm_ratios=()
for style in "${style_list[@]}"; do
    for n in "${size_list[@]}"; do
        # log once: on the largest vault of the first style.
        bench_size "$style" "$n" "$([[ $n == "$largest" && $style == "${style_list[0]}" ]] && echo 1 || echo 0)"
    done
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "| style | contacts | floor | peer | agenda | agenda/floor | agenda/peer | warm | warm/floor | warm 1% | warm 1%/floor | check | check/agenda | status --json | RSS (MB) | RSS warm (MB) | log |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s' "$rows"
echo
echo "Measured $(date +%Y-%m-%d) on $(nproc) cores, ${cpu:-unknown CPU}; medians of $runs interleaved rounds (hyperfine, warm page cache; agenda, check, status without the parse cache, warm and warm 1% with it), seed $seed, today $today; log: $((runs * 4)) runs on the largest vault."
# Growth: each size's agenda time against the previous size's, per style.
for i in "${!agenda_times[@]}"; do
    [[ $i -gt 0 ]] || continue
    read -r small_style small small_t <<<"${agenda_times[$((i - 1))]}"
    read -r large_style large large_t <<<"${agenda_times[$i]}"
    [[ $small_style == "$large_style" ]] || continue
    echo "Agenda growth from $small to $large contacts ($large_style): $(ratio "$large_t" "$small_t") the time for $(ratio "$large" "$small") the contacts."
done
# The agenda/floor ratio of each style on the largest vault, and the worst.
worst="" worst_ratio=0
summary=""
for entry in "${floor_ratios[@]}"; do
    read -r style n r <<<"$entry"
    [[ $n == "$largest" ]] || continue
    summary+="${summary:+, }$style $r"
    if [[ $r != n/a ]] && awk -v a="${r%x}" -v b="$worst_ratio" 'BEGIN { exit !(a > b) }'; then
        worst=$style worst_ratio=${r%x}
    fi
done
echo "Agenda/floor on $largest contacts by style: $summary; worst: ${worst:-n/a}${worst:+ (${worst_ratio}x)}."
warm_summary=""
for entry in "${warm_ratios[@]}"; do
    read -r style n unchanged changed <<<"$entry"
    [[ $n == "$largest" ]] || continue
    warm_summary+="${warm_summary:+, }$style $unchanged ($changed with 1% changed)"
done
echo "Warm agenda/floor on $largest contacts by style (parse cache, unchanged vault): $warm_summary."
if [[ -n $failures ]]; then
    echo
    printf '%s' "$failures" | awk '!seen[$0]++'
fi
