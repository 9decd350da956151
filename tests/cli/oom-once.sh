#!/usr/bin/env bash
# oom-once.sh - runs duty commands with one allocation failing and the rest
# succeeding (the failio shim's malloc-once step), for every allocation the
# command makes in turn, and checks every run: it prints what a normal run
# prints and exits 0, or says "out of memory" and exits 6. A plan it was
# changing is as it was or as a normal run leaves it, and so is a file
# written with -o. Memory that runs out once and comes back must not leave
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
)
work="$SCRATCH/once"
# Runs the command on a fresh copy of the shipped plan (always in one
# place, as messages name it), with allocation $2 failing (-1: none), and
# keeps in directory $1 its out, err, code, and the plan and OUT file it
# leaves.
run_in() {
	local into=$1 failing=$2
	shift 2
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
for command in "${commands[@]}"; do
	run_in "$work/normal" -1 "$command"
	for ((n = 0; ; n += step)); do
		rm -f "$work/mark"
		run_in "$work/run" $n "$command"
		[ -e "$work/mark" ] || break   # the command made fewer allocations: all were tried
		code=$(cat "$work/run/code")
		said="duty $command with allocation $n failing: exit $code"
		if [ "$code" -eq 6 ]; then
			if ! grep -q "out of memory" "$work/run/err"; then
				echo "$said without saying out of memory: $(head -c 300 "$work/run/err")"
				exit 1
			fi
			for file in tasks_2018.csv OUT; do
				if ! cmp -s "$work/run/$file" "$work/normal/$file" && ! { [ "$file" = OUT ] && [ "$(cat "$work/run/OUT")" = before ]; } \
					&& ! { [ "$file" = tasks_2018.csv ] && cmp -s "$work/run/$file" data/tasks_2018.csv; }; then
					echo "$said left $file neither as it was nor as a normal run leaves it"
					exit 1
				fi
			done
			continue
		fi
		for file in code out tasks_2018.csv OUT; do
			if ! cmp -s "$work/run/$file" "$work/normal/$file"; then
				echo "$said and its $file differs from a normal run's: $(head -c 300 "$work/run/err")"
				exit 1
			fi
		done
	done
done
echo ok
