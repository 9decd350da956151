#!/usr/bin/env bash
# run.sh - the benchmark behind `make bench` (see docs/performance.md).
#
# Every figure of issue 14, side by side, from one run:
#   - wall and CPU time (median of several interleaved rounds: each round
#     runs duty, Miller, csvkit, the libcsv floor and `wc -l` once, so the
#     load of a shared machine falls on all of them alike) and peak RSS,
#     for plans of 32 (the shipped one), 10k, 100k and 1M tasks;
#   - instruction counts (callgrind; deterministic where wall time is not)
#     on the 10k and 100k plans, as ratios to the libcsv-only parse, for
#     loading alone and for each command, and the byte check's
#     instructions per byte;
#   - start-up on the shipped plan against `wc -l` (hyperfine -N, warm);
#   - growth per task from 10k to 1M;
# then the verdict on each target, written to docs/performance.md with
# bench/notes.md after it.
#
#   BENCH_SIZES="32 10000 100000 1000000" bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${BENCH_SIZES:-"32 10000 100000 1000000"}
tools=build/bench
data=bench/data
duty=build/duty
units=data/units.csv
report=docs/performance.md
mkdir -p "$data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Peers from Debian when we may install them; a missing one is skipped.
if [ "$(id -u)" -eq 0 ]; then
	for package in miller csvkit valgrind hyperfine; do
		dpkg-query -W -f='${Status}' $package 2>/dev/null | grep -q "ok installed" \
			|| apt-get install -y -q $package >/dev/null 2>&1 \
			|| echo "could not install $package" >&2
	done
fi
have() { command -v "$1" >/dev/null 2>&1; }
notes=()
have mlr || notes+=("Miller (mlr) is not installed: its rows are skipped.")
have csvgrep || notes+=("csvkit (csvgrep, csvjson) is not installed: its rows are skipped.")
have valgrind || notes+=("valgrind is not installed: no instruction counts.")
have hyperfine || notes+=("hyperfine is not installed: no start-up figures.")

# File paths for a size: the shipped plan stands for 32 tasks.
plan_of() { if [ "$1" = 32 ]; then echo data/tasks_2018.csv; else echo "$data/plan_$1.csv"; fi; }
peer_of() { echo "$data/peer_$1.csv"; }
label_of() { case $1 in 1000000) echo 1M;; 100000) echo 100k;; 10000) echo 10k;; *) echo "$1";; esac; }
has_size() { [[ " $sizes " == *" $1 "* ]]; }

for size in $sizes; do
	if [ "$size" = 32 ]; then
		tail -n +3 data/tasks_2018.csv > "$data/peer_32.csv"
	elif [ ! -s "$(plan_of "$size")" ]; then
		echo "generating $size tasks"
		$tools/gen "$size" 2018 "$(plan_of "$size")" "$(peer_of "$size")"
	fi
done

# The same question for every tool. list: the tasks 市教育局 answers for
# itself; due: the milestones due in October 2018; export: 市教育局's duty
# list, its groups' tasks too (市食安委各成员单位 holds every city
# department). Miller and csvkit keep the same rows (they cannot tell a
# milestone's own month, so due keeps the rows with one).
list_regex='(^|;)市教育局(;|$)'
export_regex='(^|;)(市教育局|市食安委各成员单位)(;|$)'
month_columns=milestone1_deadline,milestone2_deadline,milestone3_deadline,milestone4_deadline
list_filter="\$units =~ \"$list_regex\""
export_filter="\$units =~ \"$export_regex\""
due_filter='$milestone1_deadline =~ "^2018-10" || $milestone2_deadline =~ "^2018-10" || $milestone3_deadline =~ "^2018-10" || $milestone4_deadline =~ "^2018-10"'

