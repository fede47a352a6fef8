#!/usr/bin/env bash
# The event evaluations of issue 17 in one go, from the repository root after `make install`:
#   scripts/eval_events.sh EVAL_ROOT OUT [seeds ucdp geovirus lgl warline styles]...
# EVAL_ROOT is the corpus root (../shared/eval here); OUT a folder for the outputs. With no
# step names, all of them. STYLES=FILE scores another file in the fixture's format
# (tests/fixtures/reporting_styles.jsonl by default) in the styles step.
set -euo pipefail
root=${1:?usage: scripts/eval_events.sh EVAL_ROOT OUT [step]...}
out=${2:?usage: scripts/eval_events.sh EVAL_ROOT OUT [step]...}
shift 2
steps=${*:-seeds ucdp geovirus lgl warline styles}
bin=.venv/bin
mkdir -p "$out"
export COLUMNS=200
for step in $steps; do
  case $step in
  seeds)
    $bin/frontwatch eval seeds tests/fixtures/seeds.gold.json demo/articles > "$out/seeds.txt"
    grep -E "'(found|found_with_source_and_status|spurious)'" "$out/seeds.txt" ;;
  ucdp)
    $bin/frontwatch eval events "$root/events/ucdp-ged-ukraine-2022.jsonl" --json > "$out/ucdp.json"
    $bin/python -c "import json,sys; d=json.load(open(sys.argv[1])); d.pop('misses', None); print(d)" "$out/ucdp.json" ;;
  geovirus | lgl)
    name=$([ "$step" = lgl ] && echo LGL || echo GeoVirus)
    $bin/frontwatch eval precision "$root/geoparsing/$name.xml" > "$out/$step.txt"
    grep -E "per_article|passing" "$out/$step.txt" ;;
  warline)
    rm -rf "$out/par" "$out"/en.db* "$out"/uk.db*
    python3 "$root/multilingual/agreement.py" make "$root/multilingual/warline-dev.jsonl" "$out/par" > /dev/null
    for lang in en uk; do
      $bin/frontwatch ingest "$out/par/$lang.jsonl" --db "$out/$lang.db" > /dev/null 2>&1
      $bin/frontwatch export --db "$out/$lang.db" --format csv -o "$out/$lang.csv" 2> /dev/null
      $bin/frontwatch export --db "$out/$lang.db" --what db --format jsonl -o "$out/$lang.dump.jsonl" 2> /dev/null
    done
    python3 "$root/multilingual/agreement.py" score "$out/en.csv" "$out/en.dump.jsonl" \
      "$out/uk.csv" "$out/uk.dump.jsonl" | tail -1 ;;
  styles)
    PYTHONPATH=src:tests $bin/python tests/styles_kit.py ${STYLES:-} > "$out/styles.txt"
    grep -E "^[a-z_]+:[a-z]+ " "$out/styles.txt" ;;
  *) echo "unknown step: $step" >&2; exit 2 ;;
  esac
done
