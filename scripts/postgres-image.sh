#!/usr/bin/env bash
# Builds the local test image (sqlrs-test/postgres:15) from Debian packages, since no container
# registry is reachable: debootstrap a minimal root filesystem with PostgreSQL, adjust it with
# postgres-image/customize.sh, and `docker import` it. The recipe lives in postgres-image/; the
# image is labelled sqlrs.recipe=<hash of that directory> and rebuilt only when the label differs
# or the image is missing; downloaded packages are cached in /var/cache/sqlrs/debootstrap.
# Starts the Docker engine first when it does not answer (docker-engine.sh). Root is needed to
# build; checking an up-to-date image needs only access to the Docker socket.
#   --force   rebuild even when the image is up to date
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
recipe_dir="$here/postgres-image"
deb_cache=/var/cache/sqlrs/debootstrap

PROVISION_PART=postgres-image
# shellcheck source=scripts/provision-lib.sh
. "$(dirname "$0")/provision-lib.sh"

force=
case "${1:-}" in
  --force) force=1 ;;
  '') ;;
  *) die "usage: $0 [--force]" ;;
esac

# shellcheck source=postgres-image/recipe.conf
. "$recipe_dir/recipe.conf"
recipe_hash=$(cd "$recipe_dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
current() { docker image inspect -f '{{index .Config.Labels "sqlrs.recipe"}}' "$image" 2>/dev/null || true; }

docker version >/dev/null 2>&1 || bash "$here/docker-engine.sh"

if [ -z "$force" ] && [ "$(current)" = "$recipe_hash" ]; then
  log "$image is up to date (recipe $recipe_hash)"
  exit 0
fi

need_root "build $image"
# One builder at a time: a concurrent run waits here and then finds the image up to date.
mkdir -p /run/lock
exec 9>/run/lock/sqlrs-postgres-image.lock
flock -n 9 || { log "waiting for another build of $image"; flock -w 900 9; } ||
  die "another build holds /run/lock/sqlrs-postgres-image.lock"
if [ -z "$force" ] && [ "$(current)" = "$recipe_hash" ]; then
  log "$image is up to date (recipe $recipe_hash)"
  exit 0
fi

# Removes a build directory; debootstrap mounts /proc and /sys in the target, and nothing may
# be deleted through a mount.
remove_build_dir() {
  awk -v d="$1/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" || true
  done
  rm -rf --one-file-system "$1"
}
for stale in /var/tmp/sqlrs-pgimage.*; do
  [ ! -d "$stale" ] || { log "removing $stale left by an interrupted build"; remove_build_dir "$stale"; }
done

apt_install debootstrap
uri=$(mirror_uri "$suite")
old_id=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
old_recipe=$(current)
log "building $image (recipe $recipe_hash${old_id:+, replacing recipe ${old_recipe:-none}}) from $uri"

work=$(mktemp -d /var/tmp/sqlrs-pgimage.XXXXXX)
root="$work/rootfs"
trap 'remove_build_dir "$work"' EXIT

started=$SECONDS
# Downloaded packages are kept (and checked against the mirror's index) to speed up rebuilds.
mkdir -p "$deb_cache"
if ! debootstrap --variant="$variant" --include="$packages" --cache-dir="$deb_cache" \
    "$suite" "$root" "$uri" >"$work/debootstrap.log" 2>&1; then
  tail -n 20 "$work/debootstrap.log" >&2
  [ ! -e "$root/debootstrap/debootstrap.log" ] || tail -n 20 "$root/debootstrap/debootstrap.log" >&2
  die "debootstrap failed (mirror $uri)"
fi
log "debootstrap done in $((SECONDS - started))s"

chroot "$root" /bin/sh -s <"$recipe_dir/customize.sh" || die "postgres-image/customize.sh failed in the new root filesystem"

started=$SECONDS
import_args=()
for change in "${changes[@]}"; do import_args+=(-c "$change"); done
import_args+=(-c "LABEL sqlrs.recipe=$recipe_hash")
tar --numeric-owner -C "$root" -c . | docker import "${import_args[@]}" - "$image" >/dev/null ||
  die "docker import of the root filesystem failed"
log "imported in $((SECONDS - started))s"

new_id=$(docker image inspect -f '{{.Id}}' "$image")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
  docker image rm "$old_id" >/dev/null 2>&1 || log "previous image $old_id is still in use; left in place"
fi
uid=$(docker run --rm --network none "$image" id -u)
log "built $image (recipe $recipe_hash, postgres uid $uid)"