# command_of NAME SIZE: the words of a measured command, one per line.
command_of() {
	local plan peer
	plan=$(plan_of "$2")
	peer=$(peer_of "$2")
	local d=("$duty" -f "$plan" --units "$units" --today 2018-10-15)
	case $1 in
	duty-list) printf '%s\n' "${d[@]}" list --unit 市教育局 --direct --format json ;;
	duty-due) printf '%s\n' "${d[@]}" due --month 2018-10 --format json ;;
	duty-export) printf '%s\n' "${d[@]}" export --unit 市教育局 ;;
	duty-overview) printf '%s\n' "${d[@]}" ;;
	mlr-list) printf '%s\n' mlr --icsv --ojson filter "$list_filter" "$peer" ;;
	mlr-due) printf '%s\n' mlr --icsv --ojson filter "$due_filter" "$peer" ;;
	mlr-export) printf '%s\n' mlr --icsv --ojson filter "$export_filter" "$peer" ;;
	csvkit-list) printf '%s\n' sh -c "csvgrep -c units -r '$list_regex' '$peer' | csvjson" ;;
	csvkit-due) printf '%s\n' sh -c "csvgrep -a -c $month_columns -r '^2018-10' '$peer' | csvjson" ;;
	csvkit-export) printf '%s\n' sh -c "csvgrep -c units -r '$export_regex' '$peer' | csvjson" ;;
	libcsv-floor) printf '%s\n' "$tools/csvfloor" "$plan" ;;
	wc-l) printf '%s\n' wc -l "$plan" ;;
	esac
}

duty_names=(duty-list duty-due duty-export duty-overview)
all_names=(duty-list mlr-list csvkit-list duty-due mlr-due csvkit-due duty-export mlr-export csvkit-export
	duty-overview libcsv-floor wc-l)

declare -A wall cpu rss instructions
# measure_together SIZE RUNS NAME...: one interleaved measurement.
measure_together() {
	local size=$1 runs=$2 arguments=() name word
	shift 2
	local names=("$@")
	for name in "${names[@]}"; do
		[ ${#arguments[@]} -gt 0 ] && arguments+=(---)
		while IFS= read -r word; do arguments+=("$word"); done < <(command_of "$name" "$size")
	done
	local output
	output=$($tools/measure "$runs" 1 -- "${arguments[@]}") || { echo "  measurement failed" >&2; return; }
	local i=0 line
	while IFS= read -r line; do
		name=${names[$i]}
		read -r wall[$name,$size] cpu[$name,$size] rss[$name,$size] <<< "$line"
		printf '  %-14s %10s ms wall %10s ms CPU %9s KiB\n' "$name" "${wall[$name,$size]}" \
			"${cpu[$name,$size]}" "${rss[$name,$size]}" >&2
		i=$((i + 1))
	done <<< "$output"
}

for size in $sizes; do
	plan=$(plan_of "$size")
	case $size in 32) runs=15;; 10000) runs=9;; 100000) runs=5;; *) runs=3;; esac
	echo "$(label_of "$size") tasks ($plan, $(stat -c %s "$plan") bytes), $runs interleaved rounds" >&2
	names=("${duty_names[@]}")
	have mlr && names+=(mlr-list mlr-due mlr-export)
	# csvkit takes minutes a run on the largest plan: one run there, alone.
	have csvgrep && [ "$size" -lt 1000000 ] && names+=(csvkit-list csvkit-due csvkit-export)
	names+=(libcsv-floor wc-l)
	measure_together "$size" "$runs" "${names[@]}"
	if have csvgrep && [ "$size" -ge 1000000 ]; then
		measure_together "$size" 1 csvkit-list csvkit-due csvkit-export
	fi
done

