-- Loaded into every wrk run: counts answers that are errors (4xx and 5xx) in each thread, and at
-- the end prints one JSON line that bench/run.py reads. Latencies come from wrk in microseconds.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)  -- a global in that thread's own Lua state
end

function init(args)
  bad = 0
end

function response(status, headers, body)
  if status >= 400 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, thread in ipairs(threads) do
    bad_total = bad_total + (thread:get("bad") or 0)
  end
  local errors = summary.errors
  io.write(string.format(
    '\nBENCH {"requests": %d, "seconds": %.3f, "p50_ms": %.3f, "p99_ms": %.3f, "bad_status": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    bad_total, errors.connect + errors.read + errors.write + errors.timeout))
end
