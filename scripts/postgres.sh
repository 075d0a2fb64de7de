#!/usr/bin/env bash
# Starts the local PostgreSQL cluster and makes the test role; idempotent.
set -euo pipefail
version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$version" ] || { echo "PostgreSQL is not installed"; exit 1; }
if ! pg_lsclusters -h | grep -q online; then
  pg_lsclusters -h | grep -q . || pg_createcluster "$version" main >/dev/null
  pg_ctlcluster "$version" main start
fi
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='smartfactory'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE smartfactory LOGIN SUPERUSER PASSWORD 'smartfactory'\""
