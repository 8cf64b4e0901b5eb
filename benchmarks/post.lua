-- wrk script for benchmarks/load.sh: posts a guest's comment through the real form, as a browser does
-- (Sec-Fetch-Site: same-origin stands in for the antiforgery token on a guest's post), every request with
-- text of its own so that the "you already said that" check never refuses one. Counts the answers by status
-- and prints one line "status CODE COUNT" for each in done(): a stored comment answers 302.
--   wrk -t2 -c16 -d10s -s benchmarks/post.lua http://127.0.0.1:PORT/posts/SLUG -- RUNTAG

local threads = {}
local count = 0

function setup(thread)
   count = count + 1
   thread:set("tid", count)
   table.insert(threads, thread)
end

function init(args)
   -- Unique across wrk runs too (a warm-up and its measured run share the tag): the kernel's fresh uuid.
   local uuid = io.open("/proc/sys/kernel/random/uuid")
   run = (args[1] or "run") .. "-" .. (uuid and uuid:read("*l") or tostring(os.time()))
   if uuid then uuid:close() end
   sent = 0
   statuses = {}
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   wrk.headers["Sec-Fetch-Site"] = "same-origin"
end

local function encode(s)
   return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
   sent = sent + 1
   local text = string.format(
      "Comment %d of poster %d in run %s. A sentence or two, as readers write them, with *some* Markdown "
      .. "and a thought that goes on for a while before it ends.", sent, tid, run)
   local body = "Input.Text=" .. encode(text)
      .. "&Input.Name=" .. encode("Load poster " .. tid)
      .. "&Input.Email=" .. encode("poster" .. tid .. "@example.org")
      .. "&Input.Intent=post"
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      local seen = thread:get("statuses")
      for status, n in pairs(seen) do total[status] = (total[status] or 0) + n end
   end
   for status, n in pairs(total) do io.write(string.format("status %d %d\n", status, n)) end
end
