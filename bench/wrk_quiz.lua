-- wrk script for bench/bench_learning_pages.py: quiz submissions, each prepared one sent at most once, and
-- hello world through the same script, so that both sides of the ratio cost the client the same.
--
--     wrk -tN -cN ... -s bench/wrk_quiz.lua http://127.0.0.1:PORT/ -- MODE QUEUE_FILE OUT_FILE FINISHED_FILE
--
-- One connection per thread (-t equal to -c): a thread's requests go one after the other on its connection,
-- so each answer belongs to the request sent last. MODE "quiz": QUEUE_FILE has one line per submission
-- (thread number, token, path, Cookie header, form body; tabs between), in the order each thread sends
-- its own; a thread never sends one twice: a request that got no answer (wrk reconnects after a socket
-- error and asks for the next request) is not sent again. A thread that has sent all of its own stops,
-- and appends its number to FINISHED_FILE. MODE "hello": GET /hello/ (QUEUE_FILE is "-").
--
-- OUT_FILE gets one line per thread: its number, one letter per request sent, in order ("o": answered as
-- expected, that is hello world's 200, or a submission's redirect to its own result; "a": that redirect
-- with the notice that the answers were already submitted; "x": any other answer; "-": no answer, cut
-- off when wrk stopped or lost with its connection), and the requests that were not the mode's own
-- (the GET /hello/ of a thread that has nothing left to send).

local threads = {}
local thread_count = 0

function setup(thread)
   thread:set("number", thread_count)
   thread_count = thread_count + 1
   table.insert(threads, thread)
end

function init(args)
   mode, out_file, finished_file = args[1], args[3], args[4]
   hello = wrk.format("GET", "/hello/")
   requests, expected = {}, {}
   if mode == "quiz" then
      for line in io.lines(args[2]) do
         local thread, token, path, cookie, body = line:match("^(%d+)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)$")
         if tonumber(thread) == number then
            -- Formatted once here: sending costs the client what sending hello world costs.
            requests[#requests + 1] = wrk.format("POST", path, {
               ["Cookie"] = cookie,
               ["Content-Type"] = "application/x-www-form-urlencoded",
            }, body)
            expected[#expected + 1] = "/kuis/" .. token .. "/"
         end
      end
   elseif mode ~= "hello" then
      error("unknown mode " .. tostring(mode))
   end
   outcomes = {}
   current = nil -- the index of the request waiting for its answer; nil for one that is not counted
   others = 0
   finished = false
   -- wrk calls request() once on the first thread before any thread runs, to check the request it
   -- returns, and never sends it: that call must not use up a submission.
   verifying = number == 0
end

function request()
   if verifying then
      verifying = false
      current = nil
      return hello
   end
   local index = #outcomes + 1
   if mode == "quiz" and requests[index] == nil then
      if not finished then
         finished = true
         local file = io.open(finished_file, "a")
         file:write(number, "\n")
         file:close()
         wrk.thread:stop()
      end
      current = nil
      return hello -- wrk needs a request; this one is not a submission and not counted as one
   end
   outcomes[index] = "-"
   current = index
   if mode == "hello" then
      return hello
   end
   return requests[index]
end

function response(status, headers, body)
   if current == nil then
      others = others + 1
      return
   end
   local outcome = "x"
   if mode == "hello" then
      if status == 200 then
         outcome = "o"
      end
   elseif status == 302 then
      local location, wanted = headers["Location"] or "", expected[current]
      if location:sub(-#wanted) == wanted then
         outcome = "o"
         -- Django's messages travel in a cookie: only a second submission of the same attempt leaves one.
         if (headers["Set-Cookie"] or ""):find("messages=", 1, true) then
            outcome = "a"
         end
      end
   end
   outcomes[current] = outcome
   current = nil
end

function done(summary, latency, requests)
   -- done() runs in wrk's main Lua state, which init() never saw: the file's name comes from a thread.
   local out = io.open(threads[1]:get("out_file"), "w")
   for _, thread in ipairs(threads) do
      out:write(string.format("%d\t%s\t%d\n", thread:get("number"), table.concat(thread:get("outcomes")),
         thread:get("others")))
   end
   out:close()
end
