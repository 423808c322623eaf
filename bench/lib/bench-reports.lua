-- wrk script for bench/bench-collector: each wrk thread sends its own file of distinct,
-- pre-built delta reports (BENCH_REQUESTS.<BENCH_FIRST + thread>), so every request is a new report id and
-- the collector stores every one (a repeated id would only measure the duplicate check).
local prefix = assert(os.getenv("BENCH_REQUESTS"), "BENCH_REQUESTS is not set")
local first = tonumber(os.getenv("BENCH_FIRST") or "0") -- number of this run's first file
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(prefix .. "." .. (first + id), "rb"))
  local data = f:read("*a")
  f:close()
  reqs = {}
  local pos = 1
  while pos <= #data do
    local nl = data:find("\n", pos, true)
    local len = tonumber(data:sub(pos, nl - 1))
    reqs[#reqs + 1] = data:sub(nl + 1, nl + len)
    pos = nl + len + 1
  end
  i = 0
  wrapped = 0
end

function request()
  i = i + 1
  if i > #reqs then
    i = 1
    wrapped = wrapped + 1
  end
  return reqs[i]
end

function done(summary, latency, requests)
  local reused = 0
  for _, t in ipairs(threads) do
    reused = reused + t:get("wrapped")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("closed loop: %d reports in %.1f s: %.0f reports/s, p50 %.1f ms, p99 %.1f ms,"
    .. " max %.1f ms, non-2xx %d, socket errors %d\n", summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout))
  if reused > 0 then
    io.write("WARNING: a thread ran out of prepared reports and resent some (duplicates); prepare more\n")
  end
end
