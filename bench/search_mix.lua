-- wrk script: each request is the next search of the mix, as a logged-in member.
-- BENCH_URLS names a file of paths, one a line; BENCH_COOKIE is the session cookie.
local paths = {}
for line in io.lines(os.getenv("BENCH_URLS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local cookie = os.getenv("BENCH_COOKIE")
local counter = 0

function setup(thread)
  thread:set("offset", math.random(#paths))
end

request = function()
  counter = counter + 1
  local path = paths[((counter + (offset or 0)) % #paths) + 1]
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end
