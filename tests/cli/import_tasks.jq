# import_tasks.jq - one line per task of `duty list --format json` for the
# import tests (tests/cli/import.test): id, units, lead units, each
# milestone as "deadline phrase" ("implied" when the deadline is the
# year's end by default), each target as "op value unit".
.[] | [.id, .units, .lead_units,
       [.milestones[] | .deadline + " " + (.phrase // "-") + (if .implied then " implied" else "" end)],
       [.targets[] | "\(.op) \(.value) \(.unit // "")"]]
