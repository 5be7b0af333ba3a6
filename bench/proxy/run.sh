#!/usr/bin/env bash
# DeviceWatch proxy vs mitmproxy (mitmdump) vs direct, side by side in one run, same load client (wrk), same nginx
# upstream with TLS on 127.0.0.1. Prints HTTPS requests/s with keep-alive (16 connections), p50/p99 latency, new
# TLS connections/s (Connection: close), ratios, and DeviceWatch's memory (RSS) before, after and across a soak run.
#
#   bash bench/proxy/run.sh                    # 15 s per case, 3 alternating rounds, 30 s soak
#   DURATION=30 SOAK=300 bash bench/proxy/run.sh   # the issue's 5-minute memory run
#   DURATION=10 ROUNDS=5 SOAK=0 bash bench/proxy/run.sh   # a quicker throughput check (no soak)
#   MITM=0 ROUNDS=3 SOAK=0 bash bench/proxy/run.sh  # while iterating: no mitmdump column
#   WARMUP=0 bash bench/proxy/run.sh               # no untimed warm-up load before the rounds (default 10 s)
#   DLL=/tmp/old/devicewatch.dll bash bench/proxy/run.sh  # an already built devicewatch.dll (no build): A/B of builds
#
# The box is small and shared (2 cores; builds and other benchmarks run beside it), so one run of each case is
# noisy: the same build measured 11.5k and 17k req/s minutes apart. The keep-alive cases of direct and DeviceWatch
# therefore run ROUNDS times, alternating (direct, devicewatch, direct, ...), and the table shows the median of each;
# the ratio line also gives the median of the per-round ratios (each from two runs close in time) and their range.
# The load itself is unchanged: the same wrk settings, nginx and direct case in every round. DeviceWatch's CPU time
# per keep-alive request (user+system of its process, from /proc) is printed too: it moves much less with the
# neighbours' load than requests/s does, and is the number to compare between builds.
#
# wrk cannot use an HTTP proxy, so DeviceWatch runs in its SNI mode: wrk connects to the proxy port with SNI
# "localhost", the proxy intercepts TLS (wrk verifies nothing) and connects to localhost:<nginx port> (--sni-port),
# validating nginx with the generated CA (--upstream-ca). mitmdump runs in reverse mode in front of the same nginx.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15}
SOAK=${SOAK:-30}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
export DW_ARTIFACTS=${DW_ARTIFACTS:-$PWD/artifacts}
dll=${DLL:-"$DW_ARTIFACTS/bin/DeviceWatch/release/devicewatch.dll"}

# shellcheck source=bench/proxy/common.sh
source bench/proxy/common.sh

# 1. Tools.
bench_tools
have_mitm=1
if [ "${MITM:-1}" = 0 ]; then
  have_mitm=0
elif ! command -v mitmdump >/dev/null; then
  apt-get install -y -qq mitmproxy >/dev/null 2>&1 || true
  command -v mitmdump >/dev/null || { have_mitm=0; echo "NOTE: mitmproxy (mitmdump) could not be installed from Debian: the mitmdump column is skipped" >&2; }
fi
if [ -z "${DLL:-}" ]; then
  echo "building DeviceWatch (Release) into $DW_ARTIFACTS ..." >&2
  dotnet build src/DeviceWatch -c Release -nologo -clp:ErrorsOnly >/dev/null
fi

# 2. A CA, a server certificate for localhost, nginx on a free port (all in a temp folder).
BENCH_NAME=dw-proxy-bench bench_start_upstream
dw_port=$(free_port); mitm_port=$(free_port)

# 3. DeviceWatch (SNI mode) and mitmdump (reverse mode) in front of it.
bench_start_devicewatch "$dll" "$dw_port"
if [ $have_mitm = 1 ]; then
  mitmdump --mode "reverse:https://127.0.0.1:$nginx_port" --ssl-insecure -p "$mitm_port" -q --set confdir="$tmp/mitm" \
    --set stream_large_bodies=1m > "$tmp/mitm.log" 2>&1 & pids+=($!)
