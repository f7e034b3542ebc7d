# Seed 003's regression detection: test 2's per-operation figures of this run against a baseline
# saved by --save-baseline. A metric (p95_ms or avg_duration_ms) regressed when it rose by more
# than $ratio (a fraction) of its baseline value and by more than $floor ms. Arguments:
# $baseline (slurped file), $file, $ratio, $floor.
($baseline[0]) as $base
| (.tests.enhanced.agent // {}) as $now
| [ $base.operations | to_entries[] | .key as $op | .value as $b
    | select(($b.successful_calls // 0) > 0)
    | ["p95_ms", "avg_duration_ms"][] as $metric
    | ($now[$op] // null) as $c
    | if $c == null or ($c.successful_calls // 0) == 0 then
        {operation: $op, metric: $metric, baseline_ms: $b[$metric], current_ms: null, change: null, regressed: true,
         note: "not measured in this run"}
      else
        ($c[$metric] - $b[$metric]) as $rise
        | {operation: $op, metric: $metric, baseline_ms: $b[$metric], current_ms: $c[$metric],
           change: (if $b[$metric] > 0 then $rise / $b[$metric] else null end),
           regressed: ($rise > $floor and ($b[$metric] <= 0 or $rise / $b[$metric] > $ratio)),
           note: (if $rise <= $floor and $b[$metric] > 0 and $rise / $b[$metric] > $ratio
                  then "a rise of \($rise * 100 | round / 100) ms, within the \($floor) ms floor" else null end)}
      end ] as $compared
| . + {regression: {baseline_file: $file, baseline_created_at: $base.created_at, ratio: $ratio, floor_ms: $floor,
                    compared: $compared, regressions: ($compared | map(select(.regressed)) | length),
                    pass: (($compared | length) > 0 and ($compared | all(.regressed | not)))}}
