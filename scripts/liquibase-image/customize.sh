# Runs with /bin/sh inside the bootstrapped root filesystem (chroot) before it is imported;
# the distribution is already copied to /opt/liquibase.
set -eu
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# The engine runs the runner as its own uid: everything must be readable and the work dir usable.
chmod -R a+rX /opt/liquibase
install -d -m 1777 /sqlrs /sqlrs/work /sqlrs/changelog

# Docker provides these at run time; the build host's copies do not belong in the image.
rm -f /etc/resolv.conf /etc/hostname

apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt/* /var/log/*.log \
  /usr/share/doc/* /usr/share/man/* /usr/share/info/* /tmp/* /var/tmp/*

# Checked here so a broken recipe fails the build, not the first test.
fail() { echo "customize.sh: $*" >&2; exit 1; }
test -x /opt/liquibase/liquibase || fail "no launcher at /opt/liquibase/liquibase"
test -f /opt/liquibase/internal/lib/postgresql.jar || fail "no PostgreSQL JDBC driver in the distribution"
ls -d /usr/lib/jvm/java-17-openjdk-*/bin/java >/dev/null 2>&1 || fail "openjdk-17-jre-headless is not installed"
