#!/usr/bin/env bash
# Starts and stops throw-away redis-server and PostgreSQL 15 instances on 127.0.0.1 for altbench
# and its tests. Each instance lives in a directory the caller owns; ports are free ones picked at
# random (and retried if taken in the meantime).
#
#   local_servers.sh redis <dir> always|none [owner_pid]   prints the port
#   local_servers.sh postgres <dir> [owner_pid]             prints the port (user postgres, trust)
#   local_servers.sh stop <dir>                             stops whatever was started in <dir>
#
# With owner_pid, a watchdog stops the servers once that process is gone, so a crashed test or an
# interrupted script leaves nothing running. PostgreSQL refuses to run as root: as root it runs
# as the `postgres` system user.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
REDIS_SERVER=${REDIS_SERVER:-redis-server}
PG_MAX_CONNECTIONS=${PG_MAX_CONNECTIONS:-1100}  # the 1000-connection runs plus a few
readonly START_ATTEMPTS=5

die() { echo "local_servers.sh: $*" >&2; exit 1; }

# A port nobody listens on right now (the caller retries when it loses a race).
free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    die "no free port found"
}

start_watchdog() {
    local dir=$1 owner=$2 self
    self=$(readlink -f "$0")
    # Own session, so stop can end the watchdog together with its sleep.
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ ! -e "$2/stopped" ]; do sleep 1; done
                    exec "$3" stop "$2"' watchdog "$owner" "$dir" "$self" \
        </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/watchdog.pid"
}

start_redis() {
    local dir=$1 mode=$2 persistence port
    case $mode in
        always) persistence=(--appendonly yes --appendfsync always) ;;
        none) persistence=(--appendonly no) ;;
        *) die "redis persistence must be always or none, not $mode" ;;
    esac
    mkdir -p "$dir/redis"
    for _ in $(seq $START_ATTEMPTS); do
        port=$(free_port)
        # save "": no RDB snapshots forking mid-run in either mode; durability is the AOF's.
        if "$REDIS_SERVER" --bind 127.0.0.1 --port "$port" --dir "$dir/redis" --daemonize yes \
            --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log" --save "" \
            "${persistence[@]}" >/dev/null 2>&1; then
            for _ in $(seq 100); do
                if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
                    echo "$port" >"$dir/redis/port"
                    echo "$port"
                    return
                fi
                [ -s "$dir/redis/redis.pid" ] && ! alive "$(cat "$dir/redis/redis.pid")" &&
                    break  # died, e.g. the port was taken after all
                sleep 0.05
            done
        fi
        stop_redis "$dir"
    done
    die "redis-server did not start; see $dir/redis/redis.log"
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local dir=$1 pg=$1/pg port
    mkdir -p "$pg"
    if [ "$(id -u)" = 0 ]; then
        chmod o+x "$dir"  # postgres must reach its own directory inside ours
        chown postgres: "$pg"
        runuser -u postgres -- test -w "$pg" ||
            die "user postgres cannot reach $pg; every directory above it needs o+x"
    fi
    as_postgres "$PG_BIN/initdb" -D "$pg/data" -U postgres --auth=trust -N -E UTF8 \
        --no-locale >"$pg/initdb.log" 2>&1 || die "initdb failed; see $pg/initdb.log"
    # As durable as tixd: every commit is flushed before it is answered.
    cat >>"$pg/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pg'
max_connections = $PG_MAX_CONNECTIONS
shared_buffers = 256MB
fsync = on
synchronous_commit = on
wal_buffers = 16MB
max_wal_size = 4GB
checkpoint_timeout = 30min
CONF
    for _ in $(seq $START_ATTEMPTS); do
        port=$(free_port)
        echo "port = $port" >>"$pg/data/postgresql.conf"  # the last setting wins
        if as_postgres "$PG_BIN/pg_ctl" -D "$pg/data" -l "$pg/postgres.log" -w -t 60 start \
            >/dev/null 2>&1; then
            echo "$port" >"$pg/port"
            echo "$port"
            return
        fi
    done
    die "postgres did not start; see $pg/postgres.log"
}

# Running, not merely a zombie waiting for a slow init to reap it.
alive() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [[ $state != Z* ]]
}

stop_redis() {
    local pidfile=$1/redis/redis.pid pid
    [ -s "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do
        alive "$pid" || break
        sleep 0.05
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
}

stop_postgres() {
    local pg=$1/pg
    [ -e "$pg/data/postmaster.pid" ] || return 0
    as_postgres "$PG_BIN/pg_ctl" -D "$pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        as_postgres "$PG_BIN/pg_ctl" -D "$pg/data" -m immediate -w stop >/dev/null 2>&1 || true
}

stop_all() {
    local dir=$1
    [ -d "$dir" ] || return 0
    touch "$dir/stopped"
    stop_redis "$dir"
    stop_postgres "$dir"
    if [ -s "$dir/watchdog.pid" ]; then
        local watchdog
        watchdog=$(cat "$dir/watchdog.pid")
        rm -f "$dir/watchdog.pid"
        kill -- "-$watchdog" 2>/dev/null || true  # last: it may be our own caller
    fi
}

command=${1:-}
dir=${2:-}
[ -n "$dir" ] || die "usage: $0 redis|postgres|stop <dir> ..."
[ -d "$dir" ] || die "$dir is not a directory"
dir=$(readlink -f "$dir")
case $command in
    redis)
        rm -f "$dir/stopped"
        [ -n "${4:-}" ] && [ ! -s "$dir/watchdog.pid" ] && start_watchdog "$dir" "$4"
        start_redis "$dir" "${3:-}"
        ;;
    postgres)
        rm -f "$dir/stopped"
        [ -n "${3:-}" ] && [ ! -s "$dir/watchdog.pid" ] && start_watchdog "$dir" "$3"
        start_postgres "$dir"
        ;;
    stop) stop_all "$dir" ;;
    *) die "unknown command $command" ;;
esac
