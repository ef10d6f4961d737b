# Sourced by the bench scripts (peers.sh, server_bench.sh): a throw-away
# PostgreSQL 15 cluster in a directory, reachable only on a unix socket.
#
#   pg_cluster_start DIR [-c name=value ...]
#       initdb in DIR/pgdata (trust, UTF-8, C.UTF-8) and start it with
#       fsync=on, synchronous_commit=on, full_page_writes=on, no TCP
#       listener, its socket and server.log in DIR/sock; the extra -c
#       options are passed to the server. Prints the log and returns 1 when
#       either step fails. Sets pg_host (the socket directory, for libpq's
#       host=) and pg_pid (the postmaster's pid).
#   pg_cluster_stop
#       stops the cluster started here (fast shutdown); does nothing when
#       none was started, so that an EXIT trap may call it. Does not delete
#       DIR.
#
# Requires postgresql-15 (tools/deps.sh postgresql-15). The server runs as
# a non-root user: `postgres` (created when missing) when we are root, else
# ourselves. DIR must be writable by us; it is made traversable (0755), and
# its parents must be too (e.g. a `mktemp -d` directory right under /tmp).
pgbin=/usr/lib/postgresql/15/bin
pg_host=""
pg_pid=""
pg_data_dir=""
pg_as_user=()

pg_cluster_start() {
  local dir="$1"
  shift
  local extra="$*"
  pg_as_user=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    pg_as_user=(runuser -u postgres --)
  fi
  mkdir -p "$dir/pgdata" "$dir/sock"
  [ ${#pg_as_user[@]} -eq 0 ] || chown postgres "$dir/pgdata" "$dir/sock"
  chmod 755 "$dir"
  "${pg_as_user[@]}" "$pgbin/initdb" -D "$dir/pgdata" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; return 1; }
  pg_data_dir="$dir/pgdata"
  "${pg_as_user[@]}" "$pgbin/pg_ctl" -D "$pg_data_dir" -l "$dir/sock/server.log" -w \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir/sock' -c fsync=on \
        -c synchronous_commit=on -c full_page_writes=on $extra" start >/dev/null \
    || { cat "$dir/sock/server.log"; return 1; }
  pg_host="$dir/sock"
  pg_pid=$(head -1 "$pg_data_dir/postmaster.pid")
}

pg_cluster_stop() {
  [ -n "$pg_data_dir" ] || return 0
  "${pg_as_user[@]}" "$pgbin/pg_ctl" -D "$pg_data_dir" -m fast -w stop >/dev/null 2>&1 || true
  pg_data_dir=""
}
