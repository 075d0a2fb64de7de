#!/usr/bin/env bash
# The province deployment on this one machine, everything on 127.0.0.1, under artifacts/cluster/:
# PostgreSQL primary (sfprimary, port 5433) with a synchronous streaming standby (sfstandby, 5434), migrate run once,
# two nodes (5101 a, 5102 b; own folder and HOME each, as on two machines), nginx round robin on 8088. Like the
# deployment, the primary archives its WAL (into wal-archive/, shared by both clusters as the servers share theirs)
# and has a base backup (base-backups/), so a point-in-time recovery can be rehearsed on it (docs/operations.md).
#   bash scripts/cluster.sh up        # idempotent; seeds the demo data once (through node a)
#   bash scripts/cluster.sh base-backup  # the nightly base backup and retention (deploy/postgres/base-backup.sh), keeps 2
#   bash scripts/cluster.sh failover  # stops the primary hard, promotes the standby, times until nginx serves again
#   bash scripts/cluster.sh status
#   bash scripts/cluster.sh down      # stops what up started and drops both clusters
# READY_PATH (default /readyz) is what "ready" means for a node and for nginx. DEMO=false leaves the database empty
# (benchmarks/wrk/rating-save.sh Cluster seeds its own province).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$root/artifacts/cluster
app=$work/app
version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
ready_path=${READY_PATH:-/readyz}
nginx_port=8088
nodes=(a:5101 b:5102)
password=smartfactory
replication_password=replicator
connection="Host=127.0.0.1:5433,127.0.0.1:5434;Target Session Attributes=primary;Host Recheck Seconds=1;Database=smartfactory;Username=smartfactory;Password=$password"

say() { echo "[cluster] $*"; }
as_postgres() { runuser -u postgres -- "$@"; }
sql() { as_postgres psql -p "$1" -d "${3:-postgres}" -qtAc "$2"; }
cluster_exists() { pg_lsclusters -h | awk '{print $2}' | grep -qx "$1"; }
now_ms() { date +%s%3N; }

# Waits until URL answers 200, at most SECONDS; prints nothing, fails on timeout.
wait_ok() {
  local url=$1 seconds=$2 deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url")" = 200 ] && return 0
    sleep 0.2
  done
  echo "[cluster] $url not ready after ${seconds}s" >&2
  return 1
}

