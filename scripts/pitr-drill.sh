#!/usr/bin/env bash
# Point-in-time recovery drill (decision 048): on a throwaway PostgreSQL cluster of its own, it proves that the
# deployment's WAL archiving (deploy/postgres/primary.conf, archive-wal.sh), nightly base backup and retention
# (base-backup.sh) and the restore steps of docs/operations.md ("Point-in-time recovery") bring the database back to
# the moment before a mistake, and nothing after it:
#   initdb; primary.conf; roles.sql; the app's migrate; base backup; more writes; a second base backup that retires the
#   first and its WAL; rows A; the target (a time and a named restore point); rows B; the mistake (DELETE of all rows);
#   the primary stopped; then the newest base backup restored into a new data folder, recovered to the target time
#   (paused, checked, promoted) and again to the restore point.
#   bash scripts/pitr-drill.sh
# SF_APP=…/SmartFactory.Web.dll runs that build's migrate (the tests pass their own); unset, the checkout's through
# `dotnet run --project src/SmartFactory.Web`. Each cluster listens only on a socket in the drill's own temporary folder
# (port PITR_PORT, default 5460, then +1, +2), so it meets no other server. PITR_ROWS_A and PITR_ROWS_B (1000, 500)
# are the rows written before and after the target. Exit 0 when every count is as expected, 1 on a mismatch, non-zero
# on any failure (the clusters' logs are printed then); the clusters are stopped and the folder deleted on any exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$version" ] || { echo "PostgreSQL is not installed" >&2; exit 1; }
bin=/usr/lib/postgresql/$version/bin
port=${PITR_PORT:-5460}
rows_a=${PITR_ROWS_A:-1000}
rows_b=${PITR_ROWS_B:-500}
point=sf-pitr-drill
work=$(mktemp -d "${TMPDIR:-/tmp}/sf-pitr.XXXXXX")
socket=$work/socket
archive=$work/wal
backups=$work/base
clusters=()
failures=0

say() { echo "[pitr] $*"; }
now_ms() { date +%s%3N; }
# The clusters belong to postgres, as the project's other clusters do (scripts/cluster.sh); a non-root caller owns them.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# q PORT DATABASE SQL: one value or row of a statement, as the superuser over the drill's socket.
q() { as_postgres "$bin/psql" -h "$socket" -p "$1" -U postgres -d "$2" -qtAX -v ON_ERROR_STOP=1 -c "$3"; }

