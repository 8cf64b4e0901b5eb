#!/usr/bin/env bash
# Load test of the real server: the published Release build, Production, on 127.0.0.1, over a fresh SQLite
# database holding the seed post and a post with 10,000 comments. wrk, bounded: DURATION a URL (10 s), 2 threads,
# 16 connections, one URL after another. For each: requests/s, median and 99th-percentile latency, the server's
# CPU time per request (its own utime+stime from /proc over the run, divided by the requests served: the client
# shares the machine, so this is the figure to compare) and its resident memory after the run. Beside them, the
# app's own static stylesheet, measured in the same run. "(uncached)" rows send a cookie of a reader's own, which
# keeps the page from the guests' page cache, so the page is made anew for every request.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
comments=${COMMENTS:-10000}
command -v wrk >/dev/null || { apt-get -o DPkg::Lock::Timeout=600 update -qq; apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/someforum-load.XXXXXX)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release --nologo -v quiet -clp:ErrorsOnly benchmarks/SomeForum.Benchmarks
dotnet publish -c Release --nologo -v quiet -clp:ErrorsOnly src/SomeForum.Web -o "$work/app"
dotnet run -c Release --no-build --project benchmarks/SomeForum.Benchmarks -- prepare "$work/forum.db" "$comments" >/dev/null
# The seed post too (start-up imports it only into an empty database).
for seed in "$work"/app/seeds/*.txt; do
  (cd "$work/app" && ConnectionStrings__Forum="Data Source=$work/forum.db" Logging__LogLevel__Default=Warning dotnet SomeForum.Web.dll import "$seed" >/dev/null)
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Forum="Data Source=$work/forum.db" Logging__LogLevel__Default=Warning \
  exec dotnet SomeForum.Web.dll --urls "$base") >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do curl -fs -o /dev/null "$base/" && break; sleep 0.5; done
css=$(curl -fs "$base/" | grep -o '/css/site\.[a-z0-9]*\.css' | head -1)
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$app/stat"; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$app/status"; }
own_cookie="Cookie: someforum_pending=not-a-real-list"

echo "commit $(git rev-parse --short HEAD), $(nproc) cores, wrk -t2 -c16 -d$duration, $comments-comment post"
printf '| request | requests/s | median | 99th pct | server CPU per request | server RSS |\n| --- | ---: | ---: | ---: | ---: | ---: |\n'
row() { # row LABEL PATH [HEADER]
  local label=$1 path=$2 header=${3:-}
  curl -fs -o /dev/null ${header:+-H "$header"} "$base$path" # warm
  local before; before=$(cpu)
  local out; out=$(wrk -t2 -c16 -d"$duration" --latency ${header:+-H "$header"} "$base$path")
  local after; after=$(cpu)
  local requests; requests=$(echo "$out" | awk '/requests in/ {print $1}')
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  local p50; p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  local p99; p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  local errors; errors=$(echo "$out" | awk '/Non-2xx/ {print " (" $4 " non-2xx)"}')
  local per; per=$(awk -v t="$((after - before))" -v hz="$ticks" -v n="$requests" 'BEGIN {printf "%.3f ms", (t / hz * 1000) / n}')
  printf '| %s | %s%s | %s | %s | %s | %s MB |\n' "$label" "$rps" "$errors" "$p50" "$p99" "$per" "$(rss)"
}
row "static stylesheet ($css)" "$css"
row "seed post, guest" "/posts/some-so-far-so-what"
row "seed post, guest (uncached)" "/posts/some-so-far-so-what" "$own_cookie"
row "home page, guest" "/"
row "$comments comments, page 1, guest" "/posts/a-very-long-discussion"
row "$comments comments, page 1 (uncached)" "/posts/a-very-long-discussion" "$own_cookie"
row "$comments comments, last page (uncached)" "/posts/a-very-long-discussion?cpage=200" "$own_cookie"
row "permalink /comments/9000 (redirect)" "/comments/9000"
