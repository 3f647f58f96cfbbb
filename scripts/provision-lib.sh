# Shared by the provisioning scripts (sourced, not run): logging, root checks and a quiet,
# idempotent apt-get install. Callers set PROVISION_PART (e.g. "docker") before sourcing.

log() { printf 'provision: %s: %s\n' "$PROVISION_PART" "$*" >&2; }
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
