#!/usr/bin/env bash
# The PostgreSQL servers that the database tests run against: a primary on 127.0.0.1:55432 and a
# streaming replica of it on 127.0.0.1:55433 (PostgreSQL 15), in folders of their own under
# ${BULWARK_PG_DIR:-/tmp/bulwark-pg}. The tests read where they are from one setting, the system
# property bulwark.pg or the environment variable BULWARK_PG, which `env` prints:
#
#   .ci/postgres.sh start
#   export BULWARK_PG=$(.ci/postgres.sh env)
#
# Subcommands:
#   start           create what is missing (both clusters, the login role), start both servers, and
#                   wait until both accept connections and the replica streams from the primary
#   stop            stop both servers (the replica first); the clusters stay for the next start
#   stop-primary    stop the primary only (fast shutdown: open connections are cut)
#   start-primary   start the primary again; waits until the replica streams from it again
#   pause-replica   pause WAL replay on the replica: it stays up but falls behind the primary
#   resume-replica  resume WAL replay on the replica
#   status          what runs, whether the replica streams and how far behind it is; exit 1 if not
#                   both up and streaming
#   env             print the value of BULWARK_PG for these servers
#   destroy         stop both servers and delete their folders
#
# As root (the server refuses to run as root) every server command runs as the postgres user
# through runuser, as Debian's pg_ctlcluster does, and the folders belong to postgres. As any
# other user the servers run as that user, in folders it owns. Only the server's own user can
# reach the Unix sockets (their folder is private to it); over TCP the servers listen on 127.0.0.1
# only and ask for a password (SCRAM).
#
# Settings (environment): BULWARK_PG_DIR (where the clusters live), BULWARK_PG_PORT and
# BULWARK_PG_REPLICA_PORT, BULWARK_PG_BIN (the folder with postgres, initdb and pg_ctl),
# BULWARK_PG_TIMEOUT (seconds any one wait may take before the script fails).
set -euo pipefail

# Settings of libpq in the caller's environment (PGHOST, PGUSER, PGPASSWORD, PGSERVICE, ...)
# would redirect the commands below to another server or user; these commands say everything.
for v in $(compgen -e); do
  case "$v" in PG*) unset "$v" ;; esac
done

PG_MAJOR=15
PG_BIN=${BULWARK_PG_BIN:-/usr/lib/postgresql/$PG_MAJOR/bin}
BASE=${BULWARK_PG_DIR:-/tmp/bulwark-pg}
PRIMARY_PORT=${BULWARK_PG_PORT:-55432}
REPLICA_PORT=${BULWARK_PG_REPLICA_PORT:-55433}
TIMEOUT=${BULWARK_PG_TIMEOUT:-60}

PRIMARY_DIR=$BASE/primary
REPLICA_DIR=$BASE/replica
# The Unix sockets of both servers (their names carry the port). A folder of its own, private to
# the server's user: local connections are trusted, so only that user may reach them.
SOCKETS=$BASE/run
PRIMARY_LOG=$BASE/primary.log
REPLICA_LOG=$BASE/replica.log
# Written once a cluster is complete: a folder without its marker is the leftover of a run that
# failed half-way, and is deleted and made again.
PRIMARY_DONE=$BASE/primary.done
REPLICA_DONE=$BASE/replica.done

# The physical replication slot that keeps the primary's WAL until the replica has it, and the
# replica's name (its cluster_name, which its WAL receiver reports as application_name in the
# primary's pg_stat_replication).
SLOT=bulwark_replica
REPLICA_NAME=bulwark-replica
# The tests' login role; its password is no secret (the servers hold test data only and listen
# on the loopback interface only).
ROLE=bulwark
ROLE_PASSWORD=bulwark

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# The OS user the servers run as.
server_user() {
  if is_root; then echo postgres; else id -un; fi
}

