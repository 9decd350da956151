# bash completion for duty: commands, options, --format and --color values,
# unit names and aliases (read from the unit directory when you press Tab)
# and task ids.

_duty_data_options() {
	# -f/--file and --units on the line so far apply to the lookups too.
	local i
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-f | --file | --units) printf '%s\n%s\n' "${COMP_WORDS[i]}" "${COMP_WORDS[i + 1]}" ;;
		esac
	done
}

_duty_units() {
	local -a data
	mapfile -t data < <(_duty_data_options)
	duty "${data[@]}" units --format csv --raw 2>/dev/null |
		awk -F, 'NR > 1 { print $1; n = split($5, alias, ";"); for (i = 1; i <= n; i++) print alias[i] }'
}

_duty_tasks() {
	local -a data
	mapfile -t data < <(_duty_data_options)
	duty "${data[@]}" list --format csv --raw 2>/dev/null | awk -F, 'NR > 1 { print $1 }'
}

_duty() {
	local current=${COMP_WORDS[COMP_CWORD]} previous=${COMP_WORDS[COMP_CWORD - 1]}
	local commands="list show due status done undo report log units export check init help"
	local options="--file --units --today --format --width --color --encoding --raw --by --help --version
		--unit --direct --month --overdue --output --on --note --target --value"
	local IFS=$'\n'
	case $previous in
	-u | --unit)
		COMPREPLY=($(compgen -W "$(_duty_units)" -- "$current"))
		return ;;
	--format)
		COMPREPLY=($(compgen -W $'table\ncsv\njson\nics\nhtml\nmd' -- "$current"))
		return ;;
	--color | --colour)
		COMPREPLY=($(compgen -W $'auto\nalways\nnever' -- "$current"))
		return ;;
	--encoding)
		COMPREPLY=($(compgen -W $'utf-8\ngb18030' -- "$current"))
		return ;;
	-f | --file | --units | -o | --output)
		COMPREPLY=($(compgen -f -- "$current"))
		return ;;
	--today | --on | --month | --width | --note | --value | --target | --by)
		return ;;
	esac
	if [[ $current == --color=* ]]; then
		COMPREPLY=($(compgen -P --color= -W $'auto\nalways\nnever' -- "${current#--color=}"))
		return
	fi
	if [[ $current == -* ]]; then
		IFS=$' \t\n'
		COMPREPLY=($(compgen -W "$options" -- "$current"))
		return
	fi
	# The command is the first word that is not an option or its value.
	local i command=""
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-f | --file | --units | --today | --format | --width | --encoding | --by | -u | --unit | \
			-m | --month | -o | --output | --on | --note | --target | --value) ((i++)) ;;
		-*) ;;
		*) command=${COMP_WORDS[i]}; break ;;
		esac
	done
	case $command in
	"") IFS=$' \t\n'; COMPREPLY=($(compgen -W "$commands" -- "$current")) ;;
	show | done | undo | report | log) COMPREPLY=($(compgen -W "$(_duty_tasks)" -- "$current")) ;;
	help) IFS=$' \t\n'; COMPREPLY=($(compgen -W "$commands overview" -- "$current")) ;;
	check | init) COMPREPLY=($(compgen -f -- "$current")) ;;
	esac
}

complete -F _duty duty
