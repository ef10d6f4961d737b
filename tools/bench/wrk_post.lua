-- wrk script: POST /v1/events, each request a batch of K trainingCompleted
-- events (NDJSON) of existing employees, the NIPs of a file in turn; every
-- event id is new: PREFIX-<wrk thread>-<counter>.
--   wrk ... -s wrk_post.lua URL -- NIP_FILE TOKEN K PREFIX
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "wrk_report.lua")

local nips, headers, per_request, prefix, i, n

function init(args)
  nips = read_lines(args[1])
  headers = { ["Authorization"] = "Bearer " .. args[2],
              ["Content-Type"] = "application/x-ndjson" }
  per_request = tonumber(args[3])
  prefix = args[4] .. "-" .. (thread_id or 1) .. "-"
  i = (thread_id or 1) * 7919 % #nips
  n = 0
end

-- The event as tests/server/server_fixture.h's TrainingJson writes it.
local function event()
  i = i % #nips + 1
  n = n + 1
  return '{"stream":"emp/' .. nips[i] .. '","eventId":"' .. prefix .. n ..
      '","effectiveDate":"2024-05-01","source":{"decreeNumber":"T/1"},' ..
      '"payload":{"trainingCompleted":{"kind":"technical","name":"Kursus","jp":20}}}\n'
end

function request()
  local body = {}
  for k = 1, per_request do body[k] = event() end
  return wrk.format("POST", "/v1/events", headers, table.concat(body))
end
