#!/usr/bin/env bash
# One build of the app on a data folder that `rating-save.sh Sqlite …` left ("data in …"): starts it fresh, warms it
# up (15 s API, 10 s page), then measures the API save and the page autosave for SECONDS each and prints req/s, p99 and
# the app's CPU per request. Run it for two builds in turn on the same folder to compare them (docs/benchmarks.md).
#   bash benchmarks/wrk/ab-builds.sh APP_DIR DATA_DIR [SECONDS=10]
set -euo pipefail
app=$1 data=$2 seconds=${3:-10}
here=$(cd "$(dirname "$0")" && pwd) url=http://127.0.0.1:5090
(cd "$app" && ASPNETCORE_ENVIRONMENT=Production Network__PublicBaseUrl=$url Database__Provider=Sqlite \
  Database__ConnectionString="Data Source=$data/app.db" exec dotnet SmartFactory.Web.dll --urls $url) > "$data/ab-app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 120); do curl -sf $url/healthz > /dev/null && break; sleep 0.5; done
wrk -t2 -c32 -d15s -s "$here/api-rating.lua" $url -- "$data" > /dev/null
wrk -t2 -c32 -d10s -s "$here/page-rating.lua" $url -- "$data" > /dev/null
for path in api page; do
  before=$(awk '{print $14 + $15}' /proc/$pid/stat)
  out=$(wrk -t2 -c32 -d${seconds}s --latency -s "$here/$path-rating.lua" $url -- "$data")
  after=$(awk '{print $14 + $15}' /proc/$pid/stat)
  echo "$out" | awk -v name="$(basename "$app") $path" -v cpu=$((after - before)) '
    /Requests\/sec/ {rps=$2} / 99%/ {p99=$2} /requests in/ {n=$1} /Non-2xx/ {bad=$5}
    END {printf "%-24s %9s req/s  p99 %9s  non-2xx %d  app CPU %.2f ms/req\n", name, rps, p99, bad, cpu * 10 / n}'
done
