-- Posts comments as fast as the server takes them, each one different (the pipeline holds a text
-- posted twice), as the posters' sessions in turn: BENCH_SESSIONS holds a session cookie and its CSRF
-- token, separated by a tab, one poster a line.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local sessions = {}
for line in os.getenv("BENCH_SESSIONS"):gmatch("[^\n]+") do
  local cookie, token = line:match("^([^\t]*)\t(.*)$")
  table.insert(sessions, {cookie = cookie, token = token})
end
local path = os.getenv("BENCH_PATH")
local sentences = {
  "Cooperation on testing standards could survive a trade dispute, because both sides gain from it.",
  "The weakest part of the argument is verification: nobody will open their data centres to inspectors.",
  "Incident reporting between labs is a small step that would build the habit of talking.",
  "A shared list of dangerous capabilities is more realistic than any limit on compute.",
  "History suggests rivals agree on rules for the things that could destroy them both.",
}
local counter = 0
local prefix = nil  -- set on the first request, once wrk has given this thread its number

local function escape(text)
  return (text:gsub("[^%w%-%._~ ]", function(c) return string.format("%%%02X", string.byte(c)) end):gsub(" ", "+"))
end

request = function()
  -- In words between the numbers: a long run of digits reads as a phone number to the spam rules.
  prefix = prefix or ("run " .. (os.time() % 1000000) .. ", thread " .. thread_number)
  counter = counter + 1
  local text = {}
  for i = 1, 4 do
    text[i] = sentences[(counter + i) % #sentences + 1]
  end
  -- wrk runs two threads (bench/run.py): odd posters for the first, even ones for the second.
  local session = sessions[(2 * counter + thread_number) % #sessions + 1]
  local body = "csrf_token=" .. escape(session.token) .. "&post=1&body=" ..
    escape(table.concat(text, " ") .. " (" .. prefix .. ", comment " .. counter .. ")")
  -- wrk.format uses the headers it is given instead of wrk.headers (the --header options), so start from those.
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Cookie"] = session.cookie
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", path, headers, body)
end
