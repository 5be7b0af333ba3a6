#!/usr/bin/env bash
# The floor for any TLS-intercepting relay on this box: direct vs a best-case nginx relay vs DeviceWatch, side by
# side in alternating rounds, with run.sh's load (wrk, keep-alive, 16 connections), run.sh's nginx upstream with TLS on
# 127.0.0.1, the same certificates and the same per-case duration. Prints per case the median requests/s, p50/p99, the
# relay's CPU time per request (user and system, from /proc), the upstream nginx's and the whole box's CPU time per
# request, and the ratio to direct (median of the per-round ratios, and their range).
#
#   bash bench/proxy/floor.sh                          # 10 s per case, 3 rounds, 5 s warm-up per relay
#   DURATION=10 ROUNDS=5 bash bench/proxy/floor.sh     # the run the issue's numbers come from
#   DLL=/tmp/dw/bin/DeviceWatch/release/devicewatch.dll bash bench/proxy/floor.sh   # a prebuilt devicewatch.dll
#   DW=0 bash bench/proxy/floor.sh                     # no DeviceWatch column (no build)
#   STRACE=0 bash bench/proxy/floor.sh                 # no syscall count at the end (default: STRACE_SECONDS=4)
#
# Why: issue 5 asks the proxy for at least half the direct rate. The proxy terminates the client's TLS, relays each
# request over a second TLS connection and so pays the kernel's loopback TCP and TLS twice on a box whose 2 cores
# also run wrk and nginx. Whether 0.5x is reachable at all is a property of the box, not of DeviceWatch, so this
# measures the best C implementation of the same job: a second nginx that terminates the client's TLS with a leaf
# for localhost (the upstream's own leaf, signed by the same CA) and proxy_passes over a keep-alive pool of TLS
# connections to the upstream nginx, verifying its certificate with the CA, logging nothing. It runs twice:
# "nginx-1w" with one worker process (no master: one process, like DeviceWatch) and "nginx-2w" with two workers
# (master + 2 workers, listen ... reuseport so the 16 connections spread over both), because DeviceWatch's thread
# pool may use both cores too. If the 1-worker relay gets only about 0.5x direct, 0.5x is beyond any relay design
# here; if it gets clearly more, the difference is what DeviceWatch spends beyond the floor.
#
# The rounds alternate (direct, then the relays in an order rotated every round) so each ratio compares runs close
# in time; the relays get WARMUP seconds of untimed load first (DeviceWatch's JIT tiers, see run.sh). CPU time per
# request moves much less with the neighbours' load than requests/s. "box" is all CPUs' non-idle time from
# /proc/stat (wrk, both nginx, the relay and anything else running) divided by the requests: when the box is
# saturated, the ratio of a relay to direct is about box_us(direct) / box_us(relay).
# At the end (STRACE=1) each relay is traced with `strace -c -f` for STRACE_SECONDS under the same load and the
# syscalls per request are printed. strace slows the relay down several times, which changes how much each
# epoll_wait/read batches, so these counts describe the code paths, not exact unperturbed rates.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
STRACE=${STRACE:-1}
STRACE_SECONDS=${STRACE_SECONDS:-4}
DW=${DW:-1}
export DW_ARTIFACTS=${DW_ARTIFACTS:-$PWD/artifacts}
dll=${DLL:-"$DW_ARTIFACTS/bin/DeviceWatch/release/devicewatch.dll"}

# shellcheck source=bench/proxy/common.sh
source bench/proxy/common.sh

# 1. Tools.
bench_tools
if [ "$STRACE" = 1 ] && ! command -v strace >/dev/null; then
  apt-get install -y -qq strace >/dev/null 2>&1 || true
  command -v strace >/dev/null || { STRACE=0; echo "NOTE: strace could not be installed: no syscall counts" >&2; }
fi
if [ "$DW" = 1 ] && [ -z "${DLL:-}" ]; then
  echo "building DeviceWatch (Release) into $DW_ARTIFACTS ..." >&2
  dotnet build src/DeviceWatch -c Release -nologo -clp:ErrorsOnly >/dev/null
fi

# 2. A CA, a server certificate for localhost and the upstream nginx on a free port, as in run.sh.
BENCH_NAME=dw-proxy-floor bench_start_upstream
trap 'exit 130' INT TERM
dw_port=$(free_port); relay1_port=$(free_port); relay2_port=$(free_port)

