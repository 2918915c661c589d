-- wrk script for bench/bench_budgeting.py: each wrk thread is one resident on one connection, casting and
-- changing their ballot in turn (ballot A, ballot B, A, …), one request at a time.
--
--     wrk -tN -cN ... -s bench/wrk_ballots.lua http://127.0.0.1:PORT/ -- VOTERS_FILE OUT_FILE
--
-- VOTERS_FILE has one line per resident: path, Cookie header, body of ballot A, body of ballot B (tabs
-- between). OUT_FILE gets one line per thread: resident number, answers 302 (ballot stored), other answers,
-- the last ballot acknowledged ("a", "b" or "-") and the last one sent (which wrk may have cut off unanswered).

local threads = {}
local thread_count = 0

function setup(thread)
   thread:set("number", thread_count)
   thread_count = thread_count + 1
   table.insert(threads, thread)
end

function init(args)
   local voters = {}
   for line in io.lines(args[1]) do
      if line ~= "" then
         voters[#voters + 1] = line
      end
   end
   out_file = args[2]
   local voter = voters[number % #voters + 1]
   path, cookie, ballot_a, ballot_b = voter:match("([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)")
   sent, stored, refused = 0, 0, 0
   last_sent, last_acknowledged = "-", "-"
end

function request()
   sent = sent + 1
   local body = ballot_a
   last_sent = "a"
   if sent % 2 == 0 then
      body = ballot_b
      last_sent = "b"
   end
   return wrk.format("POST", path, {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
   }, body)
end

function response(status, headers, body)
   if status == 302 then
      stored = stored + 1
      last_acknowledged = last_sent
   else
      refused = refused + 1
   end
end

function done(summary, latency, requests)
   -- done() runs in wrk's main Lua state, which init() never saw: the file's name comes from a thread.
   local out = io.open(threads[1]:get("out_file"), "w")
   for _, thread in ipairs(threads) do
      out:write(string.format("%d\t%d\t%d\t%s\t%s\n", thread:get("number"), thread:get("stored"),
         thread:get("refused"), thread:get("last_acknowledged"), thread:get("last_sent")))
   end
   out:close()
end
