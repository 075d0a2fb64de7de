#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (PostgreSQL, nginx, Chromium, a CJK font, aiosmtpd),
# starts PostgreSQL, runs all test projects, and prints the plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || need+=(fonts-wqy-microhei fontconfig)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
# The mail tests' SMTP server on loopback, in Debian's own interpreter (a python3 earlier on PATH may lack it).
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need+=(python3-aiosmtpd)
installs_nginx=false
command -v nginx >/dev/null || { need+=(nginx-light); installs_nginx=true; }
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
# The two-node tests run nginx with their own config and ports; the default site that the post-install of the nginx
# installed here may have started on port 80 is stopped (through its own pid file); an nginx already there is left alone.
if $installs_nginx && [ -s /run/nginx.pid ] && grep -qa nginx "/proc/$(cat /run/nginx.pid)/cmdline" 2>/dev/null; then
  nginx -s quit 2>/dev/null || true
fi
bash scripts/postgres.sh
# Every app host a test starts watches its settings files; the default of 128 inotify instances per user runs out.
[ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 0)" -ge 1024 ] || echo 1024 > /proc/sys/fs/inotify/max_user_instances 2>/dev/null || true

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet test SmartFactory.slnx --logger "trx" --results-directory "$results" -v quiet --nologo || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${n:-0}))
done
if [ "$failed" -ne 0 ]; then
  /usr/bin/python3 scripts/failures.py "$results"/*.trx || true
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