cleanup() {
  local status=$? data
  trap - EXIT
  for data in "${clusters[@]}"; do
    if [ -f "$data/postmaster.pid" ]; then
      as_postgres "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  done
  if [ "$status" -ne 0 ]; then
    for log in "$work"/*.log; do
      [ -f "$log" ] && { echo "--- $(basename "$log") (last lines)" >&2; tail -n 15 "$log" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# expect WHAT ACTUAL EXPECTED: prints the comparison, counts a mismatch.
expect() {
  if [ "$2" = "$3" ]; then
    say "  $1: $2 (expected $3)"
  else
    say "  $1: $2 (expected $3) MISMATCH"
    failures=$((failures + 1))
  fi
}

# start NAME PORT: starts the cluster in $work/NAME, its log $work/NAME.log.
start() {
  clusters+=("$work/$1")
  as_postgres "$bin/pg_ctl" -D "$work/$1" -l "$work/$1.log" -o "-p $2 -k $socket" -w -t 120 start >/dev/null
}

# wait_for SECONDS WHAT COMMAND…: until COMMAND succeeds.
wait_for() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$(( $(date +%s) + seconds ))
  until "$@" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "[pitr] no $what after ${seconds}s" >&2; return 1; }
    sleep 0.1
  done
}
archived() { [ -f "$archive/$1.gz" ]; }
# The archived WAL segments (not .history or .backup files), by name.
segments() { find "$archive" -regextype posix-extended -regex '.*/[0-9A-F]{24}\.gz' -printf '%f\n'; }
# Closes the current WAL segment and waits until the archive has it: all written so far is then archived.
switch_and_wait() {
  local segment
  segment=$(q "$port" postgres "SELECT pg_walfile_name(pg_switch_wal())")
  wait_for 60 "archived $segment" archived "$segment"
}

mkdir -p "$socket" "$archive" "$backups"
chmod 0700 "$work"
[ "$(id -u)" = 0 ] && chown -R postgres "$work"
begun=$(now_ms)

# --- The primary: the deployment's settings, with this folder's archive and no standby to wait for.
as_postgres "$bin/initdb" -D "$work/primary" -U postgres -A trust -E UTF8 --locale=C --no-instructions >"$work/initdb.log"
sed -e "s/^listen_addresses = .*/listen_addresses = ''/" \
    -e "s/^synchronous_standby_names = .*/synchronous_standby_names = ''/" \
    -e "s|/usr/local/lib/smartfactory/archive-wal.sh|/bin/bash $root/deploy/postgres/archive-wal.sh|" \
    -e "s|/srv/pgbackup/wal|$archive|" \
    deploy/postgres/primary.conf >"$work/smartfactory.conf"
grep -q "^archive_command = '/bin/bash $root/deploy/postgres/archive-wal.sh %p %f $archive'" "$work/smartfactory.conf" ||
  { echo "[pitr] deploy/postgres/primary.conf has no archive_command of the expected form" >&2; exit 1; }
echo "include '$work/smartfactory.conf'" >>"$work/primary/postgresql.conf"
start primary "$port"
q "$port" postgres "SHOW archive_mode" | grep -qx on
as_postgres "$bin/psql" -h "$socket" -p "$port" -U postgres -d postgres -qX -v ON_ERROR_STOP=1 \
  -v app_password=drill -v replication_password=drill -f deploy/postgres/roles.sql >/dev/null
say "primary PostgreSQL $version on socket port $port, archiving into its own folder ($(( $(now_ms) - begun )) ms)"

# --- The app's schema, by the app's own migrate command.
connection="Host=$socket;Port=$port;Database=smartfactory;Username=smartfactory;Password=drill"
started=$(now_ms)
if [ -n "${SF_APP:-}" ]; then
  migrate=(dotnet "$SF_APP" migrate)
else
  migrate=(dotnet run --project "$root/src/SmartFactory.Web" --no-launch-profile -- migrate)
fi
(cd "$work" && Database__Provider=Postgres Database__ConnectionString="$connection" DOTNET_NOLOGO=1 \
  timeout 300 "${migrate[@]}") >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
migrations=$(q "$port" smartfactory 'SELECT count(*) FROM "__EFMigrationsHistory"')
say "migrate: $migrations migrations ($(( $(now_ms) - started )) ms)"
q "$port" smartfactory "CREATE TABLE pitr_drill (id bigserial PRIMARY KEY, batch text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
  ALTER TABLE pitr_drill OWNER TO smartfactory"

# --- Two nightly base backups, the second keeping only itself: the first and the WAL before the second go.
backup() {
  as_postgres env PGHOST="$socket" PGPORT="$port" PGUSER=postgres PG_BIN="$bin" \
    bash deploy/postgres/base-backup.sh "$backups" "$archive" 1 >>"$work/base-backup.log"
}
kept() { find "$backups" -mindepth 1 -maxdepth 1 -type d -printf '%f\n'; }
# The WAL segment a base backup starts in, from its manifest (as base-backup.sh finds it).
start_wal() {
  q "$port" postgres "SELECT pg_walfile_name('$(sed -n 's/.*"Start-LSN": "\([0-9A-F]*\/[0-9A-F]*\)".*/\1/p' "$backups/$1/backup_manifest" | tail -1)')"
}
started=$(now_ms)
backup
first=$(kept)
first_wal=$(start_wal "$first")
q "$port" smartfactory "INSERT INTO pitr_drill (batch) SELECT 'early' FROM generate_series(1, 100)"
switch_and_wait
archived "$first_wal" || { echo "[pitr] $first_wal, where the first backup starts, was not archived" >&2; exit 1; }
while [ "$(date -u +%Y%m%dT%H%M%SZ)" = "$first" ]; do sleep 0.1; done # backups are named by the second
backup
base=$(kept | sort | tail -1)
start_wal=$(start_wal "$base")
say "base backups $first and $base ($(du -sh "$backups/$base" | cut -f1)), the second with KEEP=1 ($(( $(now_ms) - started )) ms):"
expect "base backups kept" "$(kept | wc -l)" 1
expect "the first backup deleted" "$([ -d "$backups/$first" ] && echo no || echo yes)" yes
expect "archived segments before $start_wal, where the kept one starts" "$(segments | cut -c9-24 | awk -v s="${start_wal:8:16}" '$0 < s' | wc -l)" 0
expect "the first backup's start segment $first_wal archived" "$(archived "$first_wal" && echo yes || echo no)" no

# --- Rows A; the target; rows B; the mistake.
q "$port" smartfactory "INSERT INTO pitr_drill (batch) SELECT 'A' FROM generate_series(1, $rows_a)"
q "$port" postgres "SELECT pg_create_restore_point('$point')" >/dev/null
target=$(q "$port" postgres "SELECT clock_timestamp()")
q "$port" smartfactory "INSERT INTO pitr_drill (batch) SELECT 'B' FROM generate_series(1, $rows_b)"
deleted=$(q "$port" smartfactory "WITH gone AS (DELETE FROM pitr_drill RETURNING 1) SELECT count(*) FROM gone")
switch_and_wait
say "rows A: $rows_a, then restore point '$point' and target time $target, rows B: $rows_b, then the mistake: DELETE of $deleted rows"
expect "rows on the primary after the mistake" "$(q "$port" smartfactory "SELECT count(*) FROM pitr_drill")" 0
as_postgres "$bin/pg_ctl" -D "$work/primary" -m fast -w stop >/dev/null

# restore NAME PORT SETTINGS…: the steps of docs/operations.md — the newest base backup into a new data folder, its
# checksums checked, the recovery settings and recovery.signal, then started; waits until recovery pauses at the target.
restore() {
  local name=$1 at=$2 data=$work/$1
  shift 2
  as_postgres mkdir -m 0700 "$data"
  as_postgres tar -xzf "$backups/$base/base.tar.gz" -C "$data"
  as_postgres tar -xzf "$backups/$base/pg_wal.tar.gz" -C "$data/pg_wal"
  as_postgres "$bin/pg_verifybackup" -q -m "$backups/$base/backup_manifest" "$data"
  {
    echo "restore_command = 'test -f $archive/%f.gz && gzip -dc $archive/%f.gz > %p'"
    printf '%s\n' "$@"
    echo "recovery_target_action = 'pause'"
  } | as_postgres tee "$data/pitr.conf" >/dev/null
  echo "include 'pitr.conf'" | as_postgres tee -a "$data/postgresql.conf" >/dev/null
  as_postgres touch "$data/recovery.signal"
  start "$name" "$at"
  wait_for 120 "pause at the recovery target ($name)" paused "$at"
}
paused() { [ "$(q "$1" postgres "SELECT pg_get_wal_replay_pause_state()")" = paused ]; }
promoted() { [ "$(q "$1" postgres "SELECT pg_is_in_recovery()")" = f ]; }
# check PORT: the rows of each batch in the restored database, against what was there at the target.
check() {
  expect "rows A" "$(q "$1" smartfactory "SELECT count(*) FROM pitr_drill WHERE batch = 'A'")" "$rows_a"
  expect "rows B" "$(q "$1" smartfactory "SELECT count(*) FROM pitr_drill WHERE batch = 'B'")" 0
  expect "rows before the backup" "$(q "$1" smartfactory "SELECT count(*) FROM pitr_drill WHERE batch = 'early'")" 100
  expect "migrations" "$(q "$1" smartfactory 'SELECT count(*) FROM "__EFMigrationsHistory"')" "$migrations"
}

# --- Restore 1: to the time, as an operator does (paused at the target, checked, then promoted to a primary).
started=$(now_ms)
restore restored-to-time $((port + 1)) "recovery_target_time = '$target'"
recovered=$(now_ms)
say "restored to time $target, paused at the target after $(( recovered - started )) ms:"
check $((port + 1))
q $((port + 1)) postgres "SELECT pg_wal_replay_resume()" >/dev/null
wait_for 60 "promotion" promoted $((port + 1))
writable=$(now_ms)
q $((port + 1)) smartfactory "INSERT INTO pitr_drill (batch) VALUES ('after')"
load=$(cut -d' ' -f1-3 /proc/loadavg)
say "time to restore: $(( writable - started )) ms to a writable primary (extract, verify and recover $(( recovered - started )) ms, promote $(( writable - recovered )) ms), load average $load"
wait_for 60 "timeline 2 in the archive" archived 00000002.history
say "  the restored primary archives its new timeline 2 into the same archive"

# --- Restore 2: to the named restore point, on the backup's own timeline (the archive has timeline 2 by now).
started=$(now_ms)
restore restored-to-name $((port + 2)) "recovery_target_name = '$point'" "recovery_target_timeline = 'current'"
say "restored to restore point '$point' after $(( $(now_ms) - started )) ms:"
check $((port + 2))

if [ "$failures" -ne 0 ]; then
  say "FAILED: $failures mismatch(es)"
  exit 1
fi
say "OK in $(( $(now_ms) - begun )) ms"
