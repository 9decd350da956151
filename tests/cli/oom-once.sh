#!/usr/bin/env bash
# oom-once.sh - runs duty commands with one allocation failing and the rest
# succeeding (the failio shim's malloc-once step), for every allocation the
# command makes in turn, and checks every run: it prints what a normal run
# prints and exits 0, or says "out of memory" and exits 6. A plan it was
# changing is as it was or as a normal run leaves it, and so are a file
# written with -o and a unit directory import writes. Memory that runs out once and comes back must not leave
# output that looks whole and is not (a JSON member, a table cell, a line
# of a file cut off). Prints the first failure, or "ok".
#
#   bash tests/cli/oom-once.sh STEP      (called by tests/cli/memory.test)
#
# Uses $DUTY_BINARY, $DUTY_TEST_SHIM and $SCRATCH of tests/cli/run.sh.
set -u
step=${1:-1}
# As in oom-sweep.sh: the binary runs directly, not under valgrind. A
# sanitizer build's allocator is out of the shim's reach: no allocation
# fails, the first run says so (no mark), and the command is done.
unset DUTY_TEST_WRAPPER
commands=(
	""
	"list --format json"
	"export --unit 瑞安"
	"export --unit 瑞安 -o OUT"
	"due --format csv -o OUT"
	"status --by-unit --format json"
	"next --unit 瑞安"
	"show 1.1"
	"check"
	"done 1.1 --unit 瑞安 --on 2018-05-20 --by tester"
	"report 12 --target 1 --value 352 --by tester"
	"undo 29 --by tester"
	"import tests/data/source_2018.txt -o OUT --units data/units.csv --force"
)
# Runs the command on a fresh copy of the shipped plan in directory $1
# (always the same place for one command, as messages name it), with
# allocation $2 failing (-1: none), and keeps in $1/$3 its out, err, code,
# and the plan, unit directory and OUT file it leaves.
run_in() {
	local work=$1 failing=$2 into=$1/$3
	shift 3
	local place="$work/place"
	rm -rf "$place" "$into"
	mkdir -p "$place"
	cp data/tasks_2018.csv data/units.csv "$place/"
	echo before >"$place/OUT"
	local command=${*//OUT/$place/OUT}
	local shim=()
	[ "$failing" -ge 0 ] && shim=(DUTY_FAIL=malloc-once DUTY_FAIL_AFTER="$failing" DUTY_FAIL_MARK="$work/mark"
		LD_PRELOAD="$DUTY_TEST_SHIM" ASAN_OPTIONS=verify_asan_link_order=0)
	# shellcheck disable=SC2086
	env "${shim[@]}" timeout 60 "$DUTY_BINARY" -f "$place/tasks_2018.csv" --today 2018-10-15 $command \
		>"$place/out" 2>"$place/err"
	echo $? >"$place/code"
	mv "$place" "$into"
}

# Every allocation of one command failing in turn, in directory $1; says
# the first failure and returns 1, or returns 0.
sweep() {
	local work=$1 command=$2
	run_in "$work" -1 normal "$command"
	for ((n = 0; ; n += step)); do
		rm -f "$work/mark"
		run_in "$work" $n run "$command"
		[ -e "$work/mark" ] || return 0   # the command made fewer allocations: all were tried
		local code said file
		code=$(cat "$work/run/code")
		said="duty $command with allocation $n failing: exit $code"
		if [ "$code" -eq 6 ]; then
			if ! grep -q "out of memory" "$work/run/err"; then
				echo "$said without saying out of memory: $(head -c 300 "$work/run/err")"
				return 1
			fi
			for file in tasks_2018.csv units.csv OUT; do
				if ! cmp -s "$work/run/$file" "$work/normal/$file" && ! cmp -s "$work/run/$file" "data/$file" \
					&& ! { [ "$file" = OUT ] && [ "$(cat "$work/run/OUT")" = before ]; }; then
					echo "$said left $file neither as it was nor as a normal run leaves it"
					return 1
				fi
			done
			continue
		fi
		for file in code out tasks_2018.csv units.csv OUT; do
			if ! cmp -s "$work/run/$file" "$work/normal/$file"; then
				echo "$said and its $file differs from a normal run's: $(head -c 300 "$work/run/err")"
				return 1
			fi
		done
	done
}

# Two commands at a time (each runs hundreds of times).
rm -rf "$SCRATCH/once"
for i in "${!commands[@]}"; do
	mkdir -p "$SCRATCH/once/$i"
	sweep "$SCRATCH/once/$i" "${commands[$i]}" >"$SCRATCH/once/$i.said" &
	while [ "$(jobs -rp | wc -l)" -ge 2 ]; do
		wait -n
	done
done
wait
failed=$(cat "$SCRATCH"/once/*.said)
if [ -n "$failed" ]; then
	echo "$failed" | head -n 1
	exit 1
fi
echo ok
