#!/usr/bin/env bash
# Host side of the engine's real backends: PostgreSQL server and client binaries for the process
# runtime (under /usr/lib/postgresql/<major>/bin; initdb, pg_ctl and postgres also linked from
# /usr/local/bin), the non-root system user `postgres` those processes run as when the engine
# runs as root, and btrfs-progs/xfsprogs for loop-store.sh. Debian is kept from creating or
# starting its default cluster. Idempotent; root is needed only when something is missing.
#   SQLRS_PG_MAJOR   PostgreSQL major version (default 15, the only one in Debian 12)
set -euo pipefail

log() { printf 'provision: host-postgres: %s\n' "$*" >&2; }
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

major=${SQLRS_PG_MAJOR:-15}
bindir="/usr/lib/postgresql/$major/bin"
linked=(initdb pg_ctl postgres)

# postgresql-common reads createcluster.d/*.conf (include_dir in createcluster.conf); a drop-in
# avoids a conffile prompt when the package is installed later.
dropin=/etc/postgresql-common/createcluster.d/sqlrs.conf
if [ "$(cat "$dropin" 2>/dev/null)" != 'create_main_cluster = false' ]; then
  need_root "write $dropin"
  mkdir -p "${dropin%/*}"
  echo 'create_main_cluster = false' >"$dropin"
  log "wrote $dropin (no default cluster on install)"
fi

apt_install "postgresql-$major" "postgresql-client-$major" btrfs-progs xfsprogs
for tool in initdb postgres pg_ctl psql pgbench; do
  [ -x "$bindir/$tool" ] || die "$bindir/$tool is missing; reinstall with: apt-get install --reinstall postgresql-$major postgresql-client-$major"
done

for tool in "${linked[@]}"; do
  link="/usr/local/bin/$tool"
  [ "$(readlink "$link" 2>/dev/null)" = "$bindir/$tool" ] && continue
  if [ -e "$link" ] && [ ! -L "$link" ]; then log "$link is not a link to $bindir; left alone"; continue; fi
  need_root "link $link"
  ln -sfn "$bindir/$tool" "$link"
  log "linked $link -> $bindir/$tool"
done

if ! id -u postgres >/dev/null 2>&1; then
  need_root "create the postgres system user"
  useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home --shell /bin/bash postgres
  log "created system user postgres"
fi
[ "$(id -u postgres)" != 0 ] || die "user postgres has uid 0; Postgres refuses to run as root"

log "PostgreSQL $("$bindir/postgres" --version | awk '{ print $3 }') in $bindir; user postgres uid $(id -u postgres)"