# Instructions (callgrind) at 10k and 100k: each command, loading alone
# (plan_load within the list command), and the libcsv floor.
declare -A load_instructions
scan_rows=()
callgrind() {   # OUT COMMAND...: total instructions; the profile in OUT
	local out=$1
	shift
	valgrind --tool=callgrind --callgrind-out-file="$out" "$@" 2>&1 >/dev/null \
		| sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
inclusive() {   # PROFILE FUNCTION: instructions in FUNCTION and what it calls
	callgrind_annotate --inclusive=yes "$1" 2>/dev/null \
		| awk -v f="$2" '!found && $0 ~ ":" f " " { gsub(",", "", $1); print $1; found = 1 }'
}
if have valgrind; then
	for size in 10000 100000; do
		has_size $size || continue
		echo "instructions, $(label_of $size) tasks" >&2
		for name in "${duty_names[@]}" libcsv-floor; do
			mapfile -t words < <(command_of "$name" "$size")
			instructions[$name,$size]=$(callgrind "$work/$name.out" "${words[@]}")
			printf '  %-14s %14s\n' "$name" "${instructions[$name,$size]}" >&2
		done
		load_instructions[$size]=$(inclusive "$work/duty-list.out" data_load)
		printf '  %-14s %14s\n' "load alone" "${load_instructions[$size]}" >&2
	done
	# The byte check alone (input.c's text_scan): instructions per byte.
	scan_bytes() {   # ARGUMENTS...: "BYTES INSTRUCTIONS"
		local bytes counted
		bytes=$($tools/scan "$@" | sed -n 's/^\([0-9]*\) bytes.*/\1/p')
		counted=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect=text_scan \
			$tools/scan "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
		echo "$bytes $counted"
	}
	if has_size 10000; then
		scan_rows+=("the 10k plan (Chinese and ASCII)|$(scan_bytes "$(plan_of 10000)")")
	fi
	scan_rows+=("ASCII CSV text, short CRLF lines|$(scan_bytes --ascii 8000000)")
	scan_rows+=("Chinese text only|$(scan_bytes --chinese 8000000)")
fi

# Start-up on the shipped plan: hyperfine -N (no shell), warm, each duty
# command with `wc -l` in the same invocation, in several rounds; the
# ratio is the median of the rounds' ratios of medians.
declare -A startup startup_ratio
startup_wc=""
if have hyperfine && has_size 32; then
	echo "start-up (hyperfine -N), shipped plan" >&2
	rounds=5
	declare -A round_ratios round_times
	wc_times=""
	for round in $(seq $rounds); do
		hyperfine_arguments=()
		for name in wc-l "${duty_names[@]}"; do
			mapfile -t words < <(command_of "$name" 32)
			hyperfine_arguments+=("${words[*]}")
		done
		hyperfine -N --warmup 20 --runs 100 --export-json "$work/startup.json" "${hyperfine_arguments[@]}" \
			>/dev/null 2>&1 || { echo "  hyperfine failed" >&2; break; }
		mapfile -t medians < <(python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print("%.3f" % (r["median"] * 1e3))' "$work/startup.json")
		wc_times+=" ${medians[0]}"
		i=1
		for name in "${duty_names[@]}"; do
			round_times[$name]+=" ${medians[$i]}"
			round_ratios[$name]+=" $(awk -v a="${medians[$i]}" -v b="${medians[0]}" 'BEGIN { printf "%.3f", a / b }')"
			i=$((i + 1))
		done
	done
	middle() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit;
		if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
	startup_wc=$(echo "$wc_times" | middle)
	for name in "${duty_names[@]}"; do
		startup[$name]=$(echo "${round_times[$name]:-}" | middle)
		startup_ratio[$name]=$(echo "${round_ratios[$name]:-}" | middle)
		printf '  %-14s %8s ms (wc -l %s ms): %s×\n' "$name" "${startup[$name]}" "$startup_wc" \
			"${startup_ratio[$name]}" >&2
	done
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }
mbps() { awk -v bytes="$1" -v ms="$2" 'BEGIN { if (ms == "") print "-"; else printf "%.0f", bytes / 1e6 / (ms / 1e3) }'; }
mib() { awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.1f", k / 1024 }'; }
file_kib() { awk -v b="$(stat -c %s "$(plan_of "$1")")" 'BEGIN { print b / 1024 }'; }
verdict() { awk -v v="$1" -v limit="$2" -v sense="$3" 'BEGIN {
	if (v == "" || v == "-") { print "not measured"; exit }
	ok = sense == "max" ? v <= limit : v >= limit
	printf "%s", ok ? "met" : "**missed**" }'; }
peer_of_name() { case $1 in duty-*) echo "${1/duty-/mlr-}";; csvkit-*) echo "${1/csvkit-/mlr-}";; esac; }

