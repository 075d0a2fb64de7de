#!/usr/bin/env bash
# Sign-in timing and the signed-in hot path (docs/benchmarks.md, "Sign-in timing"). Against a published app on a fresh
# SQLite file on loopback:
#   1. ROUNDS pairs of failed sign-ins, alternating a wrong password of a real account and an unknown login, each timed
#      by curl from the POST to the answer; prints the median of each and their ratio (throttling set out of the way);
#   2. `wrk -t2 -c8 -d${SECONDS}s` on GET /Account/Password with a signed-in cookie: the cost of checking the session on
#      each request (run it on two builds to compare).
#   bash benchmarks/wrk/login-timing.sh APP_DIR [ROUNDS=40] [SECONDS=10]
set -euo pipefail
app=$1 rounds=${2:-40} seconds=${3:-10}
data=$(mktemp -d /tmp/sf-login.XXXX) url=http://127.0.0.1:5092 login=timing-admin@example.gov.cn password=Timing0pass
# A second account for the hot path: an older build locks the first one after five wrong passwords.
reader=reader-admin@example.gov.cn
export Database__ConnectionString="Data Source=$data/app.db" ASPNETCORE_ENVIRONMENT=Production
export Security__LoginThrottle__FailuresPerLoginAndAddress=100 Security__LoginThrottle__FailuresPerAddress=10000
(cd "$app" && dotnet SmartFactory.Web.dll migrate && dotnet SmartFactory.Web.dll create-admin --login $login --name 计时 --password $password \
  && dotnet SmartFactory.Web.dll create-admin --login $reader --name 读者 --password $password) > "$data/setup.log"
(cd "$app" && exec dotnet SmartFactory.Web.dll --urls $url) > "$data/app.log" 2>&1 &
apppid=$!
trap 'kill $apppid 2>/dev/null' EXIT
for _ in $(seq 60); do curl -sf $url/healthz > /dev/null && break; sleep 1; done

# One failed sign-in: the form's antiforgery token and cookie, then the timed POST.
attempt() {
  local jar=$data/jar token
  rm -f "$jar"
  token=$(curl -s -c "$jar" $url/Account/Login | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' --data-urlencode "Login=$1" --data-urlencode "Password=$2" \
    --data-urlencode "__RequestVerificationToken=$token" $url/Account/Login
}
attempt $login wrong-password1 > /dev/null   # warm-up: JIT, the unknown-login hash, the first connection
attempt nobody@example.com wrong-password1 > /dev/null
for i in $(seq "$rounds"); do
  attempt $login "wrong-password$i" >> "$data/wrong.txt"
  attempt "nobody$i@example.com" "wrong-password$i" >> "$data/unknown.txt"
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2) * 1000}'; }
wrong=$(median "$data/wrong.txt") unknown=$(median "$data/unknown.txt")
printf 'wrong password: median %.1f ms\nunknown login:  median %.1f ms\nratio unknown/wrong: %.2f  (%s pairs)\n' \
  "$wrong" "$unknown" "$(echo "$unknown / $wrong" | bc -l)" "$rounds"

# The hot path: a signed-in page, so every request runs the cookie's session check.
jar=$data/session
token=$(curl -s -c "$jar" $url/Account/Login | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "Login=$reader" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" $url/Account/Login
cookie=$(awk '$6 == "sf.auth" {print $6 "=" $7}' "$jar")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" $url/Account/Password)" = 200 ] || { echo "not signed in" >&2; exit 1; }
wrk -t2 -c8 -d"${seconds}s" --latency -H "Cookie: $cookie" $url/Account/Password | grep -E 'Requests/sec|50%|99%|Non-2xx'
