#!/usr/bin/env bash
# widths.sh - no line of any command's table output is wider than --width
# (issue 13): every command, the overview and help, at widths 40, 60 and
# 80, in English and in Chinese (where “ ” and … take two columns).
# Run by tests/cli/widths.test, with $DUTY_BINARY, $SCRATCH and, under
# make memcheck, $DUTY_TEST_WRAPPER (then only width 60, to keep it short).
set -u
here=$(cd "$(dirname "$0")" && pwd)
duty() { ${DUTY_TEST_WRAPPER:-} "$DUTY_BINARY" "$@"; }
widths="40 60 80"
[ -n "${DUTY_TEST_WRAPPER:-}" ] && widths=60

# A copy with progress, so that status, log and the overview show it.
cp data/tasks_2018.csv data/units.csv "$SCRATCH/"
plan="$SCRATCH/tasks_2018.csv"
export DUTY_TODAY=2018-10-15
{
	duty -f "$plan" done 2.1 --on 2018-09-20 --note "温食安办〔2018〕12号：已印发考核评议办法" --by 王芳
	duty -f "$plan" done 29.1 --by 李明
	duty -f "$plan" report 12 --target 1 --value 352 --note 各县上报汇总 --by 王芳
	duty -f "$plan" report 7 --target 3 --value 97.6
} >/dev/null || exit 1

commands=(
	"" "--today 2019-03-01" "list" "list --unit 瑞安" "list --unit 市教育局 --direct" "list --month 7"
	"due" "due --overdue" "due --unit 瑞安" "due --month 12" "status" "status --unit 教育局" "status --by-unit"
	"show 4.1" "show 12.2" "units"
	"log" "log 12" "check" "help" "--help"
)
for id in $(seq 1 32); do commands+=("show $id"); done
# Help for every command the table has, so that a new one is checked too.
for command in $(duty __complete commands) overview; do
	commands+=("help $command")
done

mkdir -p "$SCRATCH/out"
listing="$SCRATCH/out/list"
: >"$listing"
n=0
# Runs duty with a width and a language; its output is checked afterwards.
run() {
	local lang=$1 width=$2 ambiguous=1
	shift 2
	[ "$lang" = zh_CN.UTF-8 ] && ambiguous=2
	n=$((n + 1))
	LANG=$lang LC_ALL= duty -f "$plan" "$@" --width "$width" >"$SCRATCH/out/$n" 2>/dev/null
	echo "$width $ambiguous $SCRATCH/out/$n $lang duty $* --width $width" >>"$listing"
}
for lang in C.UTF-8 zh_CN.UTF-8; do
	for width in $widths; do
		for command in "${commands[@]}"; do
			# shellcheck disable=SC2086
			run "$lang" "$width" $command
		done
		# What the writing commands say.
		run "$lang" "$width" done 8.2 --note 已完成生产操作规程制定并印发全市
		run "$lang" "$width" undo 8.2
		run "$lang" "$width" report 7 --target 2 --value 41
		run "$lang" "$width" undo 7 --target 2
		run "$lang" "$width" init "$SCRATCH/一个相当长的目录名称"
		# What import says: its summary and the list of what it guessed.
		run "$lang" "$width" import tests/data/import/no_number_2023.csv --force -o "$SCRATCH/imported.csv" \
			--units data/units.csv
	done
done
python3 "$here/max-width.py" "$listing"
