#!/usr/bin/env bash
# Load through nginx in front of one, then two instances on one PostgreSQL database, as deploy/ sets them up: the
# published Release build in Production, nginx running deploy/someforum.nginx.conf (its "# test:" lines given this
# run's ports and folder), wrk on 127.0.0.1 only, DURATION a row (10 s), 2 threads, 16 connections. Each configuration
# starts on a fresh database with the seed post. Rows:
#   guest page      GET of the seed post by a guest (from each instance's page cache)
#   uncached page   the same with a cookie of the reader's own, so the page is made for every request
#   comments        POSTs of new comments to the seed post, each text new and each from an address of its own (through
#                   X-Forwarded-For, which the instances believe from nginx), so the flood and repeat checks run and
#                   pass; counted as the comments stored in the database over the run, and the 302s wrk got.
# Uses SOMEFORUM_POSTGRES (Host=…;Port=…;Username=…;Password=…, a role that may create databases) when set, or starts
# a private PostgreSQL server on a free loopback port, as tests/run.sh does. Installs nginx and wrk from apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
command -v wrk >/dev/null && command -v nginx >/dev/null || {
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk nginx >/dev/null
}
nginx_bin=$(command -v nginx)

work=$(mktemp -d /tmp/someforum-balanced.XXXXXX)
apps=()
nginx_pid=""
pg_dir=""
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_all() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  nginx_pid=""
  for pid in "${apps[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  apps=()
  return 0
}
cleanup() {
  stop_all
  if [ -n "$pg_dir" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1; fi
  rm -rf "$work" "$pg_dir"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [ -z "${SOMEFORUM_POSTGRES:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_dir=$(mktemp -d /tmp/someforum-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir"
  pg_port=$(free_port)
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w start \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" >/dev/null
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE ROLE someforum LOGIN PASSWORD 'someforum' CREATEDB" >/dev/null
  SOMEFORUM_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=someforum;Password=someforum"
fi
pg_host=$(sed -E 's/.*Host=([^;]+).*/\1/' <<<"$SOMEFORUM_POSTGRES")
pg_port=$(sed -E 's/.*Port=([^;]+).*/\1/' <<<"$SOMEFORUM_POSTGRES")
pg_user=$(sed -E 's/.*Username=([^;]+).*/\1/' <<<"$SOMEFORUM_POSTGRES")
pg_password=$(sed -E 's/.*Password=([^;]+).*/\1/' <<<"$SOMEFORUM_POSTGRES")
sql() { PGPASSWORD=$pg_password psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$1" -qtAc "$2"; }

dotnet publish -c Release --nologo -v quiet -clp:ErrorsOnly src/SomeForum.Web -o "$work/app"

# wrk's comment writer: each request a new text from a new address.
cat >"$work/comment.lua" <<'EOF'
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
request = function()
  n = n + 1
  local a = tid * 100000 + n
  local body = "Input.Text=Load+" .. tid .. "-" .. n .. "+" .. math.random(1e9) ..
    "&Input.Name=Poster&Input.Email=poster%40example.org&Input.Website=&Input.Intent=post"
  return wrk.format("POST", "/posts/some-so-far-so-what", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Sec-Fetch-Site"] = "same-origin",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(a / 65536) % 256, math.floor(a / 256) % 256, a % 256),
  }, body)
end
EOF

run() { # run INSTANCES
  local instances=$1 database="someforum_bench_$$_$1" ports=() port
  sql postgres "DROP DATABASE IF EXISTS $database WITH (FORCE)"
  for _ in $(seq 1 "$instances"); do
    port=$(free_port); ports+=("$port")
    (cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
      Database__Provider=Postgres ConnectionStrings__Forum="$SOMEFORUM_POSTGRES;Database=$database" \
      ForwardedHeaders__KnownProxies__0=127.0.0.1 exec dotnet SomeForum.Web.dll --urls "http://127.0.0.1:$port") \
      >"$work/app-$port.log" 2>&1 &
    apps+=($!)
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 1 240); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.5; done
  done

  # deploy/someforum.nginx.conf with this run's instances, port and folder, in a prefix of its own.
  local front; front=$(free_port)
  mkdir -p "$work/nginx"
  awk -v ports="${ports[*]}" -v front="$front" -v root="$work/app/wwwroot" '
    /# test: instance/ { if (!done) { n = split(ports, p, " "); for (i = 1; i <= n; i++) { line = $0; sub(/127\.0\.0\.1:[0-9]+/, "127.0.0.1:" p[i], line); print line } } done = 1; next }
    /# test: listen/ { print "    listen 127.0.0.1:" front ";"; next }
    /# test: wwwroot/ { sub(/root [^;]+;/, "root " root ";"); print; next }
    { print }' deploy/someforum.nginx.conf >"$work/nginx/site.conf"
  cat >"$work/nginx/nginx.conf" <<EOF
$([ "$(id -u)" -eq 0 ] && echo "user root;")
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  sendfile on;
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  include $work/nginx/site.conf;
}
EOF
  "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" -g "daemon off;" &
  nginx_pid=$!
  local base="http://127.0.0.1:$front"
  for _ in $(seq 1 40); do curl -fs -o /dev/null "$base/healthz" && break; sleep 0.25; done

  local page=/posts/some-so-far-so-what
  measure() { # measure LABEL [wrk args...]
    local label=$1; shift
    local out; out=$(wrk -t2 -c16 -d"$duration" --latency "$@")
    local rps; rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
    local p50; p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    local p99; p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    # wrk's "Non-2xx or 3xx responses" counts answers of 400 and above (a comment's 302 is a success).
    local odd; odd=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    local errors; errors=$(awk '/Socket errors/ {sub(/^ +/, ""); print}' <<<"$out")
    echo "$label|$rps|$p50|$p99|${odd:-0}|${errors:-}"
  }
  curl -fs -o /dev/null "$base$page"
  local guest uncached comments before after
  guest=$(measure "guest page" "$base$page")
  uncached=$(measure "uncached page" -H "Cookie: someforum_pending=not-a-real-list" "$base$page")
  before=$(sql "$database" 'SELECT COUNT(*) FROM "Comments"')
  comments=$(measure "comments" -s "$work/comment.lua" "$base$page")
  after=$(sql "$database" 'SELECT COUNT(*) FROM "Comments"')
  local seconds; seconds=$(sed -E 's/s$//' <<<"$duration")
  for row in "$guest" "$uncached"; do
    IFS='|' read -r label rps p50 p99 odd errors <<<"$row"
    printf '| %s | %s | %s page req/s | %s | %s | %s |\n' "$instances" "$label" "$rps" "$p50" "$p99" "${errors:-no socket errors}, $odd answers >= 400"
  done
  IFS='|' read -r label rps p50 p99 odd errors <<<"$comments"
  printf '| %s | comments | %s comments/s (%s stored; wrk %s req/s) | %s | %s | %s |\n' "$instances" \
    "$(awk -v n="$((after - before))" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')" "$((after - before))" "$rps" "$p50" "$p99" \
    "${errors:-no socket errors}, $odd answers >= 400"
  stop_all
  sql postgres "DROP DATABASE IF EXISTS $database WITH (FORCE)"
}

echo "commit $(git rev-parse --short HEAD), $(nproc) cores, nginx $("$nginx_bin" -v 2>&1 | sed 's|.*/||'), wrk -t2 -c16 -d$duration"
printf '| instances | request | throughput | median | 99th pct | errors |\n| ---: | --- | ---: | ---: | ---: | --- |\n'
run 1
run 2
