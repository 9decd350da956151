#!/bin/sh
# check-layers.sh - includes point down (or sideways), never up.
# The layers, lowest first, are the folders of src/: base io model render
# cli cmd. A header belongs to the layer of the .c file with its name
# (include/duty/plan.h to src/model/plan.c); a header with no .c file of
# its own is listed below. Prints every include that points up; exits 1
# when there is one.
set -u
cd "$(dirname "$0")/.."
layers="base io model render cli cmd"

rank() {   # rank of a layer name: 0 for base ... 5 for cmd
	n=0
	for l in $layers; do
		[ "$l" = "$1" ] && { echo $n; return; }
		n=$((n + 1))
	done
	echo 99
}

header_layer() {   # the layer of a header "duty/x.h" or "cli/x.h"
	name=$(basename "$1" .h)
	case "$1" in
	duty/i18n.h) echo base; return ;;   # gettext macros only
	cli/cli.h) echo cli; return ;;      # the command line's shared types
	duty/grid.h) echo io; return ;;     # the source readers' interface (io/source.c)
	esac
	found=$(ls src/*/"$name".c 2>/dev/null | grep -v '^src/cmd/' | head -n 1)
	if [ -z "$found" ]; then
		echo unknown
		return
	fi
	basename "$(dirname "$found")"
}

status=0
for layer in $layers; do
	for file in src/"$layer"/*.c src/"$layer"/*.h; do
		[ -f "$file" ] || continue
		case "$file" in src/*/*.c) own=$layer ;; *) own=$layer ;; esac
		for header in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file"); do
			target=$(header_layer "$header")
			if [ "$target" = unknown ]; then
				echo "$file: includes $header, which has no .c file in src/ (add it to scripts/check-layers.sh)"
				status=1
			elif [ "$(rank "$target")" -gt "$(rank "$own")" ]; then
				echo "$file: $own includes $header of $target, a higher layer"
				status=1
			fi
		done
	done
done
for header in include/duty/*.h; do
	own=$(header_layer "duty/$(basename "$header")")
	for included in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$header"); do
		target=$(header_layer "$included")
		if [ "$target" = unknown ] || [ "$(rank "$target")" -gt "$(rank "$own")" ]; then
			echo "$header: $own includes $included of $target"
			status=1
		fi
	done
done
[ $status -eq 0 ] && echo "layers: every include points down or sideways"
exit $status
