#!/usr/bin/env bash
# Runs every test project and prints one closing line "N passed, N failed, N skipped".
set -uo pipefail
dotnet_bin=${1:-dotnet}
config=${2:-Release}
log=$(mktemp)
"$dotnet_bin" test DeviceWatch.sln -c "$config" --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$failed" -gt 0 ]; then
  # CI shows only the end of the output: repeat each failure (name, message, first lines) just above the summary.
  echo "Failed tests (the full messages are above):"
  awk '/^  Failed [A-Za-z]/ {n = 12} n > 0 {print; n--; if ($0 ~ /^  Stack Trace:/) n = 2}' "$log"
fi
rm -f "$log"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$passed" -eq 0 ]; then echo "no test ran"; exit 1; fi
