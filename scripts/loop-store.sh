#!/usr/bin/env bash
# Creates or removes a loop-mounted filesystem for snapshot tests and benchmarks (root only).
#   scripts/loop-store.sh create btrfs|xfs MOUNTPOINT [SIZE]   (SIZE for truncate, default 4G)
#   scripts/loop-store.sh remove MOUNTPOINT
# The image file lives next to the mount point as MOUNTPOINT.img. Both commands are idempotent:
# create on a mounted point does nothing; remove on a missing one does nothing.
set -euo pipefail

die() { printf 'loop-store: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (loop devices and mount)"

cmd=${1:-}; shift || true
case "$cmd" in
  create)
    fs=${1:-}; mnt=${2:-}; size=${3:-4G}
    [ -n "$fs" ] && [ -n "$mnt" ] || die "usage: create btrfs|xfs MOUNTPOINT [SIZE]"
    img="$mnt.img"
    if mountpoint -q "$mnt"; then exit 0; fi
    case "$fs" in
      btrfs) command -v mkfs.btrfs >/dev/null || die "mkfs.btrfs missing: run scripts/provision.sh (apt-get install btrfs-progs)"
             mkfs=(mkfs.btrfs -q -f) ;;
      xfs)   command -v mkfs.xfs >/dev/null || die "mkfs.xfs missing: run scripts/provision.sh (apt-get install xfsprogs)"
             mkfs=(mkfs.xfs -q -f -m reflink=1) ;;
      *) die "unknown filesystem $fs; use btrfs or xfs" ;;
    esac
    mkdir -p "$mnt"
    rm -f "$img"
    truncate -s "$size" "$img"
    "${mkfs[@]}" "$img" >/dev/null
    mount -o loop "$img" "$mnt"
    ;;
  remove)
    mnt=${1:-}
    [ -n "$mnt" ] || die "usage: remove MOUNTPOINT"
    if mountpoint -q "$mnt"; then
      umount "$mnt" 2>/dev/null || { sync; umount -l "$mnt"; }
    fi
    rm -f "$mnt.img"
    rmdir "$mnt" 2>/dev/null || true
    ;;
  *) die "usage: $0 create btrfs|xfs MOUNTPOINT [SIZE] | remove MOUNTPOINT" ;;
esac
