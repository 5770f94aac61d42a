#!/usr/bin/env bash
# Debian's nginx (the reverse proxy of deploy/nginx-amity.conf, and of the deployment test),
# and wrk (the benchmark of docs/operations.md), installed when missing. Needs root; without it,
# says what is missing and leaves the system alone.
set -euo pipefail
missing=""
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
if [ "${AMITY_BENCH_TOOLS:-0}" = 1 ]; then
  command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages:$missing (run deploy/install-nginx.sh as root; the deployment test is skipped)"
  exit 0
fi
# The packaged service is not started by the install: Amity's tests start nginx with a prefix
# of their own, and an operator enables the site of deploy/ when it is filled in.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made_policy=1
fi
trap 'if [ "$made_policy" = 1 ]; then rm -f "$policy"; fi' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
