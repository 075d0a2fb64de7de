#!/usr/bin/env bash
# Officials' views at any scale (docs/benchmarks.md, "Officials' figures at any scale"): for each size, seeds a fresh
# database, starts the published app (its migrate step computes the rollups of the bulk-loaded data once), and prints
# the median of five warm single requests (after one warm-up) for the dashboards of the province, 苏州 and 虎丘区, the
# province's enterprise list, and an enterprise's result page (its peer benchmark included).
#   bash benchmarks/wrk/dashboard-scale.sh Sqlite|Postgres APP_DIR N [N …]
# APP_DIR is a `dotnet publish` of src/SmartFactory.Web.
set -euo pipefail
provider=$1 app=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd) root=$(cd "$here/../.." && pwd) url=http://127.0.0.1:5092
[ "$provider" = Postgres ] && bash "$root/scripts/postgres.sh"

login() { # login → the sf.auth cookie
  local jar t; jar=$(mktemp)
  t=$(curl -s -c "$jar" -b "$jar" $url/Account/Login | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" $url/Account/Login --data-urlencode "Login=$1" --data-urlencode "Password=Load2026" --data-urlencode "__RequestVerificationToken=$t"
  grep sf.auth "$jar" | awk '{print $NF}'; rm -f "$jar"
}
median() { # cookie path → median seconds of five requests after one warm-up
  for i in 0 1 2 3 4 5; do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: sf.auth=$1" "$url$2"; done | tail -5 |
    awk '$1 != 200 {bad = 1} {print $2} END {if (bad) print "non-200" > "/dev/stderr"}' | sort -n | sed -n 3p
}

for n in "$@"; do
  data=$(mktemp -d /tmp/sf-scale.XXXX)
  if [ "$provider" = Postgres ]; then
    su postgres -c "dropdb --if-exists sf_scale && createdb -O smartfactory sf_scale"
    conn="Host=127.0.0.1;Database=sf_scale;Username=smartfactory;Password=smartfactory"
    sql() { PGPASSWORD=smartfactory psql -qtAX -h 127.0.0.1 -U smartfactory sf_scale -c "$1"; }
  else
    conn="Data Source=$data/app.db"
    sql() { sqlite3 "$data/app.db" "$1"; }
  fi
  seed_start=$(date +%s)
  dotnet run -c Release --project "$root/benchmarks/SmartFactory.Benchmarks" -- --seed-province "$n" --provider "$provider" --connection "$conn" > "$data/seed.log"
  start=$(date +%s)
  (cd "$app" && ASPNETCORE_ENVIRONMENT=Production Network__PublicBaseUrl="$url" Database__Provider=$provider Database__ConnectionString="$conn" \
    exec dotnet SmartFactory.Web.dll --urls $url) > "$data/app.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null' EXIT
  until curl -sf $url/healthz > /dev/null; do sleep 1; kill -0 $pid || { cat "$data/app.log"; exit 1; }; done
  ready=$(date +%s)
  P=$(login province@load.test) C=$(login suzhou@load.test) K=$(login huqiu@load.test)
  # an enterprise in 苏州 with a latest submission: the biggest city, so the biggest peer groups
  read -r admin submission < <(sql "SELECT u.\"Login\", a.\"Id\" FROM \"Assessments\" a JOIN \"Users\" u ON u.\"EnterpriseId\" = a.\"EnterpriseId\" JOIN \"Enterprises\" e ON e.\"Id\" = a.\"EnterpriseId\" WHERE a.\"IsLatest\" AND e.\"CityCode\" = '320500' ORDER BY a.\"Id\" LIMIT 1" | tr '|' ' ')
  E=$(login "$admin")
  rollups=$(sql 'SELECT COUNT(*) FROM "Rollups"')
  printf '%s %8d enterprises: seed %ss, start with rollups %ss (%s rows) | dashboard province %s city %s county %s | list %s | result %s | load %s\n' \
    "$provider" "$n" $((start - seed_start)) $((ready - start)) "$rollups" \
    "$(median "$P" /Officials/Dashboard)" "$(median "$C" /Officials/Dashboard)" "$(median "$K" /Officials/Dashboard)" \
    "$(median "$P" /Officials)" "$(median "$E" "/Assessments/Result/$submission")" "$(cut -d' ' -f1 /proc/loadavg)"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
done
