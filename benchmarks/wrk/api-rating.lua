-- PUT /api/v1/enterprises/{id}/draft/ratings/{no} with each enterprise's own token, spread over many enterprises.
-- wrk -s api-rating.lua http://127.0.0.1:5090 -- DATA_DIR   (DATA_DIR/tokens.txt: lines "enterpriseId token")
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local scenarios, callers, n
setup = common.setup

function init(args)
  math.randomseed(os.time() * 100 + id)
  scenarios = common.scenarios(args[1])
  callers = common.lines(args[1] .. "/tokens.txt")
  n = 0
end

function request()
  n = n + 1
  local enterprise, token = callers[math.random(#callers)]:match("^(%d+) (%S+)$")
  local s, level, ai, evidence = common.rating(scenarios, n)
  local body = string.format('{"level":"%s","ai":%s,"evidence":"%s"}', level, tostring(ai), evidence)
  return wrk.format("PUT", "/api/v1/enterprises/" .. enterprise .. "/draft/ratings/" .. s.no,
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
