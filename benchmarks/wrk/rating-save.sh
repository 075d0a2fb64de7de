#!/usr/bin/env bash
# Saving a rating under load (docs/benchmarks.md, "Saving a rating"): seeds a fresh database, starts the published
# app and the bare hello baseline on loopback, then runs hello, the API save and the page autosave back to back,
# ROUNDS times, printing one row per wrk run with the app's CPU per request.
#   bash benchmarks/wrk/rating-save.sh Sqlite|Postgres APP_DIR [ROUNDS=3] [SECONDS=10]
#   bash benchmarks/wrk/rating-save.sh Cluster - [ROUNDS] [SECONDS]   # through nginx to the two nodes of
#     `DEMO=false bash scripts/cluster.sh up` (primary and synchronous standby); app CPU is both nodes' together
# APP_DIR is a `dotnet publish` of src/SmartFactory.Web; the hello baseline is published to /tmp/sf-hello.
set -euo pipefail
provider=$1 app=$2 rounds=${3:-3} seconds=${4:-10}
here=$(cd "$(dirname "$0")" && pwd) root=$(cd "$here/../.." && pwd)
data=$(mktemp -d /tmp/sf-rating.XXXX) url=http://127.0.0.1:5090 enterprises=2000 tokens=600 sessions=60

if [ "$provider" = Cluster ]; then
  url=http://127.0.0.1:8088
  conn="Host=127.0.0.1:5433;Database=smartfactory;Username=smartfactory;Password=smartfactory"
  sql() { PGPASSWORD=smartfactory psql -qtAX -h 127.0.0.1 -p 5433 -U smartfactory smartfactory -F ' ' -f -; }
elif [ "$provider" = Postgres ]; then
  bash "$root/scripts/postgres.sh"
  su postgres -c "dropdb --if-exists sf_speed && createdb -O smartfactory sf_speed"
  conn="Host=127.0.0.1;Database=sf_speed;Username=smartfactory;Password=smartfactory"
  sql() { PGPASSWORD=smartfactory psql -qtAX -h 127.0.0.1 -U smartfactory sf_speed -F ' ' -f -; }
else
  conn="Data Source=$data/app.db"
  sql() { sqlite3 -separator ' ' "$data/app.db"; }
fi
[ -d /tmp/sf-hello ] || dotnet publish "$root/benchmarks/Hello" -c Release -o /tmp/sf-hello -v q --nologo
dotnet run -c Release --project "$root/benchmarks/SmartFactory.Benchmarks" -- \
  --seed-province $enterprises --provider "${provider/Cluster/Postgres}" --connection "$conn" > "$data/seed.log"

jq -r '.stages as $st | .scenarios[] | "\(.no) \(.stage as $s | $st | index($s) + 1) \(.descriptions | to_entries | map(select(.value != null) | .key) | join(","))"' \
  "$root/data/catalogs/JS-2026.json" > "$data/scenarios.txt"

# Tokens straight into the table (the app stores only the SHA-256 of "sf_…"), one per enterprise administrator.
echo "SELECT \"Id\", \"EnterpriseId\" FROM \"Users\" WHERE \"EnterpriseId\" IS NOT NULL ORDER BY \"Id\" LIMIT $tokens;" | sql > "$data/admins.txt"
{
  while read -r user enterprise; do
    token=sf_bench$user
    hash=$(printf %s "$token" | sha256sum | awk '{print toupper($1)}')
    echo "INSERT INTO \"AccessTokens\" (\"UserId\", \"Name\", \"Prefix\", \"Hash\", \"CreatedAt\", \"ExpiresAt\") VALUES ($user, 'bench', 'sf_bench', '$hash', '2026-01-01 00:00:00', '2099-01-01 00:00:00');"
    echo "$enterprise $token" >> "$data/tokens.txt"
  done < "$data/admins.txt"
} > "$data/tokens.sql"
{ echo "BEGIN;"; cat "$data/tokens.sql"; echo "COMMIT;"; } | sql

