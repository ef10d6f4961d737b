-- wrk script: GET /v1/employees/{nip}, the NIPs of a file in turn (each
-- thread starting at another place in the list).
--   wrk ... -s wrk_profile.lua URL -- NIP_FILE TOKEN
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "wrk_report.lua")

local nips, headers, i

function init(args)
  nips = read_lines(args[1])
  headers = { ["Authorization"] = "Bearer " .. args[2] }
  i = (thread_id or 1) * 7919 % #nips
end

function request()
  i = i % #nips + 1
  return wrk.format("GET", "/v1/employees/" .. nips[i], headers)
end
