#!/usr/bin/env bash
# Host side of the engine's real backends: PostgreSQL server and client binaries for the process
# runtime (under /usr/lib/postgresql/<major>/bin; initdb, pg_ctl and postgres also linked from
# /usr/local/bin), the non-root system user `postgres` those processes run as when the engine
# runs as root, and btrfs-progs/xfsprogs for loop-store.sh. Debian is kept from creating or
# starting its default cluster. Idempotent; root is needed only when something is missing.
#   SQLRS_PG_MAJOR   PostgreSQL major version (default 15, the only one in Debian 12)
set -euo pipefail

PROVISION_PART=host-postgres
# shellcheck source=scripts/provision-lib.sh
. "$(dirname "$0")/provision-lib.sh"

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
