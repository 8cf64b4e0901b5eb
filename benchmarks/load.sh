#!/usr/bin/env bash
# Load test of the real server against every target of issue #11, in one run beside the app's own static file.
#
# The published Release build, in Production, on 127.0.0.1 only, over a fresh SQLite database holding the seed
# post and two posts the app's own `generate` command writes through its import path (1,000 and COMMENTS=10,000
# comments in nested threads). wrk, bounded: every URL is first warmed with a WARMUP run (5 s; the JIT keeps
# optimising for 20+ s after start, tiered compilation, and the first figures would be inflated), then measured
# for DURATION (10 s), 2 threads and 16 connections unless the row says otherwise, one URL after another. Each
# instance is also warmed right after its start with a ROUND (2 s) of wrk on each of its URLs, before the first
# is measured, and the server is left to finish what a warm-up left in flight before the measured run begins.
#
# For each row: requests/s, median and 99th-percentile latency (wrk's), the server's CPU time per request (its own
# utime+stime from /proc/PID/stat over the measured run, divided by the requests wrk counted: the client and
# other users share the 2 cores, so this is the figure to compare, with ratios within one run), the server's peak
# resident memory during the measured run (VmRSS sampled every 100 ms), the issue's target and measured ÷ target.
#
# Three server instances, one after another, on the same database:
#   A  as deployed (guests' page cache on, moderation holding a first comment): the static file, the seed post for
#      a guest (cached), for a reader with a held comment of their own (a comment really posted through the form
#      and held; its someforum_pending cookie sent back) and for the signed-in administrator (signed in through
#      the sign-in form with its antiforgery token; their cookies sent back). Its start-up is timed to the first
#      200 on /.
#   C  Comments:PageSize=0 and Caching:Pages=false: all comments of the large post on one page, read by 16 clients
#      (the peak RSS) and by one at a time (the CPU a request: with 16 clients and requests this long, the CPU of the
#      requests cut off at the end of the run is counted and their answers are not).
#   B  Caching:Pages=false (every page made anew for every request, as for a reader the cache cannot serve: a
#      guest's page, not a signed-in one, so the figure is the page's own cost), Comments:FloodIntervalSeconds=0
#      and Moderation:Enabled=false so that every posted comment is stored at once: first pages and the last page,
#      permalinks of a late comment (redirects), then posting through the real form (benchmarks/post.lua: a guest's
#      form, unique text each time), sequential (-c1) into the seed post and into the large post, then 16
#      concurrent posters into the seed post, checked against the database afterwards (sqlite3): every 302 wrk saw
#      is a stored comment. Writes come last, so every read row sees the posts as generated.
# Then the import rows: `generate --comments 10000` (timed while preparing the database) and IMPORT_LARGE=100000
# into a fresh database of its own (0 skips it), wall time and user+sys CPU from /usr/bin/time.
#
#   bash benchmarks/load.sh                 # about 6 minutes
#   DURATION=30s WARMUP=10s bash benchmarks/load.sh
#   DURATION=5s IMPORT_LARGE=0 bash benchmarks/load.sh
#   PROFILE=/tmp/profiles bash benchmarks/load.sh
# PROFILE=DIR: where the time goes. Every measured run is also sampled by perf (499 Hz, call graphs; the servers run
# with the JIT's perf map), and DIR/ROW.txt gets the samples by thread and library (JIT-compiled .NET code, the
# runtime and its GC, SQLite, the kernel) and the 40 hottest functions. perf costs the server a few percent: take
# the table from a run without it.
# The table goes to stdout, progress to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
duration=${DURATION:-10s}
warmup=${WARMUP:-5s}
round=${ROUND:-2s}
large=${COMMENTS:-10000}
small=1000
import_large=${IMPORT_LARGE:-100000}
seed_slug=some-so-far-so-what
small_slug=generated-$small-comments
large_slug=generated-$large-comments
admin_email=load-admin@example.org
admin_password=load-test-password-$RANDOM$RANDOM

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
[ -z "${PROFILE:-}" ] || command -v perf >/dev/null || need+=(linux-perf)
if [ ${#need[@]} -gt 0 ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/someforum-load.XXXXXX)
app='' sampler=''
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  [ -n "$app" ] && kill "$app" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "load.sh: $*" >&2; }
fail() { say "FAILED: $*"; [ -n "${app_log:-}" ] && tail -20 "$app_log" >&2; exit 1; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "publishing the Release build"
dotnet publish -c Release -r linux-x64 --self-contained false --nologo -v quiet -clp:ErrorsOnly src/SomeForum.Web -o "$work/app" >&2
db="$work/forum.db"

# run_app DB COMMAND...: the published app's command on a database, output to stderr.
run_app() {
  local file=$1; shift
  (cd "$work/app" && ConnectionStrings__Forum="Data Source=$file" Logging__LogLevel__Default=Warning dotnet SomeForum.Web.dll "$@")
}
# timed NAME DB COMMAND...: the same, its wall time, user and system CPU and peak RSS into $work/NAME.time.
timed() {
  local name=$1 file=$2; shift 2
  (cd "$work/app" && ConnectionStrings__Forum="Data Source=$file" Logging__LogLevel__Default=Warning \
    /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" dotnet SomeForum.Web.dll "$@") >&2
}

say "preparing the database: the seed post, then generate --comments $small and --comments $large"
for seed in "$work"/app/seeds/*.txt; do run_app "$db" import "$seed" >&2; done
timed import-small "$db" generate --comments "$small"
timed import-large "$db" generate --comments "$large"
sql() { sqlite3 -cmd '.timeout 10000' "$db" "$@"; }
post_id() { sql "SELECT Id FROM Posts WHERE Slug = '$1'"; }
comments_of() { sql "SELECT count(*) FROM Comments WHERE PostId = $1"; }
[ -n "$(post_id $seed_slug)" ] && [ "$(comments_of "$(post_id $large_slug)")" = "$large" ] || fail "the database is not as expected"

ticks=$(getconf CLK_TCK)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
declare -A started

# start_app NAME [VAR=VALUE...]: the server in Production on $base; times start to the first 200 on /.
start_app() {
  local name=$1; shift
  local t0; t0=$(date +%s%N)
  # With PROFILE, the JIT writes its perf map, and code lives at one address (not double-mapped), so perf names .NET methods.
  local profiled=()
  [ -z "${PROFILE:-}" ] || profiled=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
  (cd "$work/app" && exec env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Forum="Data Source=$db" \
    Logging__LogLevel__Default=Warning Admin__Email="$admin_email" Admin__Password="$admin_password" "${profiled[@]}" "$@" \
    dotnet SomeForum.Web.dll --urls "$base") >"$work/app-$name.log" 2>&1 &
  app=$! app_log="$work/app-$name.log"
  for _ in $(seq 1 1500); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/")" = 200 ]; then
      started[$name]=$(( ($(date +%s%N) - t0) / 1000000 ))
      say "instance $name up in ${started[$name]} ms"
      [ "$(cat "/proc/$app/comm")" = dotnet ] || fail "process $app is not the server"
      return
    fi
    kill -0 "$app" 2>/dev/null || { cat "$work/app-$name.log" >&2; fail "instance $name exited"; }
    sleep 0.02
  done
  fail "instance $name did not answer in 30 s"
}
stop_app() { kill "$app"; wait "$app" 2>/dev/null || true; app=''; }

cpu() { awk '{print $14 + $15}' "/proc/$app/stat"; }
ms() { # wrk's "1.23ms", "456.00us", "1.20s" in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
declare -A rps p50 p99 per rss requests seconds errors statuses

# settle: waits (30 s at most) until the server is idle, under 10% of a core over 200 ms, so that requests a warm-up
# left in flight do not count in the measured run.
settle() {
  local a b
  for _ in $(seq 1 150); do
    a=$(cpu); sleep 0.2; b=$(cpu)
    [ $(( (b - a) * 1000 / ticks )) -le 20 ] && return
  done
  say "the server did not settle in 30 s"
}
# measure KEY PATH [wrk options...] [-- script args...]: warm, then measure the current instance; the figures go
# into the arrays. $after_warmup, when set, is run between the two (to count what the warm-up wrote).
after_warmup=''
measure() {
  local key=$1 path=$2; shift 2
  local opts=(-t2 -c16 --timeout 30s) args=()
  case " $* " in *" -c"*) opts=(--timeout 30s) ;; esac
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; args=(-- "$@"); }
  wrk "${opts[@]}" -d"$warmup" "$base$path" "${args[@]}" >/dev/null
  settle
  [ -z "$after_warmup" ] || $after_warmup
  (while :; do awk '/VmRSS/ {print $2}' "/proc/$app/status" 2>/dev/null; sleep 0.1; done) >"$work/rss" &
  sampler=$!
  local profiler=''
  if [ -n "${PROFILE:-}" ]; then
    perf record -F 499 -g -p "$app" -o "$work/$key.perf" -- sleep "$duration" >/dev/null 2>&1 &
    profiler=$!
  fi
  local before; before=$(cpu)
  local out; out=$(wrk "${opts[@]}" -d"$duration" --latency "$base$path" "${args[@]}")
  local after; after=$(cpu)
  kill "$sampler"; wait "$sampler" 2>/dev/null || true; sampler=''
  [ -z "$profiler" ] || wait "$profiler" || say "$key: perf failed"
  requests[$key]=$(echo "$out" | awk '/requests in/ {print $1}')
  seconds[$key]=$(echo "$out" | awk '/requests in/ {sub(/s,$/, "", $4); print $4}')
  rps[$key]=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  p50[$key]=$(ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
  p99[$key]=$(ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
  errors[$key]=$(echo "$out" | awk '/Non-2xx or 3xx/ {n = $5} /Socket errors/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}')
  statuses[$key]=$(echo "$out" | awk '$1 == "status" {printf "%s%s×%s", sep, $2, $3; sep = ", "}')
  per[$key]=$(awk -v t="$((after - before))" -v hz="$ticks" -v n="${requests[$key]}" 'BEGIN {printf "%.3f", n ? (t / hz * 1000) / n : 0}')
  rss[$key]=$(sort -n "$work/rss" | tail -1 | awk '{print int($1 / 1024)}')
  if [ "${requests[$key]:-0}" -eq 0 ]; then # a row whose requests all outlast the run has no figures but its RSS
    requests[$key]=0 per[$key]='' p50[$key]='' p99[$key]=''
    say "$key: no request completed in $duration"
  fi
  say "$key: ${rps[$key]} req/s, p50 ${p50[$key]} ms, p99 ${p99[$key]} ms, ${per[$key]} ms CPU/request, ${rss[$key]} MB${statuses[$key]:+, ${statuses[$key]}}"
  [ -z "$profiler" ] || profile_report "$key" "$path"
}

# profile_report KEY PATH: the perf samples of a measured run, summed by thread and library, and its hottest functions.
profile_report() {
  local data="$work/$1.perf"
  mkdir -p "$PROFILE"
  # head ends perf report early (SIGPIPE), which pipefail would take for a failure of the whole script.
  {
    echo "# $1: $2, ${per[$1]} ms of server CPU a request with perf sampling"
    echo
    echo "## samples by thread and library ([JIT] is JIT-compiled .NET code; libcoreclr the runtime and its GC)"
    perf report -i "$data" --no-children --sort comm,dso --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -20 || true
    echo
    echo "## the 40 hottest functions, their own samples"
    perf report -i "$data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -40 | cut -c1-220 || true
  } >"$PROFILE/$1.txt"
  rm -f "$data"
}

# warm PATH [wrk options...] [-- script args...]: a ROUND of an instance's every URL right after its start, before
# any is measured: the code they share (routing, EF Core, Razor) is then past its first tiers for all of them,
# not only for the rows measured last.
warm() {
  local path=$1; shift
  local opts=(-t2 -c16 --timeout 30s) args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; args=(-- "$@"); }
  wrk "${opts[@]}" -d"$round" "$base$path" "${args[@]}" >/dev/null
}
# check PATH STATUS [GREP [HEADER]]: one request answers as expected before it is measured.
check() {
  local code; code=$(curl -s -o "$work/check" -w '%{http_code}' ${4:+-H "$4"} "$base$1")
  [ "$code" = "$2" ] || fail "$1 answered $code, not $2"
  [ -z "${3:-}" ] || grep -q -- "$3" "$work/check" || fail "$1 does not show '$3'"
}

# ---- A: as deployed ----
start_app A
startup_ms=${started[A]}
css=$(curl -fs "$base/" | grep -o '/css/[^"]*\.css' | head -1)
[ -n "$css" ] || fail "no stylesheet on the home page"

# A guest's first comment, posted through the form and held (Moderation:HoldFirstComment); their cookie kept.
held_text="A held comment from the load test, run $RANDOM."
curl -s -D "$work/held.headers" -o /dev/null -H 'Sec-Fetch-Site: same-origin' \
  --data-urlencode "Input.Text=$held_text" --data-urlencode 'Input.Name=Held Reader' \
  --data-urlencode 'Input.Email=held-reader@example.org' --data-urlencode 'Input.Intent=post' "$base/posts/$seed_slug"
grep -q '^HTTP/1.1 302' "$work/held.headers" || fail "posting the held comment did not redirect"
pending=$(sed -n 's/^Set-Cookie: \(someforum_pending=[^;]*\);.*/\1/Ip' "$work/held.headers" | tr -d '\r')
[ -n "$pending" ] || fail "no someforum_pending cookie: was the comment held?"
check "/posts/$seed_slug" 200 "$held_text" "Cookie: $pending"
grep -q 'awaiting-moderation' "$work/check" || fail "the held comment is not shown as awaiting moderation"

# The administrator (Admin:Email, Admin:Password), signed in through the form with its antiforgery token.
jar="$work/jar"
token=$(curl -s -c "$jar" "$base/account/sign-in" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$token" ] || fail "no antiforgery token on the sign-in form"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "Input.Email=$admin_email" \
  --data-urlencode "Input.Password=$admin_password" --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in")
[ "$code" = 302 ] || fail "signing in answered $code"
signed_in="Cookie: $(awk -F'\t' 'NF == 7 && $1 !~ /^# / {printf "%s%s=%s", sep, $6, $7; sep = "; "}' "$jar")"
check "/posts/$seed_slug" 200 'Commenting as' "$signed_in"
check "$css" 200
check "/posts/$seed_slug" 200 'id="respond"'
warm "$css"; warm "/posts/$seed_slug"; warm "/posts/$seed_slug" -H "Cookie: $pending"; warm "/posts/$seed_slug" -H "$signed_in"
measure static "$css"
measure guest "/posts/$seed_slug"
measure held "/posts/$seed_slug" -H "Cookie: $pending"
measure signed "/posts/$seed_slug" -H "$signed_in"
stop_app

# ---- C: every comment on one page, made anew for every request ----
start_app C Comments__PageSize=0 Caching__Pages=false
check "/posts/$large_slug" 200
[ "$(grep -c 'id="comment-' "$work/check")" -ge "$large" ] || fail "not all $large comments on one page"
warm "/posts/$large_slug"
measure onepage "/posts/$large_slug"
# The same, one client at a time: a request's CPU with at most one request cut off by the end of the run (with 16
# clients and requests this long, the CPU of the 16 left unfinished at the end is counted, their requests not).
measure onepage_seq "/posts/$large_slug" -t1 -c1
stop_app

# ---- B: no page cache; posting open to all at once ----
start_app B Caching__Pages=false Comments__FloodIntervalSeconds=0 Moderation__Enabled=false
check "/posts/$small_slug" 200 'id="respond"'
check "/posts/$large_slug" 200 'id="respond"'
# The last page, as the app numbers it: a page past the end shows the last one, which links to itself.
last=$(curl -fs "$base/posts/$large_slug?cpage=1000000" | grep -o 'cpage=[0-9]*' | cut -d= -f2 | sort -n | tail -1)
[ "$last" -gt 1 ] || fail "no last page"
check "/posts/$large_slug?cpage=$last" 200 'id="comment-'
late_small=$(sql "SELECT max(Id) FROM Comments WHERE PostId = $(post_id $small_slug)")
late_large=$(sql "SELECT max(Id) FROM Comments WHERE PostId = $(post_id $large_slug)")
check "/comments/$late_small" 302
check "/comments/$late_large" 302
lua="$repo/benchmarks/post.lua"
warm "/posts/$small_slug"; warm "/posts/$large_slug"; warm "/posts/$large_slug?cpage=$last"; warm "/comments/$late_large"
warm "/posts/$seed_slug" -t1 -c1 -s "$lua" -- warm
measure small1 "/posts/$small_slug"
measure large1 "/posts/$large_slug"
measure largelast "/posts/$large_slug?cpage=$last"
measure permalink_small "/comments/$late_small"
measure permalink_large "/comments/$late_large"

measure post_seed "/posts/$seed_slug" -t1 -c1 -s "$lua" -- "seq-$RANDOM"
measure post_large "/posts/$large_slug" -t1 -c1 -s "$lua" -- "big-$RANDOM"
seed_id=$(post_id $seed_slug)
count_before() { posts_before=$(comments_of "$seed_id"); }
after_warmup=count_before
measure posters "/posts/$seed_slug" -t2 -c16 -s "$lua" -- "many-$RANDOM"
after_warmup=''
sleep 1 # answers in flight when wrk stopped
posts_after=$(comments_of "$seed_id")
stop_app

# ---- import of IMPORT_LARGE into a database of its own ----
if [ "$import_large" -gt 0 ]; then
  say "generate --comments $import_large into a fresh database"
  timed import-huge "$work/import.db" generate --comments "$import_large"
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the table ----
num() { awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); out = ""; while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }; print s out }'; }
fmt_ms() { awk -v n="$1" 'BEGIN { if (n == "") print "—"; else if (n >= 100) printf "%.0f ms", n; else if (n >= 10) printf "%.1f ms", n; else if (n >= 1) printf "%.2f ms", n; else printf "%.3f ms", n }'; }
# judge VALUE TARGET le|ge: "0.42× ✓" or "3.10× ✗ (missed by 210%)"
judge() {
  awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN {
    if (v == "") { print "no request completed"; exit }
    r = t ? v / t : 0; ok = (dir == "le") ? v <= t : v >= t
    if (ok) printf "%.2f× met", r
    else if (dir == "le") printf "%.2f× **missed** by %.0f%%", r, (r - 1) * 100
    else printf "%.2f× **missed** by %.0f%%", r, (1 - r) * 100 }'
}
row() { # row KEY LABEL TARGET VERDICT
  local k=$1
  printf '| %s | %s | %s | %s | %s | %s MB | %s | %s |\n' "$2" "$(num "${rps[$k]}")$([ "${errors[$k]}" -gt 0 ] && echo " (${errors[$k]} errors)")" \
    "$(fmt_ms "${p50[$k]}")" "$(fmt_ms "${p99[$k]}")" "$(fmt_ms "${per[$k]}")" "${rss[$k]}" "$3" "$4"
}
# verdict VALUE TARGET le|ge: "met" or "**missed** by 14%"
verdict() {
  awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { if (v == "") { print "no request completed"; exit }; r = t ? v / t : 0; ok = (dir == "le") ? v <= t : v >= t
    if (ok) print "met"; else printf "**missed** by %.0f%%\n", (dir == "le") ? (r - 1) * 100 : (1 - r) * 100 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b + 0) printf "%.2f", a / b }'; }
guest_vs_static=$(ratio "${rps[guest]}" "${rps[static]}")
large_vs_small=$(ratio "${per[large1]}" "${per[small1]}")
permalink_ratio=$(ratio "${per[permalink_large]}" "${per[permalink_small]}")
last_vs_first=$(ratio "${per[largelast]}" "${per[large1]}")
posted=$(echo "${statuses[posters]}" | tr ',' '\n' | awk -F'×' '$1 ~ /302/ {print $2 + 0}')
posted=${posted:-0}
stored=$((posts_after - posts_before))
lost=$(( posted > stored ? posted - stored : 0 ))
poster_errors=$(( requests[posters] - posted ))
per_second=$(awk -v n="$posted" -v s="${seconds[posters]}" 'BEGIN { printf "%.0f", n / s }')
n_large=$(num "$large")

echo
echo "commit $(git -C "$repo" rev-parse --short HEAD), $(nproc) cores, load average $load_start at start, $load_end at end"
echo "wrk -t2 -c16 unless said, ${warmup} warm-up then ${duration} measured a row; server CPU per request from /proc/PID/stat; RSS: peak during the measured run"
echo
printf '| request | requests/s | median | 99th pct | server CPU per request | server RSS | target | measured ÷ target |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n'
row static "static stylesheet \`$css\` (A)" "baseline" "—"
row guest "seed post, guest, cached (A)" "CPU ≤ 0.15 ms; req/s ≥ 0.5× static" \
  "CPU $(judge "${per[guest]}" 0.15 le); req/s ${guest_vs_static}× static's: $(verdict "$guest_vs_static" 0.5 ge)"
row held "seed post, reader with a held comment (A)" "CPU ≤ 1 ms" "$(judge "${per[held]}" 1 le)"
row signed "seed post, signed-in reader (A)" "CPU ≤ 1 ms" "$(judge "${per[signed]}" 1 le)"
row small1 "$(num $small) comments, page 1, uncached (B)" "CPU ≤ 1.5 ms" "$(judge "${per[small1]}" 1.5 le)"
row large1 "$n_large comments, page 1, uncached (B)" "CPU ≤ 1.5 ms; ≤ 1.2× $(num $small)'s" \
  "CPU $(judge "${per[large1]}" 1.5 le); ${large_vs_small}× $(num $small)'s: $(verdict "$large_vs_small" 1.2 le)"
row largelast "$n_large comments, last page ($last), uncached (B)" "—" "${last_vs_first}× page 1's CPU"
row permalink_small "permalink \`/comments/$late_small\`, late in $(num $small) (B, redirect)" "—" "—"
row permalink_large "permalink \`/comments/$late_large\`, late in $n_large (B, redirect)" "no scan: ≤ 1.2× $(num $small)'s" \
  "${permalink_ratio}× $(num $small)'s: $(verdict "$permalink_ratio" 1.2 le)"
onepage_floor=$(awk -v c="${per[onepage]}" -v n="${requests[onepage]}" 'BEGIN { if (n) printf "%.0f ms", c * n / (n + 16); else print "—" }')
row onepage "$n_large comments on one page, 16 clients, uncached (C)" "RSS < 300 MB while 16 read" \
  "RSS $(judge "${rss[onepage]}" 300 le); CPU (judged below) counts the 16 requests cut off at the end, not their answers: ≥ $onepage_floor a request"
row onepage_seq "$n_large comments on one page, one client, uncached (C)" "CPU ≤ 50 ms" "$(judge "${per[onepage_seq]}" 50 le)"
row post_seed "post a comment, sequential (-c1), seed post (B)" "CPU ≤ 2 ms" "$(judge "${per[post_seed]}" 2 le)"
row post_large "post a comment, sequential (-c1), $n_large-comment post (B)" "CPU ≤ 2 ms" "$(judge "${per[post_large]}" 2 le)"
row posters "16 concurrent posters, seed post (B)" "≥ 500/s; p99 < 100 ms; none lost, no errors" \
  "$(num "$per_second")/s: $(judge "$per_second" 500 ge); p99 $(judge "${p99[posters]}" 100 le); $posted answered 302, $stored stored: $lost lost; $poster_errors errors"
echo
echo "Answers to posts: seed sequential ${statuses[post_seed]:-none}; $n_large sequential ${statuses[post_large]:-none}; 16 posters ${statuses[posters]:-none}."
echo
printf '| work | wall time | user+sys CPU | peak RSS | target | measured ÷ target |\n| --- | ---: | ---: | ---: | --- | --- |\n'
import_row() { # import_row NAME COUNT [LIMIT]
  local t; t=$(cat "$work/$1.time")
  local limit=${3:-}
  set -- "$1" "$2" $t
  printf '| generate --comments %s | %.1f s | %.1f s | %s MB | %s | %s |\n' "$(num "$2")" "$3" "$(awk -v u="$4" -v s="$5" 'BEGIN {print u + s}')" \
    "$(( $6 / 1024 ))" "$(if [ -n "$limit" ]; then echo "< $limit s"; else echo "—"; fi)" "$(if [ -n "$limit" ]; then judge "$3" "$limit" le; else echo "—"; fi)"
}
import_row import-small "$small"
# The issue's rate, linear: 10,000 in under 10 s, 100,000 in under 100 s.
import_row import-large "$large" "$(awk -v n="$large" 'BEGIN {print n / 1000}')"
if [ "$import_large" -gt 0 ]; then import_row import-huge "$import_large" "$(awk -v n="$import_large" 'BEGIN {print n / 1000}')"; fi
printf '| start-up of the Release build to the first 200 on / (A) | %s | | | < 2 s | %s |\n' \
  "$(awk -v m="$startup_ms" 'BEGIN {printf "%.2f s", m / 1000}')" "$(judge "$startup_ms" 2000 le)"
echo
echo "Start-up of the other instances: C ${started[C]} ms, B ${started[B]} ms."
