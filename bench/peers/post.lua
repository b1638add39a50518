-- wrk script: POST the body of the file named in $ROW_JSON; with $STEWARD_KEY, as a bearer key.
local f = assert(io.open(os.getenv("ROW_JSON"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("STEWARD_KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end
