#!/usr/bin/env bash
# Runs every SomeForum test on a fresh machine: installs what the tests need, builds (stopping on a
# failed build), runs each test project, and prints the totals as its last line:
#   N passed, N failed, N skipped
# It fails when a build fails, a test fails, a test run aborts, or no test ran at all.
set -uo pipefail
cd "$(dirname "$0")/.."

configuration=${CONFIGURATION:-Release}
results=$(mktemp -d /tmp/someforum-tests.XXXXXX)
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
  rm -rf "$results"
}
trap cleanup EXIT

say() { printf '== %s\n' "$*"; }

apt_install() { # apt_install PACKAGE...
  say "installing $* from apt"
  if [ -z "${SOMEFORUM_APT_UPDATED:-}" ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq && export SOMEFORUM_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

# Installs Debian packages only when a command they provide is missing.
ensure_apt() { # ensure_apt COMMAND PACKAGE...
  local command=$1; shift
  command -v "$command" >/dev/null 2>&1 || apt_install "$@"
}

command -v dotnet >/dev/null 2>&1 || { echo "dotnet is not installed: install the .NET 10 SDK first"; echo "0 passed, 1 failed"; exit 1; }

# The browser tests drive Debian's chromium (never a Playwright download). Without it they cannot run,
# and they then fail, every one of them, with the reason: a missing browser is never a skipped test.
chromium=${SOMEFORUM_CHROMIUM:-/usr/bin/chromium}
ensure_apt chromium chromium
if [ ! -x "$chromium" ]; then
  echo "!! ====================================================================="
  echo "!! chromium is not installed at $chromium: the browser tests WILL FAIL."
  echo "!! Install it with: apt-get install -y chromium"
  echo "!! ====================================================================="
fi

# The deployment tests run deploy/someforum.nginx.conf in a real nginx, in front of two instances.
ensure_apt nginx nginx
[ -x /usr/sbin/nginx ] || echo "!! nginx is not installed: the deployment tests WILL FAIL (apt-get install -y nginx)."

# The PostgreSQL tests need a real server: a private, throwaway cluster on a free loopback port,
# started here and stopped on exit. PostgreSQL refuses to run as root, so root runs it as postgres.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_dir=$(mktemp -d /tmp/someforum-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir"
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  if as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
    && as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w start \
         -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null \
    && psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE ROLE someforum LOGIN PASSWORD 'someforum' CREATEDB" >/dev/null; then
    export SOMEFORUM_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=someforum;Password=someforum"
    say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
  else
    echo "!! PostgreSQL could not be started (see below): the PostgreSQL tests WILL FAIL."
    cat "$pg_dir/initdb.log" "$pg_dir/server.log" 2>/dev/null | tail -20
  fi
else
  echo "!! PostgreSQL is not installed and could not be: the PostgreSQL tests WILL FAIL."
fi

say "restoring and building ($configuration)"
if ! dotnet build SomeForum.sln -c "$configuration" --nologo -v quiet -clp:ErrorsOnly; then
  echo "The build failed; no test was run."
  echo "0 passed, 1 failed"
  exit 1
fi

aborted=0
# run_tests PROJECT NAME [dotnet test arguments...]: one test run, its .trx counted below.
run_tests() {
  local project=$1 name=$2
  shift 2
  say "testing $name"
  if ! dotnet test "$project" -c "$configuration" --no-build --nologo "$@" \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$results" 2>&1 | grep -vE '^\s+Passed |^$'; then
    :
  fi
  local status=${PIPESTATUS[0]}
  if [ ! -f "$results/$name.trx" ]; then
    echo "!! $name produced no results (exit $status): counted as a failed run"
    aborted=$((aborted + 1))
  elif [ "$status" -ne 0 ] && ! grep -q 'failed="[1-9]' "$results/$name.trx"; then
    echo "!! $name exited $status without a failed test: counted as a failed run"
    aborted=$((aborted + 1))
  fi
}
for project in tests/*/*.csproj; do
  run_tests "$project" "$(basename "$project" .csproj)"
done
# The integration stories again, each app on a PostgreSQL database of its own instead of a SQLite file (the ones
# that start real processes, or that are about PostgreSQL or SQLite themselves, ran once above).
SOMEFORUM_TEST_DATABASE=postgres run_tests tests/SomeForum.IntegrationTests/SomeForum.IntegrationTests.csproj \
  SomeForum.IntegrationTests.on-postgres \
  --filter "FullyQualifiedName!~.Deploy.&FullyQualifiedName!~ManyInstancesTests&FullyQualifiedName!~PostgresNotUpYetTests&FullyQualifiedName!~PostgresTests&FullyQualifiedName!~AcrossInstances&FullyQualifiedName!~SharedRateLimitTests&FullyQualifiedName!~StoreTests"

# Sum the <Counters> of every .trx file.
read -r total passed failed < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' |
  sed -E 's/.* total="([0-9]+)".* passed="([0-9]+)" failed="([0-9]+)".*/\1 \2 \3/' |
  awk '{t+=$1; p+=$2; f+=$3} END {print t+0, p+0, f+0}')
failed=$((failed + aborted))
skipped=$((total - passed - (failed - aborted)))
[ "$skipped" -lt 0 ] && skipped=0

if [ "$total" -eq 0 ]; then
  echo "No test ran."
  echo "0 passed, 1 failed"
  exit 1
fi
# The failed tests by name, last before the totals: a CI that keeps only the end of the output still says which.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -E 's/.* testName="([^"]*)".*/\1/' |
    while read -r name; do echo "FAILED in $(basename "$trx" .trx): $name"; done
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
