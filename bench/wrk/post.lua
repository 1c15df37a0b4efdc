-- Posts comments as fast as the server takes them, each one different (the pipeline holds a text
-- posted twice), with the poster's session cookie and CSRF token from the environment.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local token = os.getenv("BENCH_CSRF")
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
  local body = "csrf_token=" .. escape(token) .. "&post=1&body=" ..
    escape(table.concat(text, " ") .. " (" .. prefix .. ", comment " .. counter .. ")")
  -- wrk.format uses the headers it is given instead of wrk.headers (the --header options, with
  -- the session cookie), so start from those.
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", path, headers, body)
end
