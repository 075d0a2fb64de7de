#!/usr/bin/env bash
# Policy simulation at province scale (docs/benchmarks.md, "Policy simulation at province scale"): for each size, seeds a
# fresh database, starts the published app, loads two draft rule-set versions through the API and runs the
# province-wide simulation of each twice, polling until done. The very first run is the worst case: JIT warm-up, and
# the database's files dropped from the OS page cache just before (posix_fadvise DONTNEED on those files only):
#   2026.2  先进级 needs 12 scenarios instead of 10: few levels change (the read and grade path alone)
#   2026.3  智能车间 needs a DT score of 65 instead of 50: over a third of the levels change (the write path too)
# Prints per run: wall time from the POST to "done" as the client saw it, the same from the
# simulation row (StartedAt → FinishedAt, the server's clock), submissions regraded, changes written, and memory: the
# app's peak resident set (VmHWM) before and after the run, and the largest anonymous resident set (RssAnon: the heap,
# without the file pages that SQLite's memory-mapped scan adds to VmHWM) sampled at every poll, to show that memory
# does not grow with the scope.
#   bash benchmarks/wrk/simulation-scale.sh Sqlite|Postgres APP_DIR N [N …]
# N is enterprises, as for --seed-province (about 70 % of them have a latest submission: 143000 gives ~100,000).
# APP_DIR is a `dotnet publish -c Release` of src/SmartFactory.Web. PORT and DB (PostgreSQL database name) may be set.
# BASELINE=OTHER_APP_DIR (e.g. a publish of the commit before a change) runs the same four simulations with that app
# too, on the same database right after, its first run cold again: a before/after ratio from one run of the script.
# SEEDED=FILE.db (SQLite, one N) starts from a copy of that file instead of seeding; the apps migrate it at start.
set -euo pipefail
provider=$1 apps=("$2"); shift 2
[ -n "${BASELINE:-}" ] && apps+=("$BASELINE")
here=$(cd "$(dirname "$0")" && pwd) root=$(cd "$here/../.." && pwd)
url=http://127.0.0.1:${PORT:-5094} pgdb=${DB:-sf_simulation}
token=sf_load2026-benchmark-system-administrator # SeedProvince.AdminToken
[ "$provider" = Postgres ] && bash "$root/scripts/postgres.sh"

api() { curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
# grep, not a JSON parser: a python3 per poll would take CPU from the app it measures (same session, same CPU share)
field() { grep -o "\"$1\":\"\?[a-z0-9]*" | head -1 | sed 's/.*://; s/"//'; }
mb() { awk "/$2/"' {printf "%.1f", $2 / 1024}' "/proc/$1/status"; } # PID FIELD of /proc/PID/status, in MB
# drops the named files from the page cache (theirs only: the machine is shared)
uncache() { python3 -c "import os, sys
for f in sys.argv[1:]: fd = os.open(f, os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)" "$@"; }
# a draft: the rule set in force with a new version ($1) and the changes of the python statement $2
draft() { python3 -c "
import json; r = json.load(open('$root/data/rulesets/JS-2026.json'))
r['version'] = '$1'; $2
print(json.dumps(r, ensure_ascii=False))"; }
declare -A drafts=([2026.2]="r['tiers'][2]['minScenarios']['value'] = 12"
  [2026.3]="r['tiers'][0]['minDtScore']['value'] = r['tiers'][0]['recommendFromDtScore']['value'] = 65")

for n in "$@"; do
  data=$(mktemp -d /tmp/sf-simulation.XXXX)
  if [ "$provider" = Postgres ]; then
    su postgres -c "dropdb --if-exists $pgdb && createdb -O smartfactory $pgdb"
    conn="Host=127.0.0.1;Database=$pgdb;Username=smartfactory;Password=smartfactory"
    sql() { PGPASSWORD=smartfactory psql -qtAX -h 127.0.0.1 -U smartfactory "$pgdb" -c "$1"; }
    seconds='EXTRACT(EPOCH FROM "FinishedAt" - "StartedAt")'
    files() { ls -d "$(su postgres -c "psql -tAc 'SHOW data_directory'")/base/$(sql "SELECT oid FROM pg_database WHERE datname = '$pgdb'")"/*; }
  else
    conn="Data Source=$data/app.db"
    sql() { sqlite3 "$data/app.db" "$1"; }
    seconds='(julianday("FinishedAt") - julianday("StartedAt")) * 86400'
    files() { ls "$data"/app.db*; }
  fi
  seed_start=$(date +%s)
  if [ -n "${SEEDED:-}" ]; then
    cp "$SEEDED" "$data/app.db" # SQLite: a copy of a database seeded before with the same N, to save the seeding
  else
    dotnet run -c Release --project "$root/benchmarks/SmartFactory.Benchmarks" -- --seed-province "$n" --provider "$provider" --connection "$conn" > "$data/seed.log"
  fi
  seeded=$(date +%s)
  printf '%s %d enterprises: seed %ss, %s latest submissions\n' "$provider" "$n" $((seeded - seed_start)) "$(sql 'SELECT COUNT(*) FROM "Assessments" WHERE "IsLatest"')"
  for app in "${apps[@]}"; do
    (cd "$app" && ASPNETCORE_ENVIRONMENT=Production Network__PublicBaseUrl="$url" Database__Provider=$provider Database__ConnectionString="$conn" \
      exec dotnet SmartFactory.Web.dll --urls "$url") > "$data/app.log" 2>&1 &
    pid=$!
    trap 'kill $pid 2>/dev/null' EXIT
    started=$(date +%s)
    until curl -sf "$url/healthz" > /dev/null; do sleep 1; kill -0 $pid || { cat "$data/app.log"; exit 1; }; done
    echo " app $app: serving after $(($(date +%s) - started)) s (migrations included)"
    if [ "$app" = "${apps[0]}" ]; then
      for version in 2026.2 2026.3; do
        api -o /dev/null -w '%{http_code}' "$url/api/v1/library" --data-binary "$(draft $version "${drafts[$version]}")" | grep -q 201 || { echo "draft $version not loaded"; exit 1; }
      done
    fi
    echo " app $app: VmHWM at start $(mb $pid VmHWM) MB"
    uncache $(files)
    for run in 2026.2/1 2026.2/2 2026.3/1 2026.3/2; do
      before=$(mb $pid VmHWM) anon=0 start=$(date +%s.%N)
      id=$(api "$url/api/v1/library/JS-2026%40${run%/*}/simulations" -d '{"division": null}' | field id)
      while state=$(api "$url/api/v1/library/simulations/$id" | field state); [ "$state" = running ]; do
        anon=$(mb $pid RssAnon | awk -v m="$anon" '{print ($1 > m ? $1 : m)}'); sleep 0.25
      done
      wall=$(echo "$(date +%s.%N) - $start" | bc)
      read -r done total row < <(sql "SELECT \"Done\", \"Total\", $seconds FROM \"Simulations\" WHERE \"Id\" = $id" | tr '|' ' ')
      printf '  %s: POST → done %.2f s (row %.2f s), state %s, %s of %s submissions, %s changes written, result MD5 %.8s, VmHWM %s → %s MB, RssAnon ≤ %s MB, load %s\n' \
        "$run" "$wall" "$row" "$state" "$done" "$total" "$(sql "SELECT COUNT(*) FROM \"SimulationChanges\" WHERE \"SimulationId\" = $id")" \
        "$(sql "SELECT \"ResultJson\" FROM \"Simulations\" WHERE \"Id\" = $id" | md5sum)" \
        "$before" "$(mb $pid VmHWM)" "$anon" "$(cut -d' ' -f1 /proc/loadavg)"
    done
    kill $pid; wait $pid 2>/dev/null || true
  done
  rm -rf "$data"
done
