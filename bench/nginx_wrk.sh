#!/usr/bin/env bash
# Benchmark: requests/s and p95 latency through nginx (deploy/nginx-amity.conf over TLS) with
# wrk (8 connections, 15 s), for a group's home page and a meeting's page, served by one node
# and then by two (deploy/amity@.service's ExecStart). Scale mode: needs DATABASE_URL
# (PostgreSQL, the demo is loaded into it) and REDIS_URL. nginx and wrk:
# AMITY_BENCH_TOOLS=1 deploy/install-nginx.sh (as root).
# Run from the project root: DATABASE_URL=… REDIS_URL=… bench/nginx_wrk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?scale mode: set DATABASE_URL}" "${REDIS_URL:?scale mode: set REDIS_URL}"
BIN=$PWD/.venv/bin
WORK=$(mktemp -d /tmp/amity-wrk.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTPS=$(port); HTTP=$(port); A=$(port); B=$(port)
export AMITY_SECRET_KEY=${AMITY_SECRET_KEY:-bench-only-secret-key} AMITY_HTTPS=1
export AMITY_SITE_URL=https://127.0.0.1:$HTTPS AMITY_ALLOWED_HOSTS=127.0.0.1
export AMITY_CSRF_TRUSTED_ORIGINS=$AMITY_SITE_URL AMITY_TRUSTED_PROXIES=${AMITY_TRUSTED_PROXIES:-127.0.0.1}
export AMITY_REQUEST_LOG=0 AMITY_VAR_DIR=$WORK/var
mkdir -p "$WORK"/{var,nginx/logs,nginx/body,nginx/proxy,nginx/fastcgi,nginx/uwsgi,nginx/scgi}
"$BIN/amity" migrate --no-input -v 0
AMITY_DEMO=1 "$BIN/amity" loaddemo --force >/dev/null
MEETING=$("$BIN/amity" shell -c "from amity.meetings.models import Meeting; print(Meeting.objects.filter(group__slug='neutrality').order_by('-starts_at').first().pk)" | tail -1)
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

exec_start() {  # the unit's ExecStart with this checkout's paths and the node's port
  grep '^ExecStart=' "deploy/$1" | sed -e 's/^ExecStart=//' -e "s|/opt/amity/.venv/bin/|$BIN/|" \
    -e "s|%i|$2|g" -e "s|\${AMITY_TRUSTED_PROXIES}|$AMITY_TRUSTED_PROXIES|g"
}
start_nginx() {
  sed -e "s|@UPSTREAM_SERVERS@|$1|" -e 's|@SERVER_NAME@|127.0.0.1|' \
      -e "s|@HTTP_LISTEN@|127.0.0.1:$HTTP|" -e "s|@HTTPS_LISTEN@|127.0.0.1:$HTTPS|" \
      -e "s|@TLS_CERTIFICATE@|$WORK/cert.pem|" -e "s|@TLS_KEY@|$WORK/key.pem|" \
      -e 's|@CLIENT_MAX_BODY_SIZE@|21m|' -e "s|@STATIC_ROOT@|$PWD/amity/static|" \
      deploy/nginx-amity.conf > "$WORK/nginx/site.conf"
  cat > "$WORK/nginx/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
daemon off; worker_processes auto; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http { include /etc/nginx/mime.types; access_log off;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  include $WORK/nginx/site.conf; }
CONF
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" &
  NGINX_PID=$!; PIDS+=("$NGINX_PID"); sleep 1
}
start_node() {
  $(exec_start amity@.service "$1") --log-level warning >"$WORK/node-$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.5; done
  echo "node $1 did not start"; cat "$WORK/node-$1.log"; exit 1
}
cat > "$WORK/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("%.0f req/s, p95 %.1f ms, errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
measure() {
  for page in "/en/groups/neutrality/" "/en/meetings/$MEETING/"; do
    curl -skf "https://127.0.0.1:$HTTPS$page" >/dev/null || { echo "$page failed"; exit 1; }
    printf '%-8s %-28s ' "$1" "$page"
    wrk -c 8 -t 2 -d 15s -s "$WORK/p95.lua" "https://127.0.0.1:$HTTPS$page" | tail -1
  done
}
start_node "$A"; start_node "$B"
start_nginx "server 127.0.0.1:$A;"
measure "1 node"
kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
start_nginx "server 127.0.0.1:$A; server 127.0.0.1:$B;"
measure "2 nodes"
echo "(anonymous readers; public pages cached ${AMITY_PUBLIC_PAGE_SECONDS:-60} s; cores: $(nproc))"
