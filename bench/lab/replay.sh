#!/usr/bin/env bash
# Live-capture robustness: replays a synthetic capture with tcpreplay into a veth while `devicewatch run` captures
# on its peer, at increasing rates and then --topspeed, and prints what tcpreplay sent and what DeviceWatch received
# and dropped (kernel and pipeline, from capture-stats.json). The highest rate with zero drops is the figure for
# the README. Then kills one session with kill -9 and checks the store opens and the closed capture files read.
# Everything runs in two network namespaces made here (dwt-<random>-src, dwt-<random>-gw), removed on exit.
#   sudo bash bench/lab/replay.sh                    # 300k packets, rates 100 250 500 1000 2000 Mbit/s + topspeed
#   PACKETS=1000000 RATES="500 1000" sudo -E bash bench/lab/replay.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
artifacts=${DW_ARTIFACTS:-artifacts}
dll="$artifacts/bin/DeviceWatch/release/devicewatch.dll"
packets=${PACKETS:-300000}
rates=${RATES:-"100 250 500 1000 2000"}
work=$(mktemp -d /tmp/dw-replay.XXXXXX)
id=$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
src="dwt-$id-src"; gw="dwt-$id-gw"; vsrc="dw${id}rs"; vgw="dw${id}rg"
for tool in tcpreplay tshark ip dotnet; do command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install -y tcpreplay tshark iproute2)" >&2; exit 2; }; done

daemon=""
cleanup() {
  [ -n "$daemon" ] && kill -9 "$daemon" 2>/dev/null || true
  ip netns del "$src" 2>/dev/null || true
  ip netns del "$gw" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -f "$dll" ] || DW_ARTIFACTS="$artifacts" dotnet build src/DeviceWatch -c Release -nologo -clp:ErrorsOnly >/dev/null
capture="$work/bulk.pcap"
dotnet "$dll" synth bulk --packets "$packets" --out "$capture" --seed 21 >/dev/null
bytes=$(stat -c %s "$capture")

ip netns add "$src"; ip netns add "$gw"
ip -n "$src" link add "$vsrc" type veth peer name "$vgw" netns "$gw"
ip -n "$src" link set "$vsrc" up; ip -n "$gw" link set "$vgw" up
ip -n "$src" link set lo up; ip -n "$gw" link set lo up

session() { # rate ("topspeed" or Mbit/s); prints one result line; optional 2nd arg "kill" for the kill -9 check
  local rate=$1 out="$work/out-$1"
  cat > "$work/run.json" <<JSON
{ "Output": "$out", "SummaryIntervalSeconds": 0, "Control": "$work/control.sock",
  "Capture": { "Interfaces": ["$vgw"], "BufferSizeMb": ${BUFFER_MB:-64}, "RotateMb": ${ROTATE_MB:-50}, "RotateSeconds": 0 } }
JSON
  ip netns exec "$gw" dotnet "$dll" run --config "$work/run.json" 2>"$work/run-$rate.log" &
  daemon=$!
  for _ in $(seq 100); do grep -q "devicewatch run: session" "$work/run-$rate.log" 2>/dev/null && break; sleep 0.1; done
  local speed=(--mbps "$rate"); [ "$rate" = topspeed ] && speed=(--topspeed)
  local sent
  sent=$(ip netns exec "$src" tcpreplay -q -K -i "$vsrc" "${speed[@]}" "$capture" 2>&1 | awk '/Rated:/ {print $2" B/s "$4" Mbps "$6" pps"} /Actual:/ {a=$2" pkts in "$8" s"} END {print a}' | paste -sd' ')
  sleep "${SETTLE:-2}"
  if [ "${2:-}" = kill ]; then
    kill -9 "$daemon"; wait "$daemon" 2>/dev/null || true; daemon=""
    echo "kill -9: $(check_after_kill "$out")"
    return
  fi
  kill -TERM "$daemon"; wait "$daemon"; daemon=""
  python3 - "$out/capture-stats.json" "$rate" "$packets" "$sent" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); i = s["interfaces"][0]
print(f'{sys.argv[2]:>9} | sent {sys.argv[3]} ({sys.argv[4]}) | received {i["received"]} delivered {i["delivered"]} '
      f'kernel_dropped {i["kernel_dropped"] + i["interface_dropped"]} pipeline_dropped {i["pipeline_dropped"]} unaccounted {i.get("unaccounted", 0)} | files {len(s["captures"])}')
PY
}

check_after_kill() { # output folder: store opens, closed capture files complete
  local out=$1 files ok=0 bad=0 last
  local integrity analyze=0
  integrity=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0])" "$out/session.db" 2>&1 || true)
  dotnet "$dll" analyze "$out"/captures/*/ --out "$work/after-kill" --quiet >/dev/null 2>&1 || analyze=$?
  files=$(ls "$out"/captures/*/*.pcap | sort); last=$(echo "$files" | tail -1)
  for f in $files; do
    if tshark -r "$f" -q 2>&1 | grep -qv "Running as user"; then [ "$f" = "$last" ] || bad=$((bad + 1)); else ok=$((ok + 1)); fi
  done
  echo "session.db integrity_check: $integrity; analyze exit $analyze; $(echo "$files" | wc -l) capture files, $ok read cleanly, $bad closed files damaged (last may be cut short)"
}

echo "capture: $packets packets, $bytes bytes; cores: $(nproc); DeviceWatch $dll"
echo "     rate | tcpreplay                                       | devicewatch"
for rate in $rates topspeed; do session "$rate"; done
ROTATE_MB=${KILL_ROTATE_MB:-5} session topspeed kill
