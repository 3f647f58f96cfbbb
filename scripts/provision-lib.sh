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

# Prints the first URI of the deb source that serves suite $1 (deb822 sources, then the
# one-line format), so no mirror host is written into the repository.
mirror_uri() {
  local suite=$1 uri=
  if [ -r /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk -v suite="$suite" '
      function flush() { if (deb && hit && uri != "" && !found) { print uri; found = 1 } deb = hit = 0; uri = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^[[:space:]]*#/ { next }
      tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
      tolower($1) == "uris:" { uri = $2 }
      tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == suite) hit = 1 }
      END { flush() }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -r /etc/apt/sources.list ]; then
    uri=$(awk -v suite="$suite" '{ line = $0; sub(/#.*/, "", line); gsub(/\[[^]]*\]/, "", line)
        if (split(line, f) >= 3 && f[1] == "deb" && f[3] == suite) { print f[2]; exit } }' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || die "no deb source for suite $suite in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  printf '%s\n' "$uri"
}
