# Sourced by server_bench.sh: one `jejak serve` on loopback in the
# background, over the ledger in $JEJAK_DATA.
#
#   serve_start JEJAK TOKENS THREADS LOG
#       starts `JEJAK serve --listen 127.0.0.1:0 --tokens TOKENS --threads
#       THREADS` with its log (stderr: one line per answer) in LOG and
#       waits until it listens (at most 60 s; it catches up the projection
#       first). Sets serve_pid and serve_port (the port the kernel chose).
#       Prints the log and returns 1 when the server fails to start.
#   serve_stop
#       SIGTERM (the server drains and exits 0) and waits for it; does
#       nothing when none runs, so that an EXIT trap may call it.
serve_pid=""
serve_port=""

serve_start() {
  : >"$4"
  "$1" serve --listen 127.0.0.1:0 --tokens "$2" --threads "$3" 2>"$4" &
  serve_pid=$!
  local i
  for i in $(seq 600); do
    serve_port=$(sed -n 's/.*listening on .* (port \([0-9]*\)).*/\1/p' "$4")
    [ -n "$serve_port" ] && return 0
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$4" >&2
  serve_stop
  return 1
}

serve_stop() {
  [ -n "$serve_pid" ] || return 0
  kill -TERM "$serve_pid" 2>/dev/null || true
  wait "$serve_pid" 2>/dev/null || true
  serve_pid=""
}