ASPNETCORE_ENVIRONMENT=Production dotnet /tmp/sf-hello/Hello.dll --urls http://127.0.0.1:5091 > "$data/hello.log" 2>&1 &
hellopid=$!
if [ "$provider" = Cluster ]; then
  apppids=$(cat "$root"/artifacts/cluster/node-*.pid)
  trap 'kill $hellopid 2>/dev/null' EXIT
else
  # From its own folder, as deployed: the content root is the working directory, where appsettings.json is.
  (cd "$app" && ASPNETCORE_ENVIRONMENT=Production Network__PublicBaseUrl="$url" Database__Provider=$provider Database__ConnectionString="$conn" \
    exec dotnet SmartFactory.Web.dll --urls $url) > "$data/app.log" 2>&1 &
  apppid=$!
  trap 'kill $apppid $hellopid 2>/dev/null' EXIT
  apppids=$apppid
fi
for _ in $(seq 60); do curl -sf $url/healthz > /dev/null && curl -sf http://127.0.0.1:5091/ > /dev/null && break; sleep 1; done

# Every enterprise's draft exists before the load, as at a deadline (the first GET starts it from the last submission).
cut -d' ' -f1,2 "$data/tokens.txt" | xargs -P 4 -L 1 sh -c 'curl -sf -o /dev/null -H "Authorization: Bearer $1" '$url'/api/v1/enterprises/$0/draft'

# Page sessions: log in as the enterprise administrator, open stage 1 for the antiforgery token the page would carry.
login() {
  jar=$(mktemp) enterprise=$1
  t=$(curl -s -c "$jar" -b "$jar" $url/Account/Login | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" $url/Account/Login --data-urlencode "Login=admin$enterprise@load.test" \
    --data-urlencode "Password=Load2026" --data-urlencode "__RequestVerificationToken=$t"
  t=$(curl -s -c "$jar" -b "$jar" $url/Assessments/Stage/1 | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  echo "$enterprise|$(awk '!/^#/ || /^#HttpOnly_/ {if (NF >= 7) printf "%s=%s; ", $6, $7}' "$jar" | sed 's/; $//')|$t"
  rm -f "$jar"
}
# Two at a time (each login is one PBKDF2 check); `wait` in the pipeline's own shell, which has only the logins as children.
tail -n $sessions "$data/tokens.txt" | { while read -r enterprise _; do login "$enterprise" & [ $((enterprise % 2)) = 0 ] && wait; done; wait; } > "$data/sessions.txt"

ticks() { for p in $apppids; do awk '{print $14 + $15}' /proc/$p/stat; done | awk '{t += $1} END {print t}'; }
run() { # name url [script]
  local before after out
  before=$(ticks)
  out=$(wrk -t2 -c32 -d${seconds}s --timeout 10s --latency ${3:+-s "$here/$3"} "$2" ${3:+-- "$data"} | tee -a "$data/wrk.txt")
  after=$(ticks)
  echo "$out" | awk -v name="$1" -v cpu=$((after - before)) '
    /Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /requests in/ {n=$1}
    /Non-2xx/ {bad=$5} /Socket errors/ {sock=$0}
    END {printf "%-6s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  %s  app CPU %.2f ms/req\n", name, rps, p50, p99, bad+0, sock, cpu * 10 / n}'
}
# Warm-up, not counted: JIT tiering and the database's caches settle within the first seconds of load.
wrk -t2 -c32 -d5s -s "$here/api-rating.lua" "$url" -- "$data" > /dev/null
wrk -t2 -c32 -d5s -s "$here/page-rating.lua" "$url" -- "$data" > /dev/null
for round in $(seq "$rounds"); do
  echo "round $round ($provider, $(cut -d' ' -f1 /proc/loadavg) load)"
  run hello http://127.0.0.1:5091/
  run api $url api-rating.lua
  run page $url page-rating.lua
done
echo "data in $data"
