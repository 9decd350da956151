#!/usr/bin/env bash
# run.sh - prints a duty sheet in a real browser: headless Chromium renders
# the HTML export of a unit to PDF; pdftotext must find every task title in
# it, and the page count must be sane for A4.
#
#   bash tests/browser/run.sh build/duty
set -euo pipefail
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "browser test: chromium is not installed (make test-browser installs it)" >&2; exit 1; }

failed=0
for unit in 瑞安 市教育局 市市场监管局; do
	"$binary" export --unit "$unit" --format html --today 2018-10-15 -o "$work/sheet.html"
	rm -f "$work/sheet.pdf"
	# Flags as a closed network needs them (no background connections).
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$work/profile" --no-pdf-header-footer --print-to-pdf-no-header \
		--print-to-pdf="$work/sheet.pdf" "file://$work/sheet.html" >/dev/null 2>&1 || true
	if [ ! -s "$work/sheet.pdf" ]; then
		echo "FAIL browser: Chromium wrote no PDF for $unit"
		failed=1
		continue
	fi
	pages=$(pdfinfo "$work/sheet.pdf" | awk '/^Pages:/ { print $2 }')
	# Titles may be split by the layout; compare without white space.
	pdftotext "$work/sheet.pdf" - | tr -d ' \n\r\f' > "$work/text"
	tasks=0 missing=0
	while IFS=, read -r id title _; do
		tasks=$((tasks + 1))
		if ! grep -qF -- "$title" "$work/text"; then
			echo "FAIL browser: $unit: task $id \"$title\" is not in the PDF"
			missing=$((missing + 1))
		fi
	done < <("$binary" list --unit "$unit" --format csv --raw --today 2018-10-15 | tail -n +2)
	# About two tasks a page at worst; at least one page.
	if [ "$pages" -lt 1 ] || [ "$pages" -gt $(( tasks / 2 + 2 )) ]; then
		echo "FAIL browser: $unit: $pages pages for $tasks tasks"
		failed=1
	fi
	[ $missing -eq 0 ] || failed=1
	echo "browser: $unit: $tasks tasks, $pages A4 pages, every title found: $([ $missing -eq 0 ] && echo yes || echo no)"
done
exit $failed