# A PID file's process, if it still runs the program it was started as.
running_pid() {
  local file=$1 pattern=$2 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  grep -qa -- "$pattern" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

stop_pid() {
  local file=$1 pattern=$2 pid
  pid=$(running_pid "$file" "$pattern") || { rm -f "$file"; return 0; }
  kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$file"
}

publish() {
  if [ -f "$app/SmartFactory.Web.dll" ] && [ -z "$(find src data \( -name bin -o -name obj \) -prune -o -type f -newer "$app/SmartFactory.Web.dll" -print | head -1)" ]; then
    say "app in $app is up to date"
    return
  fi
  say "publishing to $app"
  dotnet publish src/SmartFactory.Web -p:PublishProfile=Server -o "$app" -v q --nologo >"$work/publish.log" 2>&1 ||
    { cat "$work/publish.log"; exit 1; }
  touch "$app/SmartFactory.Web.dll"
}

# deploy/postgres/primary.conf for CLUSTER on 127.0.0.1; SYNC "off" while it has no standby (commits would wait forever).
# WAL is archived by this checkout's archive-wal.sh into wal-archive/ (the deployment's shared /srv/pgbackup/wal).
write_conf() {
  local cluster=$1 sync=$2
  sed -e "s/^listen_addresses = .*/listen_addresses = '127.0.0.1'/" \
      -e "s|/usr/local/lib/smartfactory/archive-wal.sh|/bin/bash $root/deploy/postgres/archive-wal.sh|" \
      -e "s|/srv/pgbackup/wal|$work/wal-archive|" \
      -e "$([ "$sync" = off ] && echo "s/^synchronous_standby_names = .*/synchronous_standby_names = ''/")" \
      deploy/postgres/primary.conf >"/etc/postgresql/$version/$cluster/conf.d/smartfactory.conf"
}

create_primary() {
  mkdir -p "$work/wal-archive" "$work/base-backups"
  chown postgres "$work/wal-archive" "$work/base-backups"
  if ! cluster_exists sfprimary; then
    say "creating PostgreSQL $version/sfprimary on 5433"
    pg_createcluster "$version" sfprimary -p 5433 >/dev/null
    write_conf sfprimary off
  fi
  pg_ctlcluster "$version" sfprimary start >/dev/null 2>&1 || true
  as_postgres psql -p 5433 -d postgres -q -v app_password="$password" -v replication_password="$replication_password" \
    -f "$root/deploy/postgres/roles.sql" >/dev/null
}

create_standby() {
  if ! cluster_exists sfstandby; then
    say "creating PostgreSQL $version/sfstandby on 5434 as a streaming standby of 5433"
    pg_createcluster "$version" sfstandby -p 5434 >/dev/null
    # Once promoted it has no standby of its own: asynchronous, as README's promotion step says.
    write_conf sfstandby off
    PGPASSWORD=$replication_password timeout 300 bash deploy/postgres/standby.sh 127.0.0.1 5433 "$version" sfstandby sfstandby
  fi
  pg_ctlcluster "$version" sfstandby start >/dev/null 2>&1 || true
  write_conf sfprimary on
  # archive_mode takes a restart: a primary created before archiving was in primary.conf gets one here, once.
  if [ "$(sql 5433 "SHOW archive_mode")" = on ]; then
    pg_ctlcluster "$version" sfprimary reload
  else
    say "restarting sfprimary to turn WAL archiving on"
    pg_ctlcluster "$version" sfprimary restart
  fi
}

# The deployment's nightly base backup and retention, on whichever of the two is the primary now.
base_backup() {
  local port
  for port in 5433 5434; do
    if [ "$(sql "$port" "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ]; then
      as_postgres env PGPORT="$port" bash deploy/postgres/base-backup.sh "$work/base-backups" "$work/wal-archive" 2
      return
    fi
  done
  echo "[cluster] no running primary on 5433 or 5434" >&2
  return 1
}

start_node() {
  local name=$1 port=$2 seed=$3 folder=$work/node-$1
  if running_pid "$work/node-$name.pid" SmartFactory.Web.dll >/dev/null; then return; fi
  mkdir -p "$folder/home"
  say "starting node $name on 127.0.0.1:$port"
  # The node writes its own PID (setsid may fork); nothing of it keeps this script's output open.
  (cd "$folder" && exec env HOME="$folder/home" ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 \
    Network__NodeName="$name" Database__Provider=Postgres Database__ConnectionString="$connection" \
    Database__MigrateOnStart=false Database__SeedDemoData="$seed" \
    Network__KnownProxies__0=127.0.0.1 Network__PublicBaseUrl="http://127.0.0.1:$nginx_port" \
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' node "$work/node-$name.pid" \
      dotnet "$app/SmartFactory.Web.dll" --contentRoot "$app" --urls "http://127.0.0.1:$port") \
    >"$folder/node.log" 2>&1 </dev/null &
}

start_nginx() {
  if running_pid "$work/nginx/nginx.pid" nginx >/dev/null; then return; fi
  mkdir -p "$work/nginx"
  bash scripts/nginx-config.sh "$work/nginx" "$nginx_port" 127.0.0.1:5101 127.0.0.1:5102 >"$work/nginx/nginx.conf"
  say "starting nginx on 127.0.0.1:$nginx_port"
  # The daemon keeps stderr open: not ours, or a caller's pipe would never end.
  nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" </dev/null >/dev/null 2>>"$work/nginx/error.log"
}

up() {
  [ -n "$version" ] || { echo "PostgreSQL is not installed" >&2; exit 1; }
  mkdir -p "$work"
  publish
  create_primary
  create_standby
  say "migrate"
  Database__Provider=Postgres Database__ConnectionString="$connection" timeout 300 dotnet "$app/SmartFactory.Web.dll" migrate
  # Archived WAL restores only on top of a base backup: the first one now, later ones by the base-backup verb.
  [ -n "$(ls "$work/base-backups")" ] || base_backup
  # Demo data through node a alone (it seeds an empty database only), ready before b starts.
  start_node a 5101 "${DEMO:-true}"
  wait_ok "http://127.0.0.1:5101$ready_path" 180
  start_node b 5102 false
  wait_ok "http://127.0.0.1:5102$ready_path" 120
  start_nginx
  wait_ok "http://127.0.0.1:$nginx_port$ready_path" 30
  status
}

status() {
  pg_lsclusters | awk 'NR == 1 || $2 ~ /^sf/'
  for port in 5433 5434; do
    local role
    role=$(sql "$port" "SELECT CASE WHEN pg_is_in_recovery() THEN 'standby' ELSE 'primary' END" 2>/dev/null) || role=down
    echo "postgres 127.0.0.1:$port: $role"
    if [ "$role" = primary ]; then
      echo "  WAL archive $work/wal-archive: $(sql "$port" "SELECT archived_count || ' archived, last ' || coalesce(last_archived_wal, '-') || ', ' || failed_count || ' failed' FROM pg_stat_archiver"); base backups: $(ls "$work/base-backups" 2>/dev/null | tr '\n' ' ')"
    fi
  done
  for node in "${nodes[@]}"; do
    local name=${node%%:*} port=${node##*:} pid
    pid=$(running_pid "$work/node-$name.pid" SmartFactory.Web.dll) || pid=-
    echo "node $name pid $pid 127.0.0.1:$port$ready_path: $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port$ready_path")"
  done
  local pid
  pid=$(running_pid "$work/nginx/nginx.pid" nginx) || pid=-
  echo "nginx pid $pid 127.0.0.1:$nginx_port$ready_path: $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$nginx_port$ready_path")"
}

failover() {
  [ "$(sql 5433 "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] ||
    { echo "5433 is not a running primary: run down and up first" >&2; exit 1; }
  wait_ok "http://127.0.0.1:$nginx_port$ready_path" 10
  # A commit acknowledged just before the crash, and what the app holds: both must be on the promoted standby.
  local marker enterprises
  marker=$(sql 5433 "CREATE TABLE IF NOT EXISTS failover_probe (at timestamptz); INSERT INTO failover_probe VALUES (now()) RETURNING at")
  enterprises=$(sql 5433 "SELECT count(*) FROM \"Enterprises\"" smartfactory)
  say "acknowledged before the crash: probe $marker, $enterprises enterprises"
  local start=$(now_ms)
  pg_ctlcluster "$version" sfprimary stop -m immediate
  say "primary stopped (immediate) at +$(( $(now_ms) - start )) ms"
  pg_ctlcluster "$version" sfstandby promote
  say "standby promoted at +$(( $(now_ms) - start )) ms"
  # Serving again: two consecutive 200s through nginx, so both nodes answer from the new primary.
  local ok=0 deadline=$(( $(date +%s) + 60 ))
  while [ "$ok" -lt 2 ] && [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$nginx_port$ready_path")" = 200 ]; then
      ok=$((ok + 1))
    else
      ok=0; sleep 0.1
    fi
  done
  [ "$ok" -ge 2 ] || { echo "[cluster] nginx did not serve again within 60 s" >&2; exit 1; }
  say "serving again through nginx after $(( $(now_ms) - start )) ms"
  local after_marker after_enterprises
  after_marker=$(sql 5434 "SELECT count(*) FROM failover_probe WHERE at = '$marker'")
  after_enterprises=$(sql 5434 "SELECT count(*) FROM \"Enterprises\"" smartfactory)
  say "on the new primary: probe found $after_marker time(s), $after_enterprises enterprises"
  [ "$after_marker" = 1 ] && [ "$after_enterprises" = "$enterprises" ] || { echo "[cluster] acknowledged data lost" >&2; exit 1; }
}

down() {
  stop_pid "$work/nginx/nginx.pid" nginx
  for node in "${nodes[@]}"; do stop_pid "$work/node-${node%%:*}.pid" SmartFactory.Web.dll; done
  for cluster in sfstandby sfprimary; do
    if cluster_exists "$cluster"; then
      say "dropping PostgreSQL $version/$cluster"
      pg_dropcluster --stop "$version" "$cluster"
    fi
  done
  # The archive and base backups are of the clusters just dropped: a new primary's WAL has the same file names.
  rm -rf "$work"/node-* "$work/nginx" "$work/wal-archive" "$work/base-backups"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  failover) failover ;;
  base-backup) base_backup ;;
  status) status ;;
  *) echo "usage: $0 up|down|failover|status|base-backup" >&2; exit 2 ;;
esac
