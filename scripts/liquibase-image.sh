#!/usr/bin/env bash
# Builds the Liquibase runner image (sqlrs-test/liquibase:4.28.0) the engine's docker mode runs:
# Debian's openjdk-17-jre-headless (debootstrap, as scripts/postgres-image.sh builds the Postgres
# image, since no container registry is reachable) plus the Liquibase distribution of the pinned
# npm package at /opt/liquibase. Labelled sqlrs.recipe=<hash of liquibase-image/>; rebuilt only
# when the label differs or the image is missing. The distribution comes from the workspace's
# node_modules, else from `npm pack` of the pinned version (provisioning runs before pnpm install).
# Host mode runs the same distribution on the machine's Java, so Debian's openjdk-17-jre-headless
# is installed on the host too when missing.
#   --force   rebuild even when the image is up to date
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
recipe_dir="$here/liquibase-image"
deb_cache=/var/cache/sqlrs/debootstrap

PROVISION_PART=liquibase-image
# shellcheck source=scripts/provision-lib.sh
. "$here/provision-lib.sh"

force=
case "${1:-}" in
  --force) force=1 ;;
  '') ;;
  *) die "usage: $0 [--force]" ;;
esac

# shellcheck source=liquibase-image/recipe.conf
. "$recipe_dir/recipe.conf"
recipe_hash=$(cd "$recipe_dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
current() { docker image inspect -f '{{index .Config.Labels "sqlrs.recipe"}}' "$image" 2>/dev/null || true; }

apt_install openjdk-17-jre-headless
docker version >/dev/null 2>&1 || bash "$here/docker-engine.sh"

if [ -z "$force" ] && [ "$(current)" = "$recipe_hash" ]; then
  log "$image is up to date (recipe $recipe_hash)"
  exit 0
fi

need_root "build $image"
mkdir -p /run/lock
exec 9>/run/lock/sqlrs-liquibase-image.lock
flock -n 9 || { log "waiting for another build of $image"; flock -w 900 9; } ||
  die "another build holds /run/lock/sqlrs-liquibase-image.lock"
if [ -z "$force" ] && [ "$(current)" = "$recipe_hash" ]; then
  log "$image is up to date (recipe $recipe_hash)"
  exit 0
fi

remove_build_dir() {
  awk -v d="$1/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" || true
  done
  rm -rf --one-file-system "$1"
}
for stale in /var/tmp/sqlrs-lbimage.*; do
  [ ! -d "$stale" ] || { log "removing $stale left by an interrupted build"; remove_build_dir "$stale"; }
done

work=$(mktemp -d /var/tmp/sqlrs-lbimage.XXXXXX)
root="$work/rootfs"
trap 'remove_build_dir "$work"' EXIT

# The distribution: the workspace's copy when it is the pinned version, else the registry tarball.
version=${distribution##*@}
dist=
pkg_json=$(cd "$here/../packages/liquibase" 2>/dev/null &&
  node -p "require.resolve('liquibase/package.json')" 2>/dev/null || true)
if [ -n "$pkg_json" ] && [ "$(node -p "require('$pkg_json').version")" = "$version" ]; then
  dist=$(dirname "$pkg_json")/dist/liquibase
else
  log "fetching $distribution with npm pack"
  (cd "$work" && npm pack --silent "$distribution" >/dev/null) || die "npm pack $distribution failed"
  mkdir "$work/npm" && tar -xzf "$work"/liquibase-*.tgz -C "$work/npm"
  dist="$work/npm/package/dist/liquibase"
fi
[ -x "$dist/liquibase" ] || die "no Liquibase launcher at $dist/liquibase"

apt_install debootstrap
uri=$(mirror_uri "$suite")
old_id=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
log "building $image (recipe $recipe_hash) from $uri and $dist"

started=$SECONDS
mkdir -p "$deb_cache"
if ! debootstrap --variant="$variant" --include="$packages" --cache-dir="$deb_cache" \
    "$suite" "$root" "$uri" >"$work/debootstrap.log" 2>&1; then
  tail -n 20 "$work/debootstrap.log" >&2
  [ ! -e "$root/debootstrap/debootstrap.log" ] || tail -n 20 "$root/debootstrap/debootstrap.log" >&2
  die "debootstrap failed (mirror $uri)"
fi
log "debootstrap done in $((SECONDS - started))s"

mkdir -p "$root/opt"
cp -a "$dist" "$root/opt/liquibase"
chroot "$root" /bin/sh -s <"$recipe_dir/customize.sh" || die "liquibase-image/customize.sh failed in the new root filesystem"

import_args=()
for change in "${changes[@]}"; do import_args+=(-c "$change"); done
import_args+=(-c "LABEL sqlrs.recipe=$recipe_hash")
tar --numeric-owner -C "$root" -c . | docker import "${import_args[@]}" - "$image" >/dev/null ||
  die "docker import of the root filesystem failed"

new_id=$(docker image inspect -f '{{.Id}}' "$image")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
  docker image rm "$old_id" >/dev/null 2>&1 || log "previous image $old_id is still in use; left in place"
fi
lb_version=$(docker run --rm --network none "$image" liquibase --version 2>/dev/null | sed -n 's/^Liquibase Version: //p')
[ -n "$lb_version" ] || die "the new image does not run liquibase --version"
log "built $image (recipe $recipe_hash, Liquibase $lb_version) in $((SECONDS - started))s"
