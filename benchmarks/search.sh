#!/usr/bin/env bash
# Search through the real page (GET /search?q=...) on a database the app's own generate command filled:
#
#   dotnet run -c Release --project src/SomeForum.Web -- generate --comments 100000 --ConnectionStrings:Forum="Data Source=/tmp/search100k.db"
#   benchmarks/search.sh /tmp/search100k.db
#
# The Release build in Production on 127.0.0.1, one request at a time with curl (the search page is never cached, so
# every request runs the query), each query first warmed for WARMUP (3 s), then measured for at most DURATION (10 s)
# or COUNT (200) requests. Prints each query's median and 90th-percentile time to the whole answer, in ms, and how
# many results its first page showed. Every comment of the generated post is on one published post, and the
# generator writes from 16 sentences: "the" is in 94 % of them, the worst case of ranking; a word nobody wrote is
# the best.
set -euo pipefail
db=${1:?usage: benchmarks/search.sh DATABASE_FILE}
WARMUP=${WARMUP:-3} DURATION=${DURATION:-10} COUNT=${COUNT:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
log=$(mktemp /tmp/search-bench.XXXXXX.log)
dotnet build -c Release --nologo -v quiet -clp:ErrorsOnly "$root/src/SomeForum.Web" >&2
(cd "$root/src/SomeForum.Web" && exec env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Forum="Data Source=$db" \
  Logging__LogLevel__Default=Warning Admin__Email=bench@example.org Admin__Password="search bench password" \
  dotnet bin/Release/net10.0/SomeForum.Web.dll --urls "$base") >"$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs -o /dev/null "$base/" && break; sleep 0.5; done

measure() { # query (already URL-encoded)
  local url="$base/search?q=$1" end times=() n=0
  end=$(( $(date +%s) + WARMUP )); while [ "$(date +%s)" -lt "$end" ]; do curl -fs -o /dev/null "$url"; done
  end=$(( $(date +%s) + DURATION ))
  while [ "$(date +%s)" -lt "$end" ] && [ "$n" -lt "$COUNT" ]; do
    times+=("$(curl -fs -o /dev/null -w '%{time_total}' "$url")"); n=$((n + 1))
  done
  local results; results=$(curl -fs "$url" | grep -c 'class="search-result"' || true)
  printf '%s\n' "${times[@]}" | sort -n | awk -v q="$1" -v r="$results" '{ t[NR] = $1 * 1000 }
    END { printf "%-24s %5d requests  median %7.1f ms  p90 %7.1f ms  %2d results on page 1\n", q, NR, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], r }'
}
measure the
measure spreadsheet
measure pilot+team
measure questions+stay+same
measure "the&p=50"
measure zyzzyva