# Runs a command as the servers' user: through runuser as root (from /, which postgres can read,
# whatever the caller's folder), directly otherwise. File descriptor 9 holds this script's lock:
# closed for the command, or a server started by it would hold the lock for its whole life.
as_server() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@" 9>&-)
  else
    "$@" 9>&-
  fi
}

# psql as the superuser postgres over the Unix socket, one statement, unaligned tuples only.
sql() {
  local port=$1
  shift
  as_server "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$SOCKETS" -p "$port" \
    -U postgres -d postgres -c "$1"
}

# Whether a server runs in this data folder (pg_ctl status: 0 running, 3 not, 4 no data folder).
running() {
  [ -d "$1" ] && as_server "$PG_BIN/pg_ctl" status -D "$1" >/dev/null 2>&1
}

# The last lines of a server's log, for error messages.
log_tail() {
  if [ -f "$1" ]; then
    echo "--- last lines of $1:" >&2
    tail -n 20 "$1" >&2 || true
  fi
}

# Step 1: the server binaries. Debian's postgresql-15 package puts them in
# /usr/lib/postgresql/15/bin; root installs it where it is missing, anyone else is told to.
ensure_binaries() {
  if [ -x "$PG_BIN/postgres" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_basebackup" ]; then
    return
  fi
  if is_root && command -v apt-get >/dev/null 2>&1 && [ -z "${BULWARK_PG_BIN:-}" ]; then
    echo "== PostgreSQL $PG_MAJOR not found in $PG_BIN: installing postgresql-$PG_MAJOR"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "postgresql-$PG_MAJOR"
    [ -x "$PG_BIN/postgres" ] || die "postgresql-$PG_MAJOR installed, but $PG_BIN/postgres is still missing"
    return
  fi
  die "PostgreSQL $PG_MAJOR server binaries not found in $PG_BIN (postgres, initdb, pg_basebackup)." \
    "Install them (Debian/Ubuntu: sudo apt-get install postgresql-$PG_MAJOR; run this script as root" \
    "and it does so) or set BULWARK_PG_BIN to the folder that holds them."
}

# Step 2: the base folder, owned by the servers' user and private to it. It lies in /tmp by
# default, where anyone may create names: a folder someone else owns, or a symbolic link, is
# refused rather than used.
ensure_base() {
  local user
  user=$(server_user)
  if is_root && ! id postgres >/dev/null 2>&1; then
    die "running as root, the servers run as the user postgres, which does not exist" \
      "(the postgresql-$PG_MAJOR package creates it)"
  fi
  [ -L "$BASE" ] && die "$BASE is a symbolic link; set BULWARK_PG_DIR to a real folder"
  if [ ! -e "$BASE" ]; then
    mkdir -p "$BASE"
    is_root && chown postgres: "$BASE"
  fi
  [ -d "$BASE" ] || die "$BASE is not a folder"
  local owner
  owner=$(stat -c %U "$BASE")
  [ "$owner" = "$user" ] || die "$BASE belongs to $owner, not to $user, who runs the servers;" \
    "remove it or set BULWARK_PG_DIR to another folder"
  chmod 700 "$BASE"
  as_server mkdir -p "$SOCKETS"
  as_server chmod 700 "$SOCKETS"
}

# Starts the server of a data folder unless it runs already; pg_ctl -w returns once it accepts
# connections (or fails, with the log shown).
start_server() {
  local dir=$1 log=$2
  running "$dir" && return
  as_server "$PG_BIN/pg_ctl" start -D "$dir" -l "$log" -w -t "$TIMEOUT" >/dev/null ||
    { log_tail "$log"; die "the server in $dir did not start"; }
}

# Stops the server of a data folder if it runs. Mode fast (the default) cuts open connections
# and shuts down cleanly; immediate is for clusters about to be deleted.
stop_server() {
  local dir=$1 mode=${2:-fast}
  running "$dir" || return 0
  as_server "$PG_BIN/pg_ctl" stop -D "$dir" -m "$mode" -w -t "$TIMEOUT" >/dev/null ||
    die "the server in $dir did not stop within ${TIMEOUT}s"
}

# Polls a check until it succeeds or TIMEOUT seconds pass; then fails with the message.
wait_for() {
  local what=$1 log=$2
  shift 2
  local deadline=$((SECONDS + TIMEOUT))
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log_tail "$log"
      die "timed out after ${TIMEOUT}s waiting for $what"
    fi
    sleep 0.2
  done
}

accepts_tcp() {
  as_server "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1" -t 1
}

streaming() {
  [ "$(sql "$PRIMARY_PORT" "SELECT count(*) FROM pg_stat_replication
      WHERE application_name = '$REPLICA_NAME' AND state = 'streaming'" 2>/dev/null)" = 1 ]
}

replay_state() {
  sql "$REPLICA_PORT" "SELECT pg_get_wal_replay_pause_state()"
}

replay_paused() {
  [ "$(replay_state)" = paused ]
}

# The identifier initdb gave a cluster; a replica made from it carries the same.
system_id() {
  as_server "$PG_BIN/pg_controldata" -D "$1" 2>/dev/null | sed -n 's/^Database system identifier: *//p'
}

# Step 3: the primary cluster. Made with initdb where there is no complete one; a half-made one
# (no marker) is deleted first, and the replica with it (it would belong to the old primary).
ensure_primary_cluster() {
  if [ -f "$PRIMARY_DONE" ] && [ -f "$PRIMARY_DIR/PG_VERSION" ]; then
    return
  fi
  echo "== creating the primary cluster in $PRIMARY_DIR"
  stop_server "$REPLICA_DIR" immediate
  stop_server "$PRIMARY_DIR" immediate
  as_server rm -rf "$PRIMARY_DIR" "$REPLICA_DIR" "$PRIMARY_DONE" "$REPLICA_DONE"
  # The superuser is named postgres whoever runs initdb. Local (Unix socket) connections are
  # trusted, which only the servers' user can make (the socket folder is private to it); TCP
  # connections need a password. --no-sync: a cluster cut short by a crash is remade anyway.
  as_server "$PG_BIN/initdb" -D "$PRIMARY_DIR" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --no-locale --no-sync >/dev/null
  # The settings, after initdb's own (a later line wins). Small, for a 2-core test machine.
  # wal_level replica, the WAL senders and the slots let the replica stream; hot_standby lets it
  # answer queries; max_connections must be the same on the replica (it copies this file).
  as_server tee -a "$PRIMARY_DIR/postgresql.conf" >/dev/null <<EOF

# Bulwark test server (.ci/postgres.sh)
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$SOCKETS'
cluster_name = 'bulwark-primary'
max_connections = 200
shared_buffers = 128MB
password_encryption = scram-sha-256
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
# How soon a replica retries a primary that went away (default 5s), so that a restarted primary
# is streamed from again within about a second.
wal_retrieve_retry_interval = 1s
EOF
  # Who may connect how: the servers' user over the socket (also for replication, which is how
  # the replica streams), everyone else over 127.0.0.1 with a password only.
  as_server tee "$PRIMARY_DIR/pg_hba.conf" >/dev/null <<EOF
# TYPE  DATABASE     USER  ADDRESS       METHOD
local   all          all                 trust
local   replication  all                 trust
host    all          all   127.0.0.1/32  scram-sha-256
EOF
  start_server "$PRIMARY_DIR" "$PRIMARY_LOG"
  as_server touch "$PRIMARY_DONE"
}

# Step 4: the tests' login role, with the right to create the per-test databases. Set again on
# every start, so that a changed role is put back.
ensure_role() {
  sql "$PRIMARY_PORT" "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
        CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$ROLE_PASSWORD';
      ELSE
        ALTER ROLE $ROLE LOGIN CREATEDB NOSUPERUSER PASSWORD '$ROLE_PASSWORD';
      END IF;
    END \$\$" >/dev/null
}

# Step 5: the replica, a copy of the running primary made by pg_basebackup. -R writes
# standby.signal and primary_conninfo (the primary's socket, as postgres), -C -S creates the slot
# and names it in primary_slot_name, -X stream copies the WAL written meanwhile, -c fast asks
# for an immediate checkpoint instead of waiting for a spread one. A replica without its marker,
# or whose system identifier is not the primary's, is made again.
ensure_replica_cluster() {
  if [ -f "$REPLICA_DONE" ] && [ -f "$REPLICA_DIR/PG_VERSION" ] &&
    [ "$(system_id "$REPLICA_DIR")" = "$(system_id "$PRIMARY_DIR")" ]; then
    return
  fi
  echo "== creating the replica cluster in $REPLICA_DIR"
  stop_server "$REPLICA_DIR" immediate
  as_server rm -rf "$REPLICA_DIR" "$REPLICA_DONE"
  # A slot left by an earlier attempt would make -C fail; nothing uses it once its replica is gone.
  sql "$PRIMARY_PORT" "SELECT pg_drop_replication_slot('$SLOT')
      FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
  as_server "$PG_BIN/pg_basebackup" -D "$REPLICA_DIR" -h "$SOCKETS" -p "$PRIMARY_PORT" \
    -U postgres -R -C -S "$SLOT" -X stream -c fast --no-sync
  # Its own port and name (a later line wins over the primary's, copied with the data).
  as_server tee -a "$REPLICA_DIR/postgresql.conf" >/dev/null <<EOF
port = $REPLICA_PORT
cluster_name = '$REPLICA_NAME'
EOF
  as_server touch "$REPLICA_DONE"
}

cmd_start() {
  ensure_binaries
  ensure_base
  ensure_primary_cluster
  start_server "$PRIMARY_DIR" "$PRIMARY_LOG"
  ensure_role
  ensure_replica_cluster
  start_server "$REPLICA_DIR" "$REPLICA_LOG"
  # Both answer on TCP (what the tests use), and the replica streams, so that what is written on
  # the primary from now on reaches it.
  wait_for "the primary to accept connections on 127.0.0.1:$PRIMARY_PORT" "$PRIMARY_LOG" \
    accepts_tcp "$PRIMARY_PORT"
  wait_for "the replica to accept connections on 127.0.0.1:$REPLICA_PORT" "$REPLICA_LOG" \
    accepts_tcp "$REPLICA_PORT"
  # A replica left paused by a test would never stream again from a restarted primary: start
  # puts it back to replaying.
  if replay_paused; then
    sql "$REPLICA_PORT" "SELECT pg_wal_replay_resume()" >/dev/null
  fi
  wait_for "the replica to stream from the primary (pg_stat_replication)" "$REPLICA_LOG" streaming
  echo "== PostgreSQL primary on 127.0.0.1:$PRIMARY_PORT, replica on 127.0.0.1:$REPLICA_PORT (streaming)"
}

cmd_stop() {
  stop_server "$REPLICA_DIR"
  stop_server "$PRIMARY_DIR"
}

# Like start, for the primary alone: it must have been created by start.
cmd_start_primary() {
  [ -f "$PRIMARY_DONE" ] || die "no primary cluster in $PRIMARY_DIR; run: $0 start"
  start_server "$PRIMARY_DIR" "$PRIMARY_LOG"
  wait_for "the primary to accept connections on 127.0.0.1:$PRIMARY_PORT" "$PRIMARY_LOG" \
    accepts_tcp "$PRIMARY_PORT"
  # The replica reconnects on its own (within wal_retrieve_retry_interval); wait for it, so that
  # a test that goes on to read the replica reads a streaming one. Not while its replay is
  # paused: a paused replica asks for no WAL, so it reconnects only once resumed.
  if running "$REPLICA_DIR" && ! replay_paused; then
    wait_for "the replica to stream from the restarted primary" "$REPLICA_LOG" streaming
  fi
}

cmd_pause_replica() {
  running "$REPLICA_DIR" || die "the replica does not run; run: $0 start"
  sql "$REPLICA_PORT" "SELECT pg_wal_replay_pause()" >/dev/null
  # The request takes effect when the startup process next looks at it; return once it has.
  wait_for "the replica to pause replay" "$REPLICA_LOG" replay_paused
}

cmd_resume_replica() {
  running "$REPLICA_DIR" || die "the replica does not run; run: $0 start"
  sql "$REPLICA_PORT" "SELECT pg_wal_replay_resume()" >/dev/null
  # A primary restarted while replay was paused is streamed from again only now; wait for it.
  if running "$PRIMARY_DIR"; then
    wait_for "the replica to stream from the primary" "$REPLICA_LOG" streaming
  fi
}

cmd_status() {
  local ok=0
  if running "$PRIMARY_DIR"; then
    echo "primary: running on 127.0.0.1:$PRIMARY_PORT ($PRIMARY_DIR)"
  else
    echo "primary: not running ($PRIMARY_DIR)"
    ok=1
  fi
  if running "$REPLICA_DIR"; then
    echo "replica: running on 127.0.0.1:$REPLICA_PORT ($REPLICA_DIR), replay $(replay_state)"
  else
    echo "replica: not running ($REPLICA_DIR)"
    ok=1
  fi
  if running "$PRIMARY_DIR"; then
    local rep
    rep=$(sql "$PRIMARY_PORT" "SELECT state || ', replay lag ' ||
        pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn))
        FROM pg_stat_replication WHERE application_name = '$REPLICA_NAME'")
    echo "replication: ${rep:-no replica connected}"
    streaming || ok=1
  fi
  return "$ok"
}