# 3. The nginx relays: own config, temp dir and port each. relay_conf <dir> <port> <workers>
relay_conf() {
  local d=$1 port=$2 workers=$3 master=off reuse=""
  [ "$workers" = 1 ] || { master=on; reuse=" reuseport"; }
  mkdir -p "$d"
  cat > "$d/nginx.conf" <<CONF
daemon off; master_process $master; worker_processes $workers; error_log $d/error.log; pid $d/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off; keepalive_requests 10000000; keepalive_timeout 120s;
  client_body_temp_path $d/body; proxy_temp_path $d/proxy; fastcgi_temp_path $d/fcgi; uwsgi_temp_path $d/uwsgi; scgi_temp_path $d/scgi;
  upstream bench_upstream {
    server 127.0.0.1:$nginx_port;
    keepalive 32; keepalive_requests 10000000; keepalive_timeout 120s;
  }
  server {
    listen 127.0.0.1:$port ssl$reuse; server_name localhost;
    ssl_certificate $tmp/server.pem; ssl_certificate_key $tmp/server.key; ssl_session_cache off; ssl_session_tickets off;
    location / {
      proxy_pass https://bench_upstream;
      proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host localhost;
      proxy_ssl_verify on; proxy_ssl_trusted_certificate $tmp/ca.pem; proxy_ssl_name localhost;
      proxy_ssl_server_name on; proxy_ssl_session_reuse on;
    }
  }
}
CONF
}
relay_conf "$tmp/relay1" "$relay1_port" 1
relay_conf "$tmp/relay2" "$relay2_port" 2
"$nginx_bin" -c "$tmp/relay1/nginx.conf" -p "$tmp/relay1" & relay1_pid=$!; pids+=($relay1_pid)
"$nginx_bin" -c "$tmp/relay2/nginx.conf" -p "$tmp/relay2" & relay2_pid=$!; pids+=($relay2_pid)

# 4. DeviceWatch, exactly as run.sh starts it (SNI mode, upstream validated with the CA, --pinning-threshold 0).
[ "$DW" = 0 ] || bench_start_devicewatch "$dll" "$dw_port"
wait_port "$nginx_port"; wait_port "$relay1_port"; wait_port "$relay2_port"; [ "$DW" = 0 ] || wait_port "$dw_port"
relays="nginx-1w nginx-2w"; [ "$DW" = 0 ] || relays="$relays devicewatch"
port_of() { case $1 in direct) echo $nginx_port ;; nginx-1w) echo $relay1_port ;; nginx-2w) echo $relay2_port ;; devicewatch) echo $dw_port ;; esac; }
# The processes whose CPU counts as the relay's: nginx-2w is its master and the workers (children, long-lived).
pids_of() { case $1 in direct) echo $nginx_pid ;; nginx-1w) echo $relay1_pid ;; nginx-2w) echo $relay2_pid $(pgrep -P $relay2_pid) ;; devicewatch) echo $dw_pid ;; esac; }
for t in $relays; do
  curl -sk --fail "https://localhost:$(port_of $t)/" | grep -q '"device":"bench"' || {
    echo "$t does not relay to nginx:" >&2; cat "$tmp/relay1/error.log" "$tmp/relay2/error.log" "$tmp/dw.log" 2>/dev/null >&2; exit 1; }
done
[ "$(pgrep -c -P $relay2_pid)" = 2 ] || { echo "nginx-2w: expected 2 worker processes, found $(pgrep -c -P $relay2_pid)" >&2; exit 1; }

# 5. Load, as in run.sh.
hz=$(getconf CLK_TCK)
ticks_of() { # pids... -> "utime stime" summed
  local p u=0 s=0 a b
  for p in "$@"; do read -r a b < <(awk '{print $14, $15}' "/proc/$p/stat"); u=$((u + a)); s=$((s + b)); done
  echo "$u $s"
}
box_busy() { awk '$1=="cpu" { print $2+$3+$4+$7+$8+$9 }' /proc/stat; }   # user nice system irq softirq steal
per_req() { awk -v c="$1" -v hz="$hz" -v rps="$2" -v d="$DURATION" 'BEGIN { printf "%.1f", (rps > 0 ? c / hz * 1e6 / (rps * d) : 0) }'; }

if [ "$WARMUP" -gt 0 ]; then
  for t in $relays; do
    echo "warm-up: ${WARMUP}s keep-alive through $t (not measured) ..." >&2
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "https://localhost:$(port_of $t)/" >/dev/null 2>&1
  done
