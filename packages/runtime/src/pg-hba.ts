/**
 * The `pg_hba.conf` of every sqlrs cluster (engine.md §7.1): trust only on the 0700 unix socket,
 * a SCRAM password for every TCP login, loopback included.
 */
export const PG_HBA_CONF = [
  '# sqlrs: trust on the unix socket (0700 dir of the server uid); every TCP login needs a password.',
  '# TYPE  DATABASE  USER  ADDRESS       METHOD',
  'local   all       all                 trust',
  'host    all       all   127.0.0.1/32  scram-sha-256',
  'host    all       all   ::1/128       scram-sha-256',
  'host    all       all   0.0.0.0/0     scram-sha-256',
  'host    all       all   ::/0          scram-sha-256',
  '',
].join('\n');
