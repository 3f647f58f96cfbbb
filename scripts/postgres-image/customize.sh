# Runs with /bin/sh inside the bootstrapped root filesystem (chroot) before it is imported.
set -eu

# The package's postinst created a default cluster; the engine runs initdb itself.
rm -rf /etc/postgresql/* /var/lib/postgresql/*
mkdir -p /etc/postgresql-common/createcluster.d
echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/sqlrs.conf

# Debian's postgres user keeps its uid; the engine reads it from the image.
install -d -o postgres -g postgres -m 0700 /var/lib/postgresql/data
install -d -o postgres -g postgres -m 2775 /run/postgresql

# Docker provides these at run time; the build host's copies do not belong in the image.
rm -f /etc/resolv.conf /etc/hostname

# Downloaded packages, indexes and documentation are not needed at run time.
apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt/* /var/log/*.log \
  /usr/share/doc/* /usr/share/man/* /usr/share/info/* /tmp/* /var/tmp/*

# Checked here so a broken recipe fails the build, not the first test.
for tool in initdb postgres pg_ctl psql pgbench pg_isready pg_controldata; do
  test -x "/usr/lib/postgresql/15/bin/$tool"
done
command -v id >/dev/null
locale -a | grep -qix 'c.utf-\{0,1\}8'