# The setting the tests read: the primary's JDBC URL, then ";replica=" and the replica's.
cmd_env() {
  local q="user=$ROLE&password=$ROLE_PASSWORD"
  echo "jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/postgres?$q;replica=jdbc:postgresql://127.0.0.1:$REPLICA_PORT/postgres?$q"
}

cmd_destroy() {
  cmd_stop
  [ -L "$BASE" ] && die "$BASE is a symbolic link; not following it"
  if [ -d "$BASE" ]; then as_server rm -rf "$PRIMARY_DIR" "$REPLICA_DIR" "$SOCKETS" \
    "$PRIMARY_DONE" "$REPLICA_DONE" "$PRIMARY_LOG" "$REPLICA_LOG"; fi
  rm -rf "$BASE/lock"
  rmdir "$BASE" 2>/dev/null || true
}

usage() {
  echo "usage: $0 start|stop|stop-primary|start-primary|pause-replica|resume-replica|status|env|destroy" >&2
  exit 2
}

[ $# -eq 1 ] || usage
case "$1" in
  env) cmd_env; exit 0 ;;
  start | stop | stop-primary | start-primary | pause-replica | resume-replica | status | destroy) ;;
  *) usage ;;
esac

# One invocation at a time per base folder (two CI runs, or a test's stop-primary beside a
# start): the later one waits for the lock.
if [ "$1" != start ] && [ ! -d "$BASE" ]; then
  # Nothing was ever created here: stop and status have nothing to do.
  case "$1" in
    stop | destroy) exit 0 ;;
    *) die "no servers in $BASE; run: $0 start" ;;
  esac
fi
[ "$1" = start ] && ensure_binaries && ensure_base
[ -x "$PG_BIN/pg_ctl" ] || ensure_binaries
exec 9>>"$BASE/lock"
flock -w "$TIMEOUT" 9 || die "another .ci/postgres.sh holds $BASE/lock for more than ${TIMEOUT}s"

case "$1" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  stop-primary) stop_server "$PRIMARY_DIR" ;;
  start-primary) cmd_start_primary ;;
  pause-replica) cmd_pause_replica ;;
  resume-replica) cmd_resume_replica ;;
  status) cmd_status ;;
  destroy) cmd_destroy ;;
esac
