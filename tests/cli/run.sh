#!/usr/bin/env bash
# run.sh - data-driven CLI tests: runs build/duty as a user would and
# compares its standard output and exit code with the expected ones.
#
#   bash tests/cli/run.sh BINARY [FILE.test ...]
#
# A .test file holds cases:
#
#   ### what the case shows
#   $ duty due --today 2018-10-15        a shell command; `duty` is BINARY
#   ? 0                                  the expected exit code
#   stderr: duty: no unit is called ...  (optional, repeatable) a line stderr must hold
#   expected standard output, to the next ### (trailing blank lines ignored)
#
# Lines starting with "#" but not "###" before a case are comments. A case
# with no output lines expects empty standard output. Commands run from the
# repository root, with DUTY_FILE and DUTY_TODAY unset, LANG=C.UTF-8 and
# TZ=UTC (history times are local times).
# DUTY_TEST_WRAPPER, when set, is put before every run of the binary.
# Each case gets an empty scratch directory in $SCRATCH, its own HOME and
# XDG_DATA_HOME, and $DUTY_TEST_SHIM names the failure-injection shim.
# Files run in parallel, DUTY_TEST_JOBS at a time (default: the number of
# processors); the cases of one file run in order.
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
# The failure-injection shim built beside the binary (tests/shim/failio.c).
export DUTY_TEST_SHIM="$(dirname "$binary")/tests/libfailio.so"
# The binary itself, for cases that need it on PATH (shell completion).
export DUTY_BINARY="$binary"
root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -eq 0 ] && set -- "$root"/tests/cli/*.test

jobs=${DUTY_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
if [ $# -gt 1 ] && [ "$jobs" -gt 1 ]; then
	# One run of this script per file; their reports, in file order.
	reports=$(mktemp -d)
	trap 'rm -rf "$reports"' EXIT
	for file in "$@"; do printf '%s\0' "$file"; done |
		DUTY_TEST_JOBS=1 xargs -0 -P "$jobs" -I{} \
			sh -c 'bash "$0" "$1" "$2" >"$3/$(basename "$2").out" 2>&1' "$0" "$binary" {} "$reports"
	passed=0 failed=0
	for file in "$@"; do
		report="$reports/$(basename "$file").out"
		grep -v '^cli: ' "$report"
		counts=$(sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$report")
		[ -n "$counts" ] || { echo "FAIL $file: the runner did not finish"; counts="0 1"; }
		passed=$((passed + ${counts% *}))
		failed=$((failed + ${counts#* }))
	done
	echo "cli: $passed passed, $failed failed"
	[ $failed -eq 0 ]
	exit
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0

run_case() {
	local file=$1 name=$2 command=$3 want_code=$4
	[ -z "$command" ] && { echo "FAIL $file: \"$name\" has no \$ line"; failed=$((failed + 1)); return; }
	# Trailing blank lines of the expected output only separate cases.
	while [[ $want_out == *$'\n' ]]; do want_out=${want_out%$'\n'}; done
	if [ -n "$want_out" ]; then printf '%s\n' "$want_out" >"$work/want"; else : >"$work/want"; fi
	(
		cd "$root" || exit 99
		unset DUTY_FILE DUTY_TODAY
		export LANG=C.UTF-8 LC_ALL=C.UTF-8 COLUMNS=80 TZ=UTC
		# No working copy of the person running the tests gets in.
		export XDG_DATA_HOME="$work/xdg" HOME="$work/home"
		# A scratch directory per case, for cases that write.
		export SCRATCH="$work/scratch"
		rm -rf "$SCRATCH" "$XDG_DATA_HOME" && mkdir -p "$SCRATCH"
		# DUTY_TEST_WRAPPER runs the binary under a tool (make memcheck: valgrind).
		duty() { ${DUTY_TEST_WRAPPER:-} "$binary" "$@"; }
		set -o pipefail
		eval "$command"
	) >"$work/out" 2>"$work/err" </dev/null
	local code=$?
	local ok=1
	if [ "$code" != "$want_code" ]; then
		ok=0
		echo "FAIL $file: $name"
		echo "  \$ $command"
		echo "  exit code $code, expected $want_code"
	fi
	if ! diff -u "$work/want" "$work/out" >"$work/diff"; then
		[ $ok -eq 1 ] && { echo "FAIL $file: $name"; echo "  \$ $command"; }
		ok=0
		sed 's/^/  /' "$work/diff" | head -40
	fi
	local line
	while IFS= read -r line; do
		[ -z "$line" ] && continue
		if ! grep -qF -- "$line" "$work/err"; then
			[ $ok -eq 1 ] && { echo "FAIL $file: $name"; echo "  \$ $command"; }
			ok=0
			echo "  stderr lacks: $line"
			sed 's/^/  stderr: /' "$work/err" | head -10
		fi
	done <<<"$want_err"
	if [ $ok -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

for file in "$@"; do
	name="" command="" want_code=0 want_out="" want_err="" in_case=0
	while IFS= read -r line || [ -n "$line" ]; do
		if [[ $line == "### "* ]]; then
			[ $in_case -eq 1 ] && run_case "$file" "$name" "$command" "$want_code"
			name=${line#"### "} command="" want_code=0 want_out="" want_err="" in_case=1
		elif [ $in_case -eq 0 ]; then
			continue
		elif [[ -z $command && $line == '$ '* ]]; then
			command=${line#'$ '}
		elif [[ -z $want_out && $line == '? '* ]]; then
			want_code=${line#'? '}
		elif [[ -z $want_out && $line == 'stderr: '* ]]; then
			want_err+="${line#'stderr: '}"$'\n'
		else
			want_out+="$line"$'\n'
		fi
	done <"$file"
	[ $in_case -eq 1 ] && run_case "$file" "$name" "$command" "$want_code"
done

echo "cli: $passed passed, $failed failed"
[ $failed -eq 0 ]
