-- What both rating-save scripts share: the scenarios with their defined levels, per-thread random choice of
-- a rating, and URL encoding. Loaded with dofile from the scripts' folder; data files come from rating-save.sh.
local M = {}

-- Lines "no stage level,level,…" written by rating-save.sh from the catalog: only defined levels, so no save is refused.
function M.scenarios(dir)
  local list = {}
  for line in io.lines(dir .. "/scenarios.txt") do
    local no, stage, levels = line:match("^(%d+) (%d+) (.*)$")
    local codes = { "none" }
    for code in levels:gmatch("[^,]+") do codes[#codes + 1] = code end
    list[#list + 1] = { no = tonumber(no), stage = tonumber(stage), levels = codes }
  end
  return list
end

function M.lines(path)
  local list = {}
  for line in io.lines(path) do list[#list + 1] = line end
  return list
end

-- One save as a user makes it: any scenario, any of its levels or none, AI on some built ones, fresh evidence text
-- (Chinese, 20–200 characters) so every request writes a different row.
local words = { "产线", "系统", "数据", "设备", "覆盖", "已建成", "实时", "采集", "分析", "优化" }
function M.rating(scenarios, n)
  local s = scenarios[math.random(#scenarios)]
  local level = s.levels[math.random(#s.levels)]
  local parts = { "第" .. n .. "次保存：" }
  for i = 1, math.random(4, 40) do parts[#parts + 1] = words[math.random(#words)] end
  return s, level, level ~= "none" and math.random() < 0.3, table.concat(parts)
end

function M.encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local threads = 0
function M.setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

return M
