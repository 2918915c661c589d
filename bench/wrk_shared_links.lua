-- wrk script for bench/bench_learning_pages.py: an anonymous page reached as links shared on WhatsApp reach it.
--
--     wrk -tN -cN ... -s bench/wrk_shared_links.lua http://127.0.0.1:PORT/ -- PAGE_PATH MODE OUT_FILE
--
-- MODE "mix": half the requests carry utm_* and fbclid with random values (the page cache keys them away, so
-- they share one copy), and every 50th request is GET /bench/publish/ (bench/urls.py), which makes every cached
-- page stale as a publish does.
-- MODE "miss": every request carries ?kode=<random>, a listed parameter the page does not read, so the page is
-- rendered each time and never kept: its miss path.
-- OUT_FILE gets one line per thread: pages answered 200, of them from the cache (X-Page-Cache: hit), publishes
-- answered (204), other answers, and the pages answered with the copy a render under way replaces
-- (X-Page-Cache: stale).

local threads = {}
local thread_count = 0

function setup(thread)
   thread:set("number", thread_count)
   thread_count = thread_count + 1
   table.insert(threads, thread)
end

function init(args)
   page, mode, out_file = args[1], args[2], args[3]
   math.randomseed(os.time() * 1000 + number)
   sent, pages, hits, publishes, others, stale = 0, 0, 0, 0, 0, 0
end

local function random_value()
   return string.format("%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
end

function request()
   sent = sent + 1
   if mode == "mix" and sent % 50 == 0 then
      return wrk.format("GET", "/bench/publish/")
   end
   local path = page
   if mode == "miss" then
      path = page .. "?kode=" .. random_value()
   elseif math.random() < 0.5 then
      path = page .. "?utm_source=whatsapp&utm_medium=social&utm_campaign=" .. random_value() .. "&fbclid=" .. random_value()
   end
   return wrk.format("GET", path)
end

function response(status, headers, body)
   if status == 204 then
      publishes = publishes + 1
   elseif status == 200 then
      pages = pages + 1
      if headers["X-Page-Cache"] == "hit" then
         hits = hits + 1
      elseif headers["X-Page-Cache"] == "stale" then
         stale = stale + 1
      end
   else
      others = others + 1
   end
end

function done(summary, latency, requests)
   -- done() runs in wrk's main Lua state, which init() never saw: the file's name comes from a thread.
   local out = io.open(threads[1]:get("out_file"), "w")
   for _, thread in ipairs(threads) do
      out:write(string.format("%d\t%d\t%d\t%d\t%d\n", thread:get("pages"), thread:get("hits"), thread:get("publishes"),
         thread:get("others"), thread:get("stale")))
   end
   out:close()
end
