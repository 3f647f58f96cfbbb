#!/usr/bin/env bash
# Provisions everything the real backends and their tests need on a Debian 12 machine, then
# prints a one-line summary on stdout:
#   host-postgres.sh   PostgreSQL server/client binaries, the postgres user, btrfs-progs, xfsprogs
#   docker-engine.sh   Docker engine installed and answering on /var/run/docker.sock
#   postgres-image.sh  the local test image sqlrs-test/postgres:15, rebuilt when its recipe changes
#   liquibase-image.sh the Liquibase runner image sqlrs-test/liquibase:4.28.0 (Java 17 + the distribution)
#   test-tools.sh      tmux and zsh, which the CLI's terminal and completion tests drive
# Idempotent: a run on a provisioned machine takes about a second. Needs root when something is
# missing (install, start dockerd, build the image); apt-get update runs at most once.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
started=$(date +%s%N)

stamp_dir=$(mktemp -d)
trap 'rm -rf "$stamp_dir"' EXIT
export SQLRS_APT_STAMP="$stamp_dir/apt-updated"

bash "$here/host-postgres.sh"
bash "$here/docker-engine.sh"
bash "$here/postgres-image.sh"
bash "$here/liquibase-image.sh"
bash "$here/test-tools.sh"

. "$here/postgres-image/recipe.conf"
major=${SQLRS_PG_MAJOR:-15}
docker_version=$(docker version -f '{{.Server.Version}}' 2>/dev/null || echo '?')
recipe=$(docker image inspect -f '{{index .Config.Labels "sqlrs.recipe"}}' "$image" 2>/dev/null || echo '?')
pg_version=$("/usr/lib/postgresql/$major/bin/postgres" --version | awk '{ print $3 }')
fs_tools=$(dpkg-query -W -f '${Package} ${Version}, ' btrfs-progs xfsprogs)
elapsed=$((($(date +%s%N) - started) / 1000000))
lb_image=$(. "$here/liquibase-image/recipe.conf" && printf '%s' "$image")
printf 'provision: ready in %d.%ds: docker %s, image %s (recipe %s), liquibase runner %s, host postgres %s (user postgres uid %s), %s\n' \
  $((elapsed / 1000)) $((elapsed % 1000 / 100)) "$docker_version" "$image" "$recipe" "$lb_image" "$pg_version" "$(id -u postgres)" "${fs_tools%, }"