fi
wait_port "$nginx_port"; wait_port "$dw_port"; [ $have_mitm = 0 ] || wait_port "$mitm_port"
curl -sk --fail "https://localhost:$dw_port/" >/dev/null || { echo "DeviceWatch does not relay to nginx:" >&2; cat "$tmp/dw.log" >&2; exit 1; }
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$dw_pid/status"; }
rss_start=$(rss)

# 4. Load: keep-alive (requests/s, p50, p99) and Connection: close (new TLS connections/s), each target in turn.
declare -A ka_rps ka_p50 ka_p99 hs_rps ka_all
targets="direct devicewatch"; [ $have_mitm = 0 ] || targets="$targets mitmdump"
port_of() { case $1 in direct) echo $nginx_port ;; devicewatch) echo $dw_port ;; mitmdump) echo $mitm_port ;; esac; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$dw_pid/stat"; }
# Warm-up: the proxy's first seconds under load run code the JIT has not optimized yet (tier-0, then instrumented
# code, then tier-1 with profile data): that round measured up to 50 % more CPU per request than the rounds after it,
# and with 3 rounds it could become the median. So DeviceWatch gets WARMUP seconds of the same load first, untimed
# (WARMUP=0 measures from a cold start, as runs before this option did).
WARMUP=${WARMUP:-10}
if [ "$WARMUP" -gt 0 ]; then
  echo "warm-up: ${WARMUP}s keep-alive through DeviceWatch (not measured) ..." >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "https://localhost:$dw_port/" >/dev/null 2>&1
fi
round_ratios=(); dw_cpu_us=()
for r in $(seq 1 "$ROUNDS"); do
  for t in direct devicewatch; do
    echo "round $r/$ROUNDS: $t (${DURATION}s keep-alive) ..." >&2
    ticks0=$(cpu_ticks)
    read -r rps p50 p99 < <(run_wrk "https://localhost:$(port_of $t)/")
    ticks1=$(cpu_ticks)
    ka_all[$t]="${ka_all[$t]:-} $rps"; ka_all[$t.p50]="${ka_all[$t.p50]:-} $p50"; ka_all[$t.p99]="${ka_all[$t.p99]:-} $p99"
    if [ $t = devicewatch ]; then
      dw_cpu_us+=("$(awk -v c=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v rps="$rps" -v d="$DURATION" 'BEGIN { printf "%.1f", (rps > 0 ? c / hz * 1e6 / (rps * d) : 0) }')")
      round_ratios+=("$(awk -v a="$rps" -v b="$last_direct" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')")
    else
      last_direct=$rps
    fi
  done
done
for t in direct devicewatch; do
  ka_rps[$t]=$(tr ' ' '\n' <<<"${ka_all[$t]}" | grep . | median)
  ka_p50[$t]=$(tr ' ' '\n' <<<"${ka_all[$t.p50]}" | grep . | median)
  ka_p99[$t]=$(tr ' ' '\n' <<<"${ka_all[$t.p99]}" | grep . | median)
done
for t in $targets; do
  if [ $t = mitmdump ]; then
    echo "measuring $t (${DURATION}s keep-alive) ..." >&2
    read -r ka_rps[$t] ka_p50[$t] ka_p99[$t] < <(run_wrk "https://localhost:$(port_of $t)/")
  fi
  echo "measuring $t (${DURATION}s Connection: close) ..." >&2
  read -r hs_rps[$t] _ _ < <(run_wrk "https://localhost:$(port_of $t)/" -H "Connection: close")
