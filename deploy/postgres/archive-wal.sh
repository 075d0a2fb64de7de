#!/usr/bin/env bash
# archive_command of deploy/postgres/primary.conf (decision 048): archive-wal.sh %p %f ARCHIVE
# Copies one finished WAL segment (or a .history/.backup file) from the server's pg_wal into ARCHIVE as NAME.gz, so
# that it is there whole or not at all, and is on disk before PostgreSQL is told so and recycles its own copy:
#   - compressed to a temporary name in ARCHIVE, fsynced, renamed, and the folder fsynced (the rename survives a crash);
#   - never overwrites: a NAME.gz already there with the same bytes is success (the server crashed after the copy but
#     before it noted it, and asks again); with other bytes it fails, and PostgreSQL keeps the segment and retries —
#     pg_stat_archiver.failed_count grows, which is what the operator's alert watches.
# Compression matters: archive_timeout closes a 16 MB segment every minute however little was written, and such a
# segment gzips to kilobytes (the rest of it is zeros).
set -euo pipefail
path=${1:?%p}; name=${2:?%f}; archive=${3:?archive folder}
target=$archive/$name.gz
if [ -e "$target" ]; then
  if gzip -dc "$target" | cmp -s - "$path"; then
    exit 0
  fi
  echo "archive-wal: $target already exists with other bytes; not overwritten" >&2
  exit 1
fi
temporary=$archive/.$name.gz.$$
trap 'rm -f "$temporary"' EXIT
gzip -c "$path" >"$temporary"
sync "$temporary"
mv "$temporary" "$target"
sync "$archive"
trap - EXIT