{
	echo "# Performance"
	echo
	echo "Regenerated by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d)."
	echo
	echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $(uname -sr); load average before the run $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "Versions: $($duty --version)$(have mlr && echo ", Miller $(mlr --version | awk '{print $2}')")$(have csvgrep && echo ", csvkit $(csvgrep --version 2>&1 | awk '{print $2}')"), libcsv $(dpkg-query -W -f='${Version}' libcsv3 2>/dev/null), $(${CC:-cc} --version | sed -n 1p)."
	echo
	for note in "${notes[@]:-}"; do [ -n "$note" ] && echo "*$note*" && echo; done
	echo "Plans are made by \`bench/gen\` (seed 2018) in the real schema; the 32-task plan is the"
	echo "shipped one. Peers read the same rows without the two plan rows above the header."
	echo "Times are medians of interleaved rounds (15 for 32 tasks, 9 for 10k, 5 for 100k, 3 for"
	echo "1M; csvkit once at 1M) after a warm-up round: each round runs every command of the"
	echo "table once, so a ratio compares runs made under the same load. Peak RSS is the largest"
	echo "seen. CPU is user + system time."
	echo
	echo "- **list**: \`duty list --unit 市教育局 --direct --format json\`; Miller \`filter\` on the"
	echo "  units column; \`csvgrep -c units | csvjson\`."
	echo "- **due**: \`duty due --month 2018-10 --format json\`; Miller and csvgrep keep the rows"
	echo "  with a milestone deadline in October (duty writes one object per milestone)."
	echo "- **export**: \`duty export --unit 市教育局\` (JSON, with the tasks of its groups);"
	echo "  Miller and csvgrep keep the rows naming 市教育局 or its group 市食安委各成员单位."
	echo "- **overview**: \`duty\` (no peer does this); floors: \`wc -l\`, and \`bench/csvfloor\`,"
	echo "  which only parses the file with libcsv (fread, csv_parse, empty callbacks)."
	echo
	echo "## Wall time, CPU time and memory"
	echo
	echo "| tasks | file MB | command | median ms | CPU ms | MB/s | peak RSS MiB | RSS / file | × Miller (wall) | × Miller (CPU) | × libcsv floor (wall) |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	for size in $sizes; do
		bytes=$(stat -c %s "$(plan_of "$size")")
		for name in "${all_names[@]}"; do
			ms=${wall[$name,$size]:-}
			[ -z "$ms" ] && continue
			peer=$(peer_of_name "$name")
			versus_wall="-" versus_cpu="-"
			if [[ $name == duty-* && $name != duty-overview ]]; then
				versus_wall="$(ratio "${wall[$peer,$size]:-}" "$ms")× faster"
				versus_cpu="$(ratio "${cpu[$peer,$size]:-}" "${cpu[$name,$size]}")× less"
			elif [[ $name == csvkit-* ]]; then
				versus_wall="$(ratio "$ms" "${wall[$peer,$size]:-}")× slower"
				versus_cpu="$(ratio "${cpu[$name,$size]}" "${cpu[$peer,$size]:-}")× more"
			fi
			echo "| $(label_of "$size") | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') | $name | $ms | ${cpu[$name,$size]} | $(mbps "$bytes" "$ms") | $(mib "${rss[$name,$size]}") | $(ratio "${rss[$name,$size]}" "$(file_kib "$size")") | $versus_wall | $versus_cpu | $(ratio "$ms" "${wall[libcsv-floor,$size]:-}") |"
		done
	done
	echo
	echo "duty against csvkit (wall time, same rounds):"
	echo
	echo "| tasks | list | due | export |"
	echo "|---|---|---|---|"
	for size in $sizes; do
		[ -z "${wall[csvkit-list,$size]:-}" ] && continue
		echo "| $(label_of "$size") | $(ratio "${wall[csvkit-list,$size]:-}" "${wall[duty-list,$size]:-}")× | $(ratio "${wall[csvkit-due,$size]:-}" "${wall[duty-due,$size]:-}")× | $(ratio "${wall[csvkit-export,$size]:-}" "${wall[duty-export,$size]:-}")× |"
	done
	echo
	if [ ${#instructions[@]} -gt 0 ]; then
		echo "## Instructions (callgrind)"
		echo
		echo "Loading alone is \`data_load\` (reading and checking the file, the unit directory, parsing and modelling) within"
		echo "the list command's run."
		echo
		echo "| tasks | what | instructions | per byte | × libcsv floor |"
		echo "|---|---|---|---|---|"
		for size in 10000 100000; do
			[ -z "${instructions[libcsv-floor,$size]:-}" ] && continue
			bytes=$(stat -c %s "$(plan_of "$size")")
			floor=${instructions[libcsv-floor,$size]}
			echo "| $(label_of $size) | load alone | ${load_instructions[$size]:-?} | $(ratio "${load_instructions[$size]:-}" "$bytes") | $(ratio "${load_instructions[$size]:-}" "$floor") |"
			for name in "${duty_names[@]}" libcsv-floor; do
				echo "| $(label_of $size) | $name | ${instructions[$name,$size]} | $(ratio "${instructions[$name,$size]}" "$bytes") | $(ratio "${instructions[$name,$size]}" "$floor") |"
			done
		done
		echo
		echo "The byte check (\`text_scan\`: UTF-8, NUL and lone CR in one pass) alone:"
		echo
		echo "| input | bytes | instructions | per byte |"
		echo "|---|---|---|---|"
		for row in "${scan_rows[@]}"; do
			read -r bytes counted <<< "${row#*|}"
			echo "| ${row%%|*} | $bytes | $counted | $(awk -v c="$counted" -v b="$bytes" 'BEGIN { printf "%.3f", c / b }') |"
		done
		echo
	fi
	if [ -n "$startup_wc" ]; then
		echo "## Start-up on the shipped plan (hyperfine -N, warm)"
		echo
		echo "Five hyperfine rounds of 100 runs after 20 warm-up runs, each with \`wc -l\` on the same"
		echo "file; the ratio is the median of the rounds' ratios of medians."
		echo
		echo "| command | median ms | \`wc -l\` ms | × \`wc -l\` |"
		echo "|---|---|---|---|"
		for name in "${duty_names[@]}"; do
			echo "| $name | ${startup[$name]} | $startup_wc | ${startup_ratio[$name]} |"
		done
		echo
	fi
	echo "## Growth"
	echo
	echo "| tasks | list µs per task | due µs per task | overview µs per task | list instructions per task | list peak RSS bytes per task |"
	echo "|---|---|---|---|---|---|"
	per_task() { awk -v ms="$1" -v n="$2" 'BEGIN { if (ms == "") print "-"; else printf "%.2f", ms * 1000 / n }'; }
	for size in $sizes; do
		[ "$size" = 32 ] && continue
		echo "| $(label_of "$size") | $(per_task "${wall[duty-list,$size]:-}" "$size") | $(per_task "${wall[duty-due,$size]:-}" "$size") | $(per_task "${wall[duty-overview,$size]:-}" "$size") | $(awk -v i="${instructions[duty-list,$size]:-}" -v n="$size" 'BEGIN { if (i == "") print "-"; else printf "%.0f", i / n }') | $(awk -v k="${rss[duty-list,$size]:-}" -v n="$size" 'BEGIN { if (k == "") print "-"; else printf "%.0f", k * 1024 / n }') |"
	done
	echo
	echo "## Targets (issue 14)"
	echo
	echo "| target | measured | ratio | verdict |"
	echo "|---|---|---|---|"
	for size in 10000 100000; do
		floor=${instructions[libcsv-floor,$size]:-}
		[ -z "$floor" ] && continue
		for name in duty-due duty-overview duty-list; do
			limit=1.25
			[ $name = duty-list ] && limit=1.35
			r=$(ratio "${instructions[$name,$size]}" "$floor")
			echo "| ${name#duty-} instructions ≤ ${limit}× libcsv-only parse ($(label_of $size)) | ${instructions[$name,$size]} vs $floor | $r | $(verdict "$r" $limit max) |"
		done
	done
	for row in "${scan_rows[@]}"; do
		read -r bytes counted <<< "${row#*|}"
		r=$(awk -v c="$counted" -v b="$bytes" 'BEGIN { printf "%.3f", c / b }')
		echo "| byte check < 1 instruction per byte, NUL and CR checks included: ${row%%|*} | $counted for $bytes bytes | $r | $(verdict "$r" 0.999 max) |"
	done
	for size in 100000 1000000; do
		[ -z "${rss[duty-list,$size]:-}" ] && continue
		for name in "${duty_names[@]}"; do
			r=$(ratio "${rss[$name,$size]:-}" "$(file_kib "$size")")
			echo "| ${name#duty-} peak RSS ≤ 1.2× the file ($(label_of $size)) | $(mib "${rss[$name,$size]:-}") MiB for $(awk -v k="$(file_kib "$size")" 'BEGIN { printf "%.1f", k / 1024 }') MiB | $r | $(verdict "$r" 1.2 max) |"
		done
	done
	if [ -n "${wall[mlr-list,100000]:-}" ]; then
		for what in list due export; do
			r=$(ratio "${wall[mlr-$what,100000]:-}" "${wall[duty-$what,100000]:-}")
			echo "| $what ≥ 4× faster than Miller, wall (100k, same rounds) | ${wall[duty-$what,100000]:-?} ms vs ${wall[mlr-$what,100000]:-?} ms | $r | $(verdict "$r" 4 min) |"
		done
	fi
	if [ -n "$startup_wc" ]; then
		for name in "${duty_names[@]}"; do
			echo "| ${name#duty-} on the shipped plan ≤ 1.5× \`wc -l\` (hyperfine -N, warm) | ${startup[$name]} ms vs $startup_wc ms | ${startup_ratio[$name]} | $(verdict "${startup_ratio[$name]}" 1.5 max) |"
		done
	fi
	# Linear growth: per-task cost at the larger size within 1.3× (wall)
	# or 1.05× (instructions) of the smaller one's.
	if [ -n "${instructions[duty-list,100000]:-}" ] && [ -n "${instructions[duty-list,10000]:-}" ]; then
		r=$(awk -v a="${instructions[duty-list,100000]}" -v b="${instructions[duty-list,10000]}" 'BEGIN { printf "%.3f", (a / 100000) / (b / 10000) }')
		echo "| growth linear: list instructions per task, 100k ÷ 10k ≤ 1.05 | $(awk -v i="${instructions[duty-list,100000]}" 'BEGIN { printf "%.0f", i / 100000 }') vs $(awk -v i="${instructions[duty-list,10000]}" 'BEGIN { printf "%.0f", i / 10000 }') | $r | $(verdict "$r" 1.05 max) |"
	fi
	for name in duty-list duty-due duty-overview; do
		[ -z "${wall[$name,1000000]:-}" ] || [ -z "${wall[$name,10000]:-}" ] && continue
		r=$(awk -v a="${wall[$name,1000000]}" -v b="${wall[$name,10000]}" 'BEGIN { printf "%.2f", (a / 1000000) / (b / 10000) }')
		echo "| growth linear: ${name#duty-} µs per task, 1M ÷ 10k ≤ 1.3 | $(per_task "${wall[$name,1000000]}" 1000000) vs $(per_task "${wall[$name,10000]}" 10000) | $r | $(verdict "$r" 1.3 max) |"
	done
	echo
	if [ -f bench/notes.md ]; then cat bench/notes.md; fi
} > "$report"
cat "$report"
