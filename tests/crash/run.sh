#!/usr/bin/env bash
# crash/run.sh - the write protocol under SIGKILL (issue 12).
#
#   bash tests/crash/run.sh BINARY [KILLS]
#
# Runs `duty done`, `duty report` and `duty undo` (also a county's own, with
# --unit) on a copy of the shipped
# plan and kills each with SIGKILL after a random delay (somewhere in its
# run: before, during or after the history append, the plan's temporary
# file, the rename, the mark), KILLS times (default 300, or CRASH_KILLS);
# one run in eight is killed halfway through a history append instead.
# After every kill:
#
#   - the plan loads (`duty check PLAN` finds no error);
#   - the history is read with no row left out but a cut-off last line,
#     and no record that is cut off or never applied counts: `duty check
#     NAME.history.csv` finds plan and history in agreement (every change
#     in the plan has its record, every record in effect is in the plan);
#
# and after every command that was not killed, nothing is left pending
# and no temporary file is left. At the end an independent replay (jq over
# `duty log` and `duty status`) checks that each milestone and target
# holds what its last applied record says. Prints what the kills hit.
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
kills=${2:-${CRASH_KILLS:-300}}
root=$(cd "$(dirname "$0")/../.." && pwd)
shim="$(dirname "$binary")/tests/libfailio.so"   # tests/shim/failio.c, built beside the binary
work=$(mktemp -d)
[ -n "${CRASH_KEEP:-}" ] && echo "crash: working in $work" || trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset DUTY_FILE DUTY_TODAY
cp "$root"/data/tasks_2018.csv "$root"/data/units.csv "$work"/
plan=$work/tasks_2018.csv
history=$work/tasks_2018.history.csv
duty() { "$binary" -f "$plan" --today 2018-10-15 "$@"; }

# Targets of the shipped plan, as "TASK K".
mapfile -t targets < <(duty status --format json | jq -r '.targets[] | "\(.task) \(.target)"')
[ ${#targets[@]} -gt 0 ] || { echo "crash: the plan does not load"; exit 1; }
long_note=$(printf '长备注，含“引号”和,逗号%.0s' $(seq 1 400))   # about 14 KB: appends that span pages

random_note() {
	case $((RANDOM % 6)) in
	0) printf '%s' "$long_note" ;;
	1) printf '第%d号,"引号"\n第二行' "$RANDOM" ;;
	2) printf 'note %d' "$RANDOM" ;;
	*) ;;
	esac
}

# Counties, whose own records of 1.1 and of task 12's targets go into the
# plan's per-unit cells (one line per unit).
counties=(鹿城 龙湾 瓯海 洞头 瑞安 乐清 永嘉 平阳 苍南 文成 泰顺)

