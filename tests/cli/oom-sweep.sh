#!/usr/bin/env bash
# oom-sweep.sh - runs duty commands with memory running out after N
# allocations (the failio shim's malloc step), for N from 0 upwards, and
# checks every run: it either does its work (exit 0) or says "out of
# memory" and exits 6 — never a crash, a hang or another exit code — and
# a plan it was changing still loads. Prints the first failure, or "ok".
#
#   bash tests/cli/oom-sweep.sh STEP      (called by tests/cli/errors.test)
#
# Uses $DUTY_BINARY, $DUTY_TEST_SHIM and $SCRATCH of tests/cli/run.sh.
set -u
step=${1:-17}
# valgrind (make memcheck) replaces malloc itself, and the shim would make
# the valgrind launcher's own allocations fail: the sweep runs the binary
# directly there. (A sanitizer build has its own allocator in the binary,
# which the shim cannot reach: every run then succeeds.)
unset DUTY_TEST_WRAPPER
commands=(
	""
	"list --format json"
	"due --format ics"
	"export --unit 瑞安"
	"status --format json"
	"status --by-unit --unit 瑞安"
	"show 8"
	"show 1.1"
	"units"
	"check"
	"done 8.1 --note 备注 --by tester"
	"report 12 --target 1 --value 352 --by tester"
	"done 1.1 --unit 瑞安 --on 2018-05-20 --by tester"
	"report 7 --target 3 --value 98.6 --unit 农业局 --by tester"
	"undo 29 --by tester"
	"log"
	"import tests/data/source_2018.txt -o $SCRATCH/imported/tasks.csv --units data/units.csv --force"
)
for command in "${commands[@]}"; do
	# Every step-th allocation at first, then further apart (a long run
	# makes many allocations of the same kinds).
	for ((n = 0; n <= 100000; n += step + n / 16)); do
		cp data/tasks_2018.csv data/units.csv "$SCRATCH/"
		# shellcheck disable=SC2086
		# Not under $DUTY_TEST_WRAPPER: valgrind's launcher would be
		# preloaded with the failing malloc too, and crash before duty runs.
		DUTY_FAIL=malloc DUTY_FAIL_AFTER=$n LD_PRELOAD=$DUTY_TEST_SHIM ASAN_OPTIONS=verify_asan_link_order=0 \
			timeout 60 "$DUTY_BINARY" -f "$SCRATCH/tasks_2018.csv" --today 2018-10-15 $command \
			>"$SCRATCH/out" 2>"$SCRATCH/err"
		code=$?
		if [ $code -ne 0 ] && ! { [ $code -eq 6 ] && grep -q "out of memory" "$SCRATCH/err"; }; then
			echo "duty $command with $n allocations: exit $code: $(head -c 300 "$SCRATCH/err")"
			exit 1
		fi
		if [[ $command == done* || $command == report* || $command == undo* ]] &&
			! "$DUTY_BINARY" -f "$SCRATCH/tasks_2018.csv" check >/dev/null 2>&1; then
			echo "duty $command with $n allocations left a plan that does not load"
			exit 1
		fi
		[ $code -eq 0 ] && break   # enough memory from here on
	done
done
echo ok
