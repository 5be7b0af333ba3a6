#!/usr/bin/env bash
# DeviceWatch vs tshark, side by side on the same synthetic captures, same machine, same run.
# Prints wall time, peak memory (max RSS) and the speed ratio for a 1M-packet capture and a >1 GB capture.
#   bash bench/run.sh            # both sizes
#   SIZES="1m" bash bench/run.sh # only the 1M-packet capture
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_OUT:-bench/out}
mkdir -p "$out"
cli="dotnet artifacts/bin/DeviceWatch/release/devicewatch.dll"
# Always built (a no-op when nothing changed): a release build left from older sources would be measured otherwise.
dotnet build src/DeviceWatch -c Release -nologo -clp:ErrorsOnly >/dev/null
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
sizes=${SIZES:-"1m 1gb"}

measure() { # label, command...; prints "wall_s max_rss_mb"
  local log; log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "${@:2}" >/dev/null 2>&1 || { echo "$1 failed" >&2; cat "$log" >&2; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$log"; rm -f "$log"
}

printf "%-10s %12s %12s | %10s %9s | %10s %9s | %7s\n" capture packets size_MB dw_wall_s dw_rss_MB ts_wall_s ts_rss_MB speedup
for size in $sizes; do
  file="$out/bulk-$size.pcap"
  if [ ! -f "$file" ]; then
    case $size in
      1m)  $cli synth bulk --packets 1000000 --out "$file" --seed 11 >/dev/null ;;
      1gb) $cli synth bulk --bytes 1200000000 --out "$file" --seed 12 >/dev/null ;;
    esac
  fi
  packets=$(capinfos -c -M "$file" 2>/dev/null | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}')
  mb=$(( $(stat -c %s "$file") / 1000000 ))
  cat "$file" >/dev/null   # same page-cache state for both tools
  read -r dw_wall dw_rss < <(measure devicewatch $cli analyze "$file" --out "$out/dw-$size" --quiet)
  read -r ts_wall ts_rss < <(measure tshark tshark -r "$file" -n -T fields -e dns.qry.name -e tls.handshake.extensions_server_name -e http.host -e http.request.uri)
  ratio=$(awk -v a="$ts_wall" -v b="$dw_wall" 'BEGIN { printf "%.1fx", a / b }')
  printf "%-10s %12s %12s | %10s %9s | %10s %9s | %7s\n" "$size" "$packets" "$mb" "$dw_wall" "$dw_rss" "$ts_wall" "$ts_rss" "$ratio"
done
