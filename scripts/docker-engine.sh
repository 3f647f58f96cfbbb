#!/usr/bin/env bash
# Makes a local Docker engine answer on /var/run/docker.sock: installs Debian's docker.io when
# dockerd is missing and starts dockerd in the background (log: /var/log/dockerd.log) when the
# socket does not answer. No systemd is assumed. Idempotent; returns at once when the engine
# already answers. Root is needed only to install or start.
#   SQLRS_DOCKER_WAIT   seconds to wait for a started engine (default 60)
set -euo pipefail

log() { printf 'provision: docker: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || die "must run as root to $1 (e.g. sudo bash $0)"; }

# Installs the Debian packages that are missing, without starting their services; apt-get
# update runs at most once per provisioning run (the stamp file comes from provision.sh).
apt_install() {
  local pkg missing=() rc=0 held= out
  for pkg; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  need_root "install ${missing[*]}"
  if [ -z "${SQLRS_APT_STAMP:-}" ] || [ ! -e "$SQLRS_APT_STAMP" ]; then
    log "apt-get update"
    apt-get update -qq || die "apt-get update failed; check the Debian mirror in /etc/apt/sources.list.d"
    [ -z "${SQLRS_APT_STAMP:-}" ] || : >"$SQLRS_APT_STAMP"
  fi
  log "installing ${missing[*]}"
  [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; held=1; }
  out=$(DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" 2>&1) || rc=$?
  [ -z "$held" ] || rm -f /usr/sbin/policy-rc.d
  [ "$rc" = 0 ] || { printf '%s\n' "$out" | tail -n 30 >&2; die "apt-get install ${missing[*]} failed (exit $rc)"; }
}

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
