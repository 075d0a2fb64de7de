#!/usr/bin/env bash
# Start-up of a published app (docs/benchmarks.md, "Start-up"): on a fresh SQLite file without demo data, the seconds
# from starting the process to the first answer of /healthz (migrations included), then the first /Account/Login and
# the first /api/v1/catalog after it.
#   bash benchmarks/wrk/start-time.sh APP_DIR [PORT=5201]
set -euo pipefail
app=$1 port=${2:-5201} data=$(mktemp -d)
cd "$app"
start=$(date +%s.%N)
ASPNETCORE_ENVIRONMENT=Production Network__PublicBaseUrl=http://127.0.0.1:$port Database__Provider=Sqlite Database__SeedDemoData=false \
  Database__ConnectionString="Data Source=$data/app.db" dotnet SmartFactory.Web.dll --urls http://127.0.0.1:$port > "$data/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.05; done
healthy=$(date +%s.%N)
curl -sf -o /dev/null http://127.0.0.1:$port/Account/Login
login=$(date +%s.%N)
curl -sf -o /dev/null http://127.0.0.1:$port/api/v1/catalog
catalog=$(date +%s.%N)
awk -v s="$start" -v h="$healthy" -v l="$login" -v c="$catalog" -v name="$(basename "$app")" \
  'BEGIN {printf "%-12s healthz %.1f s, first login page %.2f s, first catalog %.2f s\n", name, h - s, l - h, c - l}'
