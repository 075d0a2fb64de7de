#!/usr/bin/env bash
# Makes this server's cluster a streaming standby (备库) of PRIMARY: wipes its data folder, copies the primary with
# pg_basebackup -R (writes standby.signal and primary_conninfo) through a replication slot, and starts it.
# Run as root on the standby server:  PGPASSWORD=… bash standby.sh 10.0.0.21 [5432] [15 main] [slot]
# The same script rebuilds a failed old primary as the new standby after a failover (never start it as a primary:
# two primaries means two diverging databases).
set -euo pipefail
primary=${1:?primary host}; port=${2:-5432}; version=${3:-15}; cluster=${4:-main}; slot=${5:-sf_standby}
: "${PGPASSWORD:?set PGPASSWORD to the password of the replicator role}"
data=$(pg_conftool -s "$version" "$cluster" show data_directory)
pg_ctlcluster "$version" "$cluster" stop >/dev/null 2>&1 || true
find "$data" -mindepth 1 -delete
# -C creates the slot on the primary; a slot left over from an earlier standby is dropped first.
runuser -u postgres -- env PGPASSWORD="$PGPASSWORD" psql -h "$primary" -p "$port" -U replicator -d postgres -qtAc \
  "SELECT pg_drop_replication_slot('$slot') FROM pg_replication_slots WHERE slot_name = '$slot' AND NOT active" \
  >/dev/null 2>&1 || true
runuser -u postgres -- env PGPASSWORD="$PGPASSWORD" timeout 3600 \
  pg_basebackup -h "$primary" -p "$port" -U replicator -D "$data" -R -X stream -C -S "$slot" --checkpoint=fast
pg_ctlcluster "$version" "$cluster" start