done
event_threads=$(grep -l '^\.NET Sockets' /proc/$dw_pid/task/*/comm 2>/dev/null | wc -l)
rss_after=$(rss)

# 5. Soak: keep-alive load for SOAK seconds through DeviceWatch, RSS sampled every 5 s.
samples=()
soak_rps=0
if [ "$SOAK" -gt 0 ]; then
  echo "soak: ${SOAK}s keep-alive through DeviceWatch ..." >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SOAK}s" "https://localhost:$dw_port/" > "$tmp/soak.txt" 2>&1 & soak_pid=$!
  while kill -0 $soak_pid 2>/dev/null; do samples+=("$(rss)"); sleep 5; done
  soak_rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/soak.txt")
fi
rss_end=$(rss)
rss_max=$(printf "%s\n" "${samples[@]}" "$rss_end" | sort -n | tail -1)

# 6. Stop DeviceWatch (it writes its outputs) and print the table.
# (SIGTERM: background jobs of a non-interactive shell ignore SIGINT.)
kill -TERM $dw_pid
for _ in $(seq 1 600); do kill -0 $dw_pid 2>/dev/null || break; sleep 0.2; done
kill -0 $dw_pid 2>/dev/null && echo "devicewatch did not stop within 120 s" >&2
wait $dw_pid 2>/dev/null || true
summary=$(grep -E "connections|records dropped" "$tmp/dw.log" | tail -1 || true)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0 == 0) print "-"; else printf "%.2f", a / b }'; }
echo
printf "HTTPS through a proxy to nginx on 127.0.0.1 — wrk -t%s -c%s, %ss per case, %s cores (shared)\n" "$THREADS" "$CONNECTIONS" "$DURATION" "$(nproc)"
printf "keep-alive columns of direct and devicewatch: median of %s alternating rounds (after %ss of warm-up load)\n" "$ROUNDS" "$WARMUP"
printf "%-12s %14s %10s %10s %16s\n" target "keepalive_rps" "p50_ms" "p99_ms" "new_conn_per_s"
for t in $targets; do
  printf "%-12s %14s %10s %10s %16s\n" "$t" "${ka_rps[$t]}" "${ka_p50[$t]}" "${ka_p99[$t]}" "${hs_rps[$t]}"
done
echo
printf "devicewatch / direct:    requests/s %s, new connections/s %s; p50 added latency %s ms\n" \
  "$(ratio "${ka_rps[devicewatch]}" "${ka_rps[direct]}")" "$(ratio "${hs_rps[devicewatch]}" "${hs_rps[direct]}")" \
  "$(awk -v a="${ka_p50[devicewatch]}" -v b="${ka_p50[direct]}" 'BEGIN { printf "%.3f", a - b }')"
printf "devicewatch / direct per round (median, range): %s (%s .. %s) over %s rounds\n" \
  "$(printf "%s\n" "${round_ratios[@]}" | median)" "$(printf "%s\n" "${round_ratios[@]}" | sort -n | head -1)" \
  "$(printf "%s\n" "${round_ratios[@]}" | sort -n | tail -1)" "$ROUNDS"
printf "devicewatch CPU per keep-alive request: %s us (median; rounds: %s); socket event threads: %s (one per core: inline completions)\n" \
  "$(printf "%s\n" "${dw_cpu_us[@]}" | median)" "${dw_cpu_us[*]}" "$event_threads"
if [ $have_mitm = 1 ]; then
  printf "devicewatch / mitmdump:  requests/s %s, new connections/s %s\n" \
    "$(ratio "${ka_rps[devicewatch]}" "${ka_rps[mitmdump]}")" "$(ratio "${hs_rps[devicewatch]}" "${hs_rps[mitmdump]}")"
else
  echo "devicewatch / mitmdump:  not measured (MITM=0, or mitmproxy not installable here)"
fi
printf "devicewatch RSS: %s MB at start, %s MB after the cases; soak %ss at %s req/s: %s MB at end, %s MB max\n" \
  "$rss_start" "$rss_after" "$SOAK" "${soak_rps:-0}" "$rss_end" "$rss_max"
[ -z "$summary" ] || echo "devicewatch: ${summary#devicewatch proxy: }"