random_command() {
	local task=$((RANDOM % 32 + 1)) target note county
	target=${targets[$((RANDOM % ${#targets[@]}))]}
	county=${counties[$((RANDOM % ${#counties[@]}))]}
	note=$(random_note)
	case $((RANDOM % 8)) in
	0 | 1) command=(done "$task.1" --on "2018-0$((RANDOM % 9 + 1))-1$((RANDOM % 10))") ;;
	2) command=(report "${target% *}" --target "${target#* }" --value "$((RANDOM % 500)).$((RANDOM % 10))") ;;
	3) command=(undo "$task.1") ;;
	4) command=(undo "${target% *}" --target "${target#* }") ;;
	5) command=(done 1.1 --unit "$county" --on "2018-0$((RANDOM % 9 + 1))-1$((RANDOM % 10))") ;;
	6) command=(report 12 --target "$((RANDOM % 3 + 1))" --value "$((RANDOM % 50))" --unit "$county") ;;
	*) command=(undo 1.1 --unit "$county") ;;
	esac
	# A unit's record is one line of its cell: its note is one line too.
	[[ " ${command[*]} " == *" --unit "* ]] && note=${note%%$'\n'*}
	[ -n "$note" ] && [ "${command[0]}" != undo ] && command+=(--note "$note")
}

fail() {
	echo "crash: FAIL after kill $killed (${command[*]:0:4}): $1"
	[ -f "$work/check" ] && sed 's/^/  /' "$work/check" | head -20
	exit 1
}

# The invariants that must hold whatever was interrupted.
check_after() {
	"$binary" check "$plan" >"$work/check" 2>&1 || fail "the plan does not load"
	[ -e "$history" ] || return 0   # nothing recorded yet
	"$binary" check "$history" >"$work/check" 2>&1
	[ $? -le 1 ] || fail "duty check of the history failed"
	if grep -v 'is pending\|the last line is cut off\|: [0-9]* warnings\?, no errors\|: no problems' "$work/check" \
		| grep -q .; then
		fail "the history and the plan disagree, or a row is not a record"
	fi
	grep -q 'agrees with tasks_2018.csv' "$work/check" || fail "the history was not compared with the plan"
}

killed=0 completed=0 pending=0 temporary=0 cut=0 untouched=0 runs=0
start=$SECONDS
# stderr of the loop is bash's "Killed" notices; failures go to stdout.
while [ $killed -lt "$kills" ]; do
	random_command
	runs=$((runs + 1))
	before=$(cksum "$history" 2>/dev/null)
	plan_before=$(cksum "$plan")
	# The binary itself in the background ($! is its process, not a
	# subshell's). One run in eight is killed in the middle of writing the
	# history (the failure shim), which timing alone seldom hits.
	if [ $((RANDOM % 8)) -eq 0 ] && [ -f "$shim" ]; then
		DUTY_FAIL=crash-mid-append LD_PRELOAD=$shim "$binary" -f "$plan" --today 2018-10-15 "${command[@]}" \
			>/dev/null 2>"$work/stderr" &
	else
		"$binary" -f "$plan" --today 2018-10-15 "${command[@]}" >/dev/null 2>"$work/stderr" &
	fi
	pid=$!
	# Somewhere in a run, which takes some 5 to 25 ms (most of it fsync).
	sleep "$(printf '0.%06d' $((RANDOM % 20000)))"
	kill -9 $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null
	status=$?
	if [ $status -eq 137 ]; then
		killed=$((killed + 1))
		ls -A "$work" | grep -q '^\.tasks_2018\.csv\.tmp\.' && temporary=$((temporary + 1))
		check_after
		grep -q 'is pending' "$work/check" && pending=$((pending + 1))
		grep -q 'the last line is cut off' "$work/check" && cut=$((cut + 1))
		[ "$(cksum "$history" 2>/dev/null)" = "$before" ] && [ "$(cksum "$plan")" = "$plan_before" ] \
			&& untouched=$((untouched + 1))
	else
		# Not killed: done (0) or refused (4: e.g. no such target of a task).
		[ $status -eq 0 ] || [ $status -eq 4 ] || { cat "$work/stderr"; fail "exit $status without a kill"; }
		completed=$((completed + 1))
		ls -A "$work" | grep -q '^\.tasks_2018\.csv\.tmp\.' && fail "a temporary file was left"
		check_after
		grep -q 'is pending' "$work/check" && fail "a completed command left a record pending"
		# A cut-off last line goes with the next write (a command that
		# changed nothing leaves it).
		if grep -q 'cut off' "$work/check" && [ "$(cksum "$history")" != "$before" ]; then
			fail "a completed command left a cut-off line"
		fi
	fi
done 2>/dev/null

# One last change decides whatever is pending; then replay the history
# independently of duty's own check (the records for a milestone or target
# as a whole; duty check compares the units' own lines after every kill).
duty done 1.1 --on 2018-05-30 >/dev/null || fail "the last change failed"
check_after
duty log --format json >"$work/log.json" && duty status --format json >"$work/status.json" || fail "log/status"
mismatches=$(jq -n --slurpfile log "$work/log.json" --slurpfile status "$work/status.json" '
	(reduce ($log[0][] | select(.state == "applied" and .unit == null)) as $e ({};
		.[if $e.milestone then "\($e.task).m\($e.milestone)" else "\($e.task).t\($e.target)" end] = $e)) as $last
	| [($status[0].milestones[] | . as $m | $last["\($m.task).m\($m.milestone)"] as $e
		| select(($e == null and $m.done_on != null)
			or ($e != null and ($m.done_on != $e.on or $m.note != $e.note)))
		| "\($m.task).\($m.milestone)"),
	   ($status[0].targets[] | . as $t | $last["\($t.task).t\($t.target)"] as $e
		| select(($e == null and $t.reported != null)
			or ($e != null and (($t.reported == null) != ($e.value == null)
				or ($t.reported != null and ($t.reported.value != ($e.value | tonumber)
					or $t.reported.date != $e.on or $t.reported.note != $e.note)))))
		| "\($t.task) target \($t.target)")]
	| join(", ")')
[ "$mismatches" = '""' ] || fail "replaying the history does not give the plan: $mismatches"
records=$(jq length "$work/log.json")
echo "crash: $killed kills in $runs runs ($((SECONDS - start)) s): $pending left a record pending," \
	"$temporary a temporary file, $cut a cut-off history line, $untouched nothing changed;" \
	"$completed ran to the end; $records changes in the history; plan and history agree after every kill"
