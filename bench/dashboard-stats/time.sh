#!/usr/bin/env bash
# Times GET /api/v1/groups/{groupId}/stats?days=30 over HTTP against a running service that holds the
# group load.sql built: a few warm-up calls, then N sequential calls; prints every time and the
# median, 90th percentile, minimum and maximum (curl's time_total, in ms).
#   GROUPCHAT_JWT_SECRET=... bench/dashboard-stats/time.sh [base-url] [calls]
# The token is minted with the packaged jar's token command (same secret as the service).
set -euo pipefail
BASE=${1:-http://localhost:8080}
CALLS=${2:-20}
GROUP=00000000-0000-7000-8000-00000000d0a5
JAR=${JAR:-target/groupchat.jar}
TOKEN=$(java -jar "$JAR" token creator --name=Creator)
URL="$BASE/api/v1/groups/$GROUP/stats?days=30"

status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL")
[ "$status" = 200 ] || { echo "stats answered $status" >&2; exit 1; }
for _ in 1 2 3 4 5; do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL"; done

times=()
for _ in $(seq "$CALLS"); do
  times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$URL")")
  sleep 0.2
done
printf '%s\n' "${times[@]}" | awk '{ printf "%.1f ", $1 * 1000 } END { print "" }'
printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 * 1000 }
  END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
        printf "calls %d  median %.1f ms  p90 %.1f ms  min %.1f ms  max %.1f ms\n", NR, m, t[int(NR * 0.9 + 0.5)], t[1], t[NR] }'
