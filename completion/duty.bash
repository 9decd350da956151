# bash completion for duty: commands, the options of each command, the
# values of --format, --color and --encoding, unit names and aliases (read
# from the unit directory when you press Tab) and task ids.

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

# The lists of commands, options and values come from duty itself
# (`duty __complete ...`), so they are always those of the installed version.
_duty() {
	local current=${COMP_WORDS[COMP_CWORD]} previous=${COMP_WORDS[COMP_CWORD - 1]}
	local IFS=$'\n'
	local taking_value
	taking_value=$'\n'$(duty __complete takes-value 2>/dev/null)$'\n'
	case $previous in
	-u | --unit)
		COMPREPLY=($(compgen -W "$(_duty_units)" -- "$current"))
		return ;;
	-f | --file | --units | -o | --output)
		COMPREPLY=($(compgen -f -- "$current"))
		return ;;
	esac
	if [[ $previous == -* && $taking_value == *$'\n'"$previous"$'\n'* ]]; then
		COMPREPLY=($(compgen -W "$(duty __complete values "$previous" 2>/dev/null)" -- "$current"))
		return
	fi
	if [[ $current == --color=* ]]; then
		COMPREPLY=($(compgen -P --color= -W "$(duty __complete values --color 2>/dev/null)" -- "${current#--color=}"))
		return
	fi
	# The command is the first word that is not an option or its value.
	local i command=""
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) [[ $taking_value == *$'\n'"${COMP_WORDS[i]}"$'\n'* ]] && ((i++)) ;;
		*) command=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [[ $current == -* ]]; then
		COMPREPLY=($(compgen -W "$(duty __complete options $command 2>/dev/null)" -- "$current"))
		return
	fi
	case $command in
	"") COMPREPLY=($(compgen -W "$(duty __complete commands 2>/dev/null)" -- "$current")) ;;
	show | done | undo | report | log) COMPREPLY=($(compgen -W "$(_duty_tasks)" -- "$current")) ;;
	help) COMPREPLY=($(compgen -W "$(duty __complete commands 2>/dev/null)"$'\n'overview -- "$current")) ;;
	check | init | import) COMPREPLY=($(compgen -f -- "$current")) ;;
	esac
}

complete -F _duty duty
