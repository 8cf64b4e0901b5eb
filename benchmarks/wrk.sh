#!/usr/bin/env bash
# Load test of the real server (Release, Production) on 127.0.0.1 against a post with 10,000 comments.
# Bounded: 10 seconds a URL, 2 threads, 16 connections. Prints wrk's summary for each URL.
set -euo pipefail
cd "$(dirname "$0")/.."
comments=${COMMENTS:-10000}
duration=${DURATION:-10s}
command -v wrk >/dev/null || { apt-get -o DPkg::Lock::Timeout=600 update -qq; apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/someforum-wrk.XXXXXX)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release --nologo -v quiet -clp:ErrorsOnly benchmarks/SomeForum.Benchmarks
dotnet publish -c Release --nologo -v quiet -clp:ErrorsOnly src/SomeForum.Web -o "$work/app"
dotnet run -c Release --no-build --project benchmarks/SomeForum.Benchmarks -- prepare "$work/forum.db" "$comments"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Forum="Data Source=$work/forum.db" Logging__LogLevel__Default=Warning \
  dotnet "$work/app/SomeForum.Web.dll" --urls "http://127.0.0.1:$port" --contentRoot "$work/app" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 60); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done

for path in "/" "/posts/a-very-long-discussion" "/posts/a-very-long-discussion?cpage=200" "/comments/9000"; do
  echo "== GET $path"
  wrk -t2 -c16 -d"$duration" --latency "http://127.0.0.1:$port$path" | grep -E 'Latency|Req/Sec|requests in|Requests/sec|50%|99%|Non-2xx'
done
