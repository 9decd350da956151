# import_fields.jq - what the acceptance test of `duty import` compares
# between two plans (tests/cli/import.test), from `duty list --format json`:
# per task its number, title, requirement and units_text verbatim, the set
# of its units, every milestone deadline in order, and every target's
# comparison, value and unit in order.
map({id, title, requirement, units_text, units: (.units | sort), units_etc,
     deadlines: [.milestones[].deadline],
     targets: [.targets[] | {op, value, unit}]})
