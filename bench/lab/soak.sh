#!/usr/bin/env bash
# Soak: `devicewatch run` captures on a veth for SOAK_SECONDS (default 600) while tcpreplay loops a synthetic lab
# capture into it at a steady rate; every SAMPLE seconds it prints the daemon's resident memory and open file
# descriptors, which must stay flat (bounded flow table, queues, caches; rotated capture files closed).
# Everything runs in two network namespaces made here (dwt-<random>-src, dwt-<random>-gw), removed on exit.
#   sudo bash bench/lab/soak.sh
#   SOAK_SECONDS=120 MBPS=20 sudo -E bash bench/lab/soak.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
artifacts=${DW_ARTIFACTS:-artifacts}
dll="$artifacts/bin/DeviceWatch/release/devicewatch.dll"
seconds=${SOAK_SECONDS:-600}
sample=${SAMPLE:-30}
mbps=${MBPS:-10}
work=$(mktemp -d /tmp/dw-soak.XXXXXX)
id=$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
src="dwt-$id-src"; gw="dwt-$id-gw"; vsrc="dw${id}ss"; vgw="dw${id}sg"
for tool in tcpreplay ip dotnet; do command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install -y tcpreplay iproute2)" >&2; exit 2; }; done

daemon=""; replay=""
cleanup() {
  [ -n "$replay" ] && kill "$replay" 2>/dev/null || true
  [ -n "$daemon" ] && kill -9 "$daemon" 2>/dev/null || true
  ip netns del "$src" 2>/dev/null || true
  ip netns del "$gw" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -f "$dll" ] || DW_ARTIFACTS="$artifacts" dotnet build src/DeviceWatch -c Release -nologo -clp:ErrorsOnly >/dev/null
capture="$work/lab.pcapng"
dotnet "$dll" synth demo --out "$capture" >/dev/null

ip netns add "$src"; ip netns add "$gw"
ip -n "$src" link add "$vsrc" type veth peer name "$vgw" netns "$gw"
ip -n "$src" link set "$vsrc" up; ip -n "$gw" link set "$vgw" up
ip -n "$src" link set lo up; ip -n "$gw" link set lo up

cat > "$work/run.json" <<JSON
{ "Output": "$work/out", "SummaryIntervalSeconds": 0, "FindingsRefreshSeconds": 30, "Control": "$work/control.sock",
  "Capture": { "Interfaces": ["$vgw"], "BufferSizeMb": 32, "RotateMb": 20, "RotateSeconds": 60 } }
JSON
ip netns exec "$gw" dotnet "$dll" run --config "$work/run.json" 2>"$work/run.log" &
daemon=$!
for _ in $(seq 100); do grep -q "devicewatch run: session" "$work/run.log" 2>/dev/null && break; sleep 0.1; done
ip netns exec "$src" tcpreplay -q -K --loop=0 --mbps "$mbps" -i "$vsrc" "$capture" >/dev/null 2>&1 &
replay=$!

printf "%8s %10s %8s %10s\n" elapsed_s rss_MB open_fds files
start=$(date +%s)
while :; do
  now=$(( $(date +%s) - start ))
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$daemon/status")
  fds=$(ls "/proc/$daemon/fd" | wc -l)
  files=$(ls "$work"/out/captures/*/ 2>/dev/null | wc -l)
  printf "%8s %10s %8s %10s\n" "$now" "$rss" "$fds" "$files"
  [ "$now" -ge "$seconds" ] && break
  sleep "$sample"
done
kill "$replay" 2>/dev/null || true; wait "$replay" 2>/dev/null || true; replay=""
kill -TERM "$daemon"; wait "$daemon"; daemon=""
python3 - "$work/out/capture-stats.json" <<'PY'
import json, sys
i = json.load(open(sys.argv[1]))["interfaces"][0]
print(f'received {i["received"]} delivered {i["delivered"]} kernel_dropped {i["kernel_dropped"] + i["interface_dropped"]} '
      f'pipeline_dropped {i["pipeline_dropped"]} unaccounted {i.get("unaccounted", 0)}')
PY
