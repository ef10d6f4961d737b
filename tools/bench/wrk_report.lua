-- Shared by the wrk scripts of server_bench.sh (loaded with dofile): at
-- the end of a run, prints one line the script parses:
--   RESULT requests=N seconds=S p50_us=A p99_us=B socket_errors=E non_2xx=F
-- (latencies per request as wrk measured them, in microseconds; non_2xx
-- counts answers other than 2xx/3xx).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d socket_errors=%d non_2xx=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end

-- The lines of `file`, in order; fails when there are none.
function read_lines(file)
  local lines = {}
  for line in io.lines(file) do
    if line ~= "" then lines[#lines + 1] = line end
  end
  assert(#lines > 0, "no lines in " .. file)
  return lines
end

-- Each wrk thread gets a number (thread_id in its Lua state), so that the
-- threads can start at different NIPs and make distinct event ids.
local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end
