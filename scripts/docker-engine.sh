#!/usr/bin/env bash
# Makes a local Docker engine answer on /var/run/docker.sock: installs Debian's docker.io when
# dockerd is missing and starts dockerd in the background (log: /var/log/dockerd.log) when the
# socket does not answer. No systemd is assumed. Idempotent; returns at once when the engine
# already answers. Root is needed only to install or start.
#   SQLRS_DOCKER_WAIT   seconds to wait for a started engine (default 60)
set -euo pipefail

PROVISION_PART=docker
# shellcheck source=scripts/provision-lib.sh
. "$(dirname "$0")/provision-lib.sh"

sock=/var/run/docker.sock
dockerd_log=/var/log/dockerd.log
wait_s=${SQLRS_DOCKER_WAIT:-60}

answers() {
  if command -v curl >/dev/null; then
    [ "$(curl -s --max-time 3 --unix-socket "$sock" http://localhost/_ping 2>/dev/null)" = OK ]
  else
    DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1
  fi
}

report() {
  local version
  version=$(DOCKER_HOST="unix://$sock" docker version -f '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo unknown)
  log "engine answers on $sock: server $version"
}

if answers; then report; exit 0; fi

if [ "$(id -u)" != 0 ] && [ -S "$sock" ]; then
  die "$sock does not answer for user $(id -un): join the docker group or run as root"
fi
need_root "install or start the Docker engine"
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
command -v dockerd >/dev/null || apt_install docker.io

# One starter at a time: a concurrent run waits here and then finds the engine answering.
mkdir -p /run/lock
exec 9>/run/lock/sqlrs-dockerd.lock
flock -n 9 || { log "waiting for another run that is starting dockerd"; flock -w $((wait_s + 30)) 9; } ||
  die "another run holds /run/lock/sqlrs-dockerd.lock"
if answers; then report; exit 0; fi

pid=$(pgrep -xo dockerd 2>/dev/null || pidof -s dockerd 2>/dev/null || true)
if [ -n "$pid" ]; then
  log "dockerd already running (pid $pid); waiting for $sock"
else
  log "starting dockerd (log: $dockerd_log)"
  setsid dockerd >>"$dockerd_log" 2>&1 </dev/null 9>&- &
  pid=$!
fi

deadline=$((SECONDS + wait_s))
until answers; do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n 20 "$dockerd_log" >&2 || true
    die "dockerd exited before $sock answered; see $dockerd_log"
  fi
  [ "$SECONDS" -lt "$deadline" ] || die "$sock did not answer within ${wait_s}s; see $dockerd_log"
  sleep 0.5
done
report
