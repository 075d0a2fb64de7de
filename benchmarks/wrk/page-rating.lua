-- The stage page's autosave as site.js sends it: POST ?handler=Rate with the session cookie, the antiforgery
-- cookie and header, Accept: application/json; spread over many signed-in enterprises.
-- wrk -s page-rating.lua http://127.0.0.1:5090 -- DATA_DIR   (DATA_DIR/sessions.txt: lines "enterpriseId|Cookie header|request token")
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local scenarios, sessions, n
setup = common.setup

function init(args)
  math.randomseed(os.time() * 100 + id)
  scenarios = common.scenarios(args[1])
  sessions = common.lines(args[1] .. "/sessions.txt")
  n = 0
end

function request()
  n = n + 1
  local _, cookie, token = sessions[math.random(#sessions)]:match("^(%d+)|([^|]+)|(%S+)$")
  local s, level, ai, evidence = common.rating(scenarios, n)
  local body = "no=" .. s.no .. "&level=" .. level .. (ai and "&ai=true" or "") .. "&evidence=" .. common.encode(evidence)
  return wrk.format("POST", "/Assessments/Stage/" .. s.stage .. "?handler=Rate", {
    ["Cookie"] = cookie, ["X-CSRF-TOKEN"] = token, ["Accept"] = "application/json",
    ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