fi
declare -A all
read -r -a relay_list <<<"$relays"
n=${#relay_list[@]}
for r in $(seq 1 "$ROUNDS"); do
  order="direct"
  for i in $(seq 0 $((n - 1))); do order="$order ${relay_list[$(((i + r - 1) % n))]}"; done
  for t in $order; do
    echo "round $r/$ROUNDS: $t (${DURATION}s keep-alive) ..." >&2
    # shellcheck disable=SC2046
    read -r u0 s0 < <(ticks_of $(pids_of $t)); read -r up0 _ < <(ticks_of $nginx_pid | awk '{print $1+$2}'); b0=$(box_busy)
    read -r rps p50 p99 < <(run_wrk "https://localhost:$(port_of $t)/")
    # shellcheck disable=SC2046
    read -r u1 s1 < <(ticks_of $(pids_of $t)); read -r up1 _ < <(ticks_of $nginx_pid | awk '{print $1+$2}'); b1=$(box_busy)
    all[$t.rps]+=" $rps"; all[$t.p50]+=" $p50"; all[$t.p99]+=" $p99"
    all[$t.up]+=" $(per_req $((up1 - up0)) "$rps")"; all[$t.box]+=" $(per_req $((b1 - b0)) "$rps")"
    if [ $t = direct ]; then
      last_direct=$rps
    else
      all[$t.cpu]+=" $(per_req $((u1 - u0 + s1 - s0)) "$rps")"; all[$t.usr]+=" $(per_req $((u1 - u0)) "$rps")"
      all[$t.sys]+=" $(per_req $((s1 - s0)) "$rps")"
      all[$t.ratio]+=" $(awk -v a="$rps" -v b="$last_direct" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
    fi
  done
done
med() { tr ' ' '\n' <<<"${all[$1]:-}" | grep . | median; }
lo() { tr ' ' '\n' <<<"${all[$1]:-}" | grep . | sort -n | head -1; }
hi() { tr ' ' '\n' <<<"${all[$1]:-}" | grep . | sort -n | tail -1; }

# 6. Syscalls per request of each relay under strace -c -f (after the timed rounds, so they are not disturbed).
declare -A sys_total sys_top
if [ "$STRACE" = 1 ]; then
  for t in $relays; do
    echo "strace: ${STRACE_SECONDS}s keep-alive through $t ..." >&2
    args=(); for p in $(pids_of $t); do args+=(-p "$p"); done
    strace -c -f -o "$tmp/strace.$t" "${args[@]}" 2>/dev/null & st_pid=$!; pids+=($st_pid)
    sleep 1
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${STRACE_SECONDS}s" "https://localhost:$(port_of $t)/" 2>&1)
    kill -INT $st_pid; wait $st_pid 2>/dev/null || true
    reqs=$(awk '/requests in/ {print $1}' <<<"$out")
    # strace -c rows: % time, seconds, usecs/call, calls, [errors,] syscall; the "total" row has the sum.
    rows=$(awk '$NF != "syscall" && $NF != "total" && $4 ~ /^[0-9]+$/ {print $4, $NF}' "$tmp/strace.$t" | sort -rn)
    total=$(awk '{s += $1} END {print s+0}' <<<"$rows")
    sys_total[$t]=$(awk -v c="$total" -v r="${reqs:-0}" 'BEGIN { printf "%.2f", (r > 0 ? c / r : 0) }')
    sys_top[$t]=$(head -8 <<<"$rows" | awk -v r="${reqs:-0}" '{ printf "%s %.2f, ", $2, (r > 0 ? $1 / r : 0) }' | sed 's/, $//')
    sys_top[$t]="${sys_top[$t]} (${reqs:-0} requests, $(awk '/^Requests\/sec:/ {print $2}' <<<"$out") req/s under strace)"
  done
fi

# 7. The table.
echo
printf "HTTPS keep-alive to nginx on 127.0.0.1, direct vs relays — wrk -t%s -c%s, %ss per case, median of %s alternating rounds (after %ss warm-up per relay), %s cores (shared)\n" \
  "$THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS" "$WARMUP" "$(nproc)"
echo "relay_us = relay process CPU (user+system) per request; upstream_us = upstream nginx; box_us = all CPUs, non-idle"
printf "%-12s %10s %8s %8s %10s %8s %8s %12s %8s  %s\n" case req_s p50_ms p99_ms relay_us usr_us sys_us upstream_us box_us "ratio to direct: median (range)"
for t in direct $relays; do
  if [ $t = direct ]; then
    cpu="-"; usr="-"; sys="-"; ratio="1"
  else
    cpu=$(med $t.cpu); usr=$(med $t.usr); sys=$(med $t.sys)
    ratio="$(med $t.ratio) ($(lo $t.ratio) .. $(hi $t.ratio))"
  fi
  printf "%-12s %10s %8s %8s %10s %8s %8s %12s %8s  %s\n" "$t" "$(med $t.rps)" "$(med $t.p50)" "$(med $t.p99)" "$cpu" "$usr" "$sys" \
    "$(med $t.up)" "$(med $t.box)" "$ratio"
done
echo
echo "nginx-1w: one nginx process (master_process off, worker_processes 1), as DeviceWatch is one process"
echo "nginx-2w: master + worker_processes 2, listen reuseport"
echo "per round:"
for t in direct $relays; do
  printf "  %-12s req/s:%s" "$t" "${all[$t.rps]}"
  [ $t = direct ] || printf "; relay_us:%s; ratio:%s" "${all[$t.cpu]}" "${all[$t.ratio]}"
  echo
done
if [ "$STRACE" = 1 ]; then
  echo
  echo "syscalls per request under strace -c -f (${STRACE_SECONDS}s each; strace slows the relay, so batching differs):"
  for t in $relays; do printf "  %-12s %s total: %s\n" "$t" "${sys_total[$t]}" "${sys_top[$t]}"; done
fi
if [ "$DW" = 1 ]; then
  kill -TERM $dw_pid 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 $dw_pid 2>/dev/null || break; sleep 0.2; done
fi
