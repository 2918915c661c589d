-- wrk script for bench/bench_learning_pages.py: GET one page as many logged-in residents in turn.
--
--     wrk ... -s bench/wrk_sessions.lua http://127.0.0.1:PORT/path/ -- COOKIE_FILE
--
-- COOKIE_FILE has one Cookie header value per line ("sessionid=...; csrftoken=..."); each wrk thread
-- starts at a different line and sends the next resident's cookies with every request.

local thread_count = 0

function setup(thread)
   thread:set("thread_number", thread_count)
   thread_count = thread_count + 1
end

function init(args)
   cookies = {}
   for line in io.lines(args[1]) do
      if line ~= "" then
         cookies[#cookies + 1] = line
      end
   end
   if #cookies == 0 then
      error("no cookies in " .. args[1])
   end
   next_cookie = (thread_number or 0) * 7 % #cookies
end

function request()
   next_cookie = next_cookie % #cookies + 1
   return wrk.format("GET", nil, { Cookie = cookies[next_cookie] })
end
