#!/usr/bin/env bash
# Times GET /api/v1/groups/{groupId}/messages/search over HTTP against a running service that holds
# the group bench/dashboard-stats/load.sql built and bench/search/texts.sql filled: for each query of a
# mix (common, rare and absent words; English, Spanish, Chinese; 1, 2 and 3+ characters) a few
# warm-up calls, then N sequential calls of the first page and N of the second; prints the median and
# the 99th percentile per query and over all calls (curl's time_total, in ms).
#   GROUPCHAT_JWT_SECRET=... bench/search/time.sh [base-url] [calls]
set -euo pipefail
BASE=${1:-http://localhost:8080}
CALLS=${2:-20}
GROUP=00000000-0000-7000-8000-00000000d0a5
JAR=${JAR:-target/groupchat.jar}
TOKEN=$(java -jar "$JAR" token creator --name=Creator)
QUERIES=(video canción cancion 视频 我 喜欢这个 ornitorrinco 熊猫 zurich xyzzy "great again" 直播加油)
all=$(mktemp)
trap 'rm -f "$all"' EXIT
stats() { sort -n | awk '{ t[NR] = $1 * 1000 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
  p = int(NR * 0.99 + 0.999); if (p > NR) p = NR; printf "calls %4d  median %6.1f ms  p99 %6.1f ms  max %6.1f ms\n", NR, m, t[p], t[NR] }'; }
for q in "${QUERIES[@]}"; do
  url="$BASE/api/v1/groups/$GROUP/messages/search?limit=20&q=$(printf %s "$q" | jq -sRr @uri)"
  status=$(curl -s -o /tmp/search-page.json -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
  [ "$status" = 200 ] || { echo "search answered $status for $q" >&2; exit 1; }
  found=$(jq '.items | length' /tmp/search-page.json)
  cursor=$(jq -r '.nextCursor // empty' /tmp/search-page.json)
  next="$url${cursor:+&cursor=$(printf %s "$cursor" | jq -sRr @uri)}"
  for _ in 1 2 3; do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$url"; done
  times=()
  for _ in $(seq "$CALLS"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$url")")
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$next")")
  done
  printf '%s\n' "${times[@]}" >>"$all"
  printf '%-14s first page %2d hits  ' "$q" "$found"; printf '%s\n' "${times[@]}" | stats
done
printf '%-14s                    ' "all"; stats <"$all"
