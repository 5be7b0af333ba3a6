#!/usr/bin/env bash
# Shared by bench/proxy/run.sh and bench/proxy/floor.sh (sourced, not run): tools, a temp folder cleaned up on exit,
# a CA and a server certificate for localhost, the upstream nginx with TLS on a free 127.0.0.1 port, and the wrk
# helpers. The caller sets THREADS, CONNECTIONS, DURATION and the prefix of its temp folder (BENCH_NAME) first.
# After `bench_start_upstream`: $tmp (folder), $tmp/ca.pem, $tmp/server.pem, $tmp/server.key, $nginx_port,
# $nginx_pid, $nginx_bin, and the array `pids` that cleanup kills.

bench_tools() {
  command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null || { echo "wrk is missing and cannot be installed" >&2; exit 1; }
  command -v nginx >/dev/null || command -v /usr/sbin/nginx >/dev/null || apt-get install -y -qq nginx-light >/dev/null
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || shuf -i 20000-60000 -n 1; }

# A temp folder with a CA and a localhost leaf, and nginx serving a small JSON document over TLS on $nginx_port.
bench_start_upstream() {
  tmp=$(mktemp -d "/tmp/${BENCH_NAME:-dw-proxy-bench}.XXXXXX")
  pids=()
  trap bench_cleanup EXIT
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=DeviceWatch Bench CA" \
    -keyout "$tmp/ca.key" -out "$tmp/ca.pem" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" -keyout "$tmp/server.key" -out "$tmp/server.csr" 2>/dev/null
  printf "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n" > "$tmp/ext.cnf"
  openssl x509 -req -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial -days 2 -extfile "$tmp/ext.cnf" -out "$tmp/server.pem" 2>/dev/null
  nginx_port=$(free_port)
  mkdir -p "$tmp/www"; printf '{"status":"ok","device":"bench"}' > "$tmp/www/index.json"
  cat > "$tmp/nginx.conf" <<CONF
daemon off; master_process off; worker_processes 1; error_log $tmp/error.log; pid $tmp/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off; keepalive_requests 10000000; keepalive_timeout 120s;
  client_body_temp_path $tmp/body; proxy_temp_path $tmp/proxy; fastcgi_temp_path $tmp/fcgi; uwsgi_temp_path $tmp/uwsgi; scgi_temp_path $tmp/scgi;
  server {
    listen 127.0.0.1:$nginx_port ssl; server_name localhost;
    ssl_certificate $tmp/server.pem; ssl_certificate_key $tmp/server.key; ssl_session_cache off; ssl_session_tickets off;
    root $tmp/www; location = / { default_type application/json; try_files /index.json =404; }
  }
}
CONF
  "$nginx_bin" -c "$tmp/nginx.conf" -p "$tmp" & nginx_pid=$!; pids+=($nginx_pid)
}

bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}

wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 did not open" >&2; return 1; }

to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }

run_wrk() { # url, extra args... -> "rps p50_ms p99_ms"
  local url=$1; shift
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" 2>&1)
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  [ -z "$errors" ] || echo "  ($url $*: $errors)" >&2
  echo "${rps:-0} $(to_ms "${p50:-0}") $(to_ms "${p99:-0}")"
}

median() { sort -n | awk '{a[NR]=$1} END { if (NR == 0) print 0; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }

# DeviceWatch in SNI mode in front of the upstream, as both benchmarks run it. --pinning-threshold 0: wrk drops
# connections mid-handshake when a case ends, which would otherwise count as pinning and pass localhost through.
bench_start_devicewatch() { # dll port
  dotnet "$1" proxy --listen "127.0.0.1:$2" --sni-port "$nginx_port" --upstream-ca "$tmp/ca.pem" --state "$tmp/state" \
    --out "$tmp/dw-out" --pinning-threshold 0 --quiet 2> "$tmp/dw.log" & dw_pid=$!; pids+=($dw_pid)
}
