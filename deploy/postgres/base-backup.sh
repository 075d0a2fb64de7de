#!/usr/bin/env bash
# The nightly base backup for point-in-time recovery (decision 048), and the retention of base backups and WAL.
# Run as postgres on BOTH database servers (cron, docs/operations.md); on the one that is a standby it does nothing, so
# after a failover the new primary takes over without a change:
#   base-backup.sh BACKUPS ARCHIVE [KEEP]        e.g. base-backup.sh /srv/pgbackup/base /srv/pgbackup/wal 8
# BACKUPS/<UTC time>/ gets base.tar.gz, pg_wal.tar.gz (the WAL of the backup itself, so it also restores on its own)
# and backup_manifest (SHA-256 of every file); it is written as <name>.incomplete and renamed when whole. Then all but
# the KEEP newest backups are deleted, and pg_archivecleanup deletes the archived WAL older than the oldest backup kept:
# a restore can reach any moment from the oldest kept backup on, and nothing older.
# The server is reached through libpq's variables (PGHOST, PGPORT; default the local socket), as the postgres role.
set -euo pipefail
backups=${1:?backups folder}; archive=${2:?archive folder}; keep=${3:-8}
bin=${PG_BIN:-/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -n | tail -1)/bin}
say() { echo "[base-backup $(date -u +%FT%TZ)] $*"; }

[ "$keep" -ge 1 ] || { echo "KEEP must be at least 1" >&2; exit 2; }
if [ "$("$bin/psql" -d postgres -qtAXc 'SELECT pg_is_in_recovery()')" = t ]; then
  say "this server is a standby; the primary takes the backup"
  exit 0
fi
mkdir -p "$backups"
# One run at a time: a slow backup still running at the next start is not deleted under itself.
exec 9>"$backups/.lock"
flock -n 9 || { echo "another base backup is running in $backups" >&2; exit 1; }

name=$(date -u +%Y%m%dT%H%M%SZ)
folder=$backups/$name
rm -rf "$backups"/*.incomplete
started=$(date +%s%3N)
# --no-slot: with a (temporary) slot the backup's WAL stream reports flush positions and synchronous_standby_names = '*'
# makes it a candidate synchronous standby — commits could then wait on the backup. Without one it stays async; the
# WAL it streams is kept anyway until archived (archive_mode), and the backup streams it as it is written.
"$bin/pg_basebackup" -D "$folder.incomplete" --format=tar --gzip --wal-method=stream --no-slot --checkpoint=fast \
  --manifest-checksums=SHA256 --label="smartfactory $name" --no-password
gzip -t "$folder.incomplete/base.tar.gz" "$folder.incomplete/pg_wal.tar.gz"
sync "$folder.incomplete"/*
mv "$folder.incomplete" "$folder"
sync "$backups"
say "$folder: $(du -sh "$folder" | cut -f1) in $(( $(date +%s%3N) - started )) ms"

# The KEEP newest complete backups stay (names sort by time); the archive keeps what the oldest of them needs.
mapfile -t all < <(find "$backups" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T*Z' -printf '%f\n' | sort)
for old in "${all[@]:0:$(( ${#all[@]} > keep ? ${#all[@]} - keep : 0 ))}"; do
  say "deleting base backup $old"
  rm -rf "${backups:?}/$old"
done
oldest=$(find "$backups" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T*Z' -printf '%f\n' | sort | head -1)
# The manifest lists the WAL the backup needs, newest timeline first: the last Start-LSN is where it begins. (The
# cleanup compares segment numbers only, not timelines, so the name on the current timeline will do.)
start_lsn=$(sed -n 's/.*"Start-LSN": "\([0-9A-F]*\/[0-9A-F]*\)".*/\1/p' "$backups/$oldest/backup_manifest" | tail -1)
[ -n "$start_lsn" ] || { echo "no Start-LSN in $oldest/backup_manifest" >&2; exit 1; }
start_wal=$("$bin/psql" -d postgres -qtAXc "SELECT pg_walfile_name('$start_lsn')")
"$bin/pg_archivecleanup" -x .gz "$archive" "$start_wal"
say "archive keeps WAL from $start_wal (base backup $oldest) on: $(find "$archive" -maxdepth 1 -name '*.gz' | wc -l) files"
