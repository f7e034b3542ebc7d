# The latency distribution of every operation the agent measured, per test, as an SVG picture,
# from scripts/performance_test.sh's performance-result.json. Usage: jq -r -f latency-chart.jq RESULT
#
# One panel per operation, one lane per test in which it ran, on a logarithmic time axis:
# shading is the share of the calls in each bucket of the agent's histogram, the line spans
# min to max, the box p50 to p95, the tick is p99, the dot the mean; a red dashed line is the
# criterion's (or the agent's threshold's) limit.

def esc: tostring | gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;") | gsub("\""; "&quot;");
def r1: . * 10 | round / 10;
def r2: . * 100 | round / 100;
def fmt_ms: if . >= 1000 then "\(. / 1000 | r2) s" elif . >= 10 then "\(. | round) ms" elif . >= 1 then "\(. | r1) ms" else "\(. | r2) ms" end;
def log10: log / (10 | log);

. as $doc
| [["baseline", "pattern recognition off (test 1)"], ["enhanced", "one at a time (test 2)"],
   ["reference", "one at a time, beside test 4"], ["concurrent", "\($doc.setup.simultaneous) simultaneous (test 4)"], ["load", "\($doc.setup.load) simultaneous (test 5)"]] as $tests
| ($doc.tests.enhanced.agent // {} | keys_unsorted) as $ops
| ($doc.criteria // []) as $criteria
| {enhanced_orchestration: ($criteria[] | select(.id == "total_orchestration_ms") | .limit),
   full_pattern_analysis: ($criteria[] | select(.id == "pattern_analysis_ms") | .limit)} as $criterion_limits
| ($doc.tests.report.thresholds.operations // {}) as $agent_thresholds
| def limit($op): $criterion_limits[$op] // $agent_thresholds[$op].avg_ms.limit // null;
  # the lanes: every test in which the operation completed a call
  [ $ops[] as $op
    | {op: $op, limit: limit($op),
       lanes: [ $tests[] as [$key, $title]
                | ($doc.tests[$key].agent[$op] // null) as $s
                | select($s != null and ($s.successful_calls // 0) > 0)
                | {key: $key, label: $title, s: $s, buckets: ($doc.tests[$key].histograms[$op] // [])} ]} ]
  | map(select(.lanes | length > 0)) as $panels
| ([$panels[].lanes[].s.min_duration_ms | select(. > 0)] + [$panels[].limit | select(. != null)] | min // 0.1) as $vmin
| ([$panels[].lanes[].s.max_duration_ms] + [$panels[].limit | select(. != null)] | max // 1000) as $vmax
| ([$vmin, 0.001] | max | log10 | floor) as $d0
| ([($vmax | log10 | ceil), $d0 + 1] | max) as $d1
| 1120 as $W | 320 as $left | 40 as $right | ($W - $left - $right) as $plotw
| 92 as $top | 24 as $lane_h | 30 as $head_h | 16 as $gap
| def x($v): $left + (((([$v, pow(10; $d0)] | max) | log10) - $d0) / ($d1 - $d0) * $plotw);
  # y offsets of the panels
  (reduce range(0; $panels | length) as $i ([]; . + [$top + 22 + ($i | if . == 0 then 0 else ($panels[0:$i] | map($head_h + (.lanes | length) * $lane_h + $gap) | add) end)])) as $ys
| ($top + 22 + ($panels | map($head_h + (.lanes | length) * $lane_h + $gap) | add)) as $bottom
| ($bottom + 96) as $H
| [ range($d0; $d1 + 1) as $d | [1, 2, 5][] as $m | ($m * pow(10; $d)) | select(. <= pow(10; $d1) * 1.0001) ] as $ticks
| [
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\($W)\" height=\"\($H)\" viewBox=\"0 0 \($W) \($H)\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">",
  "<title>perfweave: latency per operation</title>",
  "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
  "<text x=\"20\" y=\"30\" font-size=\"19\" font-weight=\"bold\" fill=\"#1b2631\">Latency per operation, as the perfweave agent measured it</text>",
  "<text x=\"20\" y=\"52\" fill=\"#4d5656\">sample orchestrator\(if $doc.setup.projects != null then ", \($doc.setup.projects) projects" else "" end), project \($doc.setup.project_id | esc); \($doc.host.logical_processors) logical processors, load average \($doc.host.load_average_1m_at_start // "n/a") at start; \($doc.finished_at // "" | esc)</text>",
  "<text x=\"20\" y=\"70\" fill=\"#4d5656\">\(if $doc.passed then "every criterion met" else "FAILED: " + ([$criteria[] | select(.pass | not) | .name] + (if $doc.regression != null and ($doc.regression.pass | not) then ["no regression"] else [] end) | join(", ")) end | esc)</text>",
  # grid and tick labels
  ( $ticks[] as $t | (x($t)) as $gx
    | (($t | log10 | . - (. | round) | fabs) < 1e-9) as $decade
    | (if $decade then "#c8ced3" else "#eceff1" end) as $stroke
    | "<line x1=\"\($gx | r1)\" y1=\"\($top + 6)\" x2=\"\($gx | r1)\" y2=\"\($bottom)\" stroke=\"\($stroke)\"/>",
      (if $decade or ($d1 - $d0) <= 3 then
       "<text x=\"\($gx | r1)\" y=\"\($top)\" text-anchor=\"middle\" fill=\"#566573\" font-size=\"11\">\($t | fmt_ms)</text>",
       "<text x=\"\($gx | r1)\" y=\"\($bottom + 14)\" text-anchor=\"middle\" fill=\"#566573\" font-size=\"11\">\($t | fmt_ms)</text>"
       else empty end)),
  "<text x=\"\($left + $plotw / 2)\" y=\"\($bottom + 32)\" text-anchor=\"middle\" fill=\"#566573\">duration of the operation's successful calls (logarithmic)</text>",
  # the panels
  ( range(0; $panels | length) as $i | $panels[$i] as $p | $ys[$i] as $y0
    | "<g>",
      "<text x=\"20\" y=\"\($y0 + 18)\" font-size=\"14\" font-weight=\"bold\" fill=\"#1b2631\">\($p.op | esc)</text>",
      "<line x1=\"20\" y1=\"\($y0 + 24)\" x2=\"\($W - $right)\" y2=\"\($y0 + 24)\" stroke=\"#d5d8dc\"/>",
      ( range(0; $p.lanes | length) as $j | $p.lanes[$j] as $lane | $lane.s as $s
        | ($y0 + $head_h + $j * $lane_h) as $ly | ($ly + $lane_h / 2) as $mid
        # per-bucket counts from the cumulative histogram, clamped to the lane's exact min and max
        | [ range(0; $lane.buckets | length) as $k
            | ($lane.buckets[$k]) as $b
            | (if $k == 0 then 0 else $lane.buckets[$k - 1].count end) as $below
            | {from: (if $k == 0 then $s.min_duration_ms else [$lane.buckets[$k - 1].le_ms, $s.min_duration_ms] | max end),
               to: (if $b.le_ms == null then $s.max_duration_ms else [$b.le_ms, $s.max_duration_ms] | min end),
               n: ($b.count - $below)}
            | select(.n > 0 and .to >= .from) ] as $cells
        | ([$cells[].n] | max // 1) as $most
        | "<text x=\"36\" y=\"\($mid + 4)\" fill=\"#34495e\">\($lane.label | esc)</text>",
          "<text x=\"\($left - 10)\" y=\"\($mid + 4)\" text-anchor=\"end\" fill=\"#7f8c8d\" font-size=\"11\">n=\($s.successful_calls)\(if ($s.failed_calls // 0) > 0 then ", \($s.failed_calls) failed" else "" end)</text>",
          ( $cells[] | (x(.from)) as $cx0 | ([x(.to) - $cx0, 2] | max) as $cw
            | "<rect x=\"\($cx0 | r1)\" y=\"\($ly + 3)\" width=\"\($cw | r1)\" height=\"\($lane_h - 6)\" fill=\"#2e86c1\" fill-opacity=\"\(0.10 + 0.45 * .n / $most | r2)\"><title>\(.n) of \($s.successful_calls) calls from \(.from | fmt_ms) to \(.to | fmt_ms)</title></rect>" ),
          "<g><title>\($p.op | esc), \($lane.label | esc): n \($s.successful_calls), min \($s.min_duration_ms | fmt_ms), p50 \($s.p50_ms | fmt_ms), mean \($s.avg_duration_ms | fmt_ms), p95 \($s.p95_ms | fmt_ms), p99 \($s.p99_ms | fmt_ms), max \($s.max_duration_ms | fmt_ms)</title>",
          "<line x1=\"\(x($s.min_duration_ms) | r1)\" y1=\"\($mid)\" x2=\"\(x($s.max_duration_ms) | r1)\" y2=\"\($mid)\" stroke=\"#1b2631\" stroke-width=\"1.5\"/>",
          "<line x1=\"\(x($s.min_duration_ms) | r1)\" y1=\"\($mid - 5)\" x2=\"\(x($s.min_duration_ms) | r1)\" y2=\"\($mid + 5)\" stroke=\"#1b2631\"/>",
          "<line x1=\"\(x($s.max_duration_ms) | r1)\" y1=\"\($mid - 5)\" x2=\"\(x($s.max_duration_ms) | r1)\" y2=\"\($mid + 5)\" stroke=\"#1b2631\"/>",
          "<rect x=\"\(x($s.p50_ms) | r1)\" y=\"\($mid - 6)\" width=\"\([x($s.p95_ms) - x($s.p50_ms), 1.5] | max | r1)\" height=\"12\" fill=\"#f5b041\" stroke=\"#9c640c\"/>",
          "<line x1=\"\(x($s.p99_ms) | r1)\" y1=\"\($mid - 8)\" x2=\"\(x($s.p99_ms) | r1)\" y2=\"\($mid + 8)\" stroke=\"#9c640c\" stroke-width=\"2\"/>",
          "<circle cx=\"\(x($s.avg_duration_ms) | r1)\" cy=\"\($mid)\" r=\"3.5\" fill=\"#1b2631\"/>",
          (if x($s.max_duration_ms) < $W - $right - 150
           then "<text x=\"\(x($s.max_duration_ms) + 8 | r1)\" y=\"\($mid + 4)\" fill=\"#34495e\" font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">p95 \($s.p95_ms | fmt_ms), max \($s.max_duration_ms | fmt_ms)</text>"
           else "<text x=\"\(x($s.min_duration_ms) - 8 | r1)\" y=\"\($mid + 4)\" text-anchor=\"end\" fill=\"#34495e\" font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">p95 \($s.p95_ms | fmt_ms), max \($s.max_duration_ms | fmt_ms)</text>" end),
          "</g>" ),
      (if $p.limit != null then
        (x($p.limit)) as $lx
        | "<line x1=\"\($lx | r1)\" y1=\"\($y0 + $head_h - 2)\" x2=\"\($lx | r1)\" y2=\"\($y0 + $head_h + ($p.lanes | length) * $lane_h + 2)\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
          "<text x=\"\($lx - 4 | r1)\" y=\"\($y0 + 18)\" text-anchor=\"end\" fill=\"#c0392b\" font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">limit \($p.limit | fmt_ms)</text>"
       else empty end),
      "</g>" ),
  # legend
  ($bottom + 52) as $ly
  | "<g font-size=\"11\" fill=\"#34495e\">",
    "<rect x=\"20\" y=\"\($ly - 9)\" width=\"22\" height=\"12\" fill=\"#2e86c1\" fill-opacity=\"0.4\"/><text x=\"48\" y=\"\($ly + 1)\">share of calls per histogram bucket</text>",
    "<line x1=\"270\" y1=\"\($ly - 3)\" x2=\"310\" y2=\"\($ly - 3)\" stroke=\"#1b2631\" stroke-width=\"1.5\"/><text x=\"316\" y=\"\($ly + 1)\">min to max</text>",
    "<rect x=\"400\" y=\"\($ly - 9)\" width=\"26\" height=\"12\" fill=\"#f5b041\" stroke=\"#9c640c\"/><text x=\"432\" y=\"\($ly + 1)\">p50 to p95</text>",
    "<line x1=\"520\" y1=\"\($ly - 11)\" x2=\"520\" y2=\"\($ly + 5)\" stroke=\"#9c640c\" stroke-width=\"2\"/><text x=\"528\" y=\"\($ly + 1)\">p99</text>",
    "<circle cx=\"580\" cy=\"\($ly - 3)\" r=\"3.5\" fill=\"#1b2631\"/><text x=\"590\" y=\"\($ly + 1)\">mean</text>",
    "<line x1=\"650\" y1=\"\($ly - 11)\" x2=\"650\" y2=\"\($ly + 5)\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"658\" y=\"\($ly + 1)\">the criterion's or threshold's limit (average)</text>",
    "<text x=\"20\" y=\"\($ly + 24)\" fill=\"#7f8c8d\">Each test starts from POST /reset, so a lane holds only that test's calls. Test 4's two lanes come from the agent's per-project report; its histogram holds both, so they are not shaded. Hover a lane for its figures.</text>",
    "</g>",
  "</svg>"
] | join("\n")
