/**
 * The limiter's one Redis script: all of a request's buckets are checked and charged atomically, in
 * one round trip, so every instance shares the same count.
 *
 * A bucket is a sliding window, as TikTok counts: a sorted set of admission times, where each spent
 * token comes back one window after it was spent. A classic rate-refill token bucket cannot match a
 * sliding-window server at small limits: with capacity C and rate r it allows C + r·window in one
 * window, so staying under "6 per minute" costs it a sixth of the quota (and a scaled-down "1 per
 * second" nothing at all). The log admits exactly `limit` per window; `window` here already
 * includes the clock-skew tolerance.
 *
 * When a bucket is full the script reserves the earliest slot that keeps every window within its
 * limit (never before an existing reservation, so each log stays in order and waiting callers are
 * served first come, first served) and returns how long to wait for it. A caller therefore waits
 * without polling Redis, and ten waiting callers cost ten round trips, not ten per freed slot. A
 * slot further away than `maxWait` is not reserved: the caller gets the wait and snoozes instead.
 *
 * A `spread` bucket (the per-second ones) also keeps its admissions at least window / limit apart:
 * the same rate without bursts, which would queue up at the server and bunch its arrival times.
 *
 * A refusal cuts, of the buckets its scope names, the one(s) our traffic filled most (see below).
 * Adaptive slow-down lives in a hash beside each log: `f` (share of the limit currently allowed),
 * `pt` (when it was last cut) and `blk` (no admissions before this time: Retry-After). Each
 * `hold` since the cut doubles the share back, up to the full limit.
 *
 * A reservation the caller could not use in time (it woke up too late) is handed back with
 * `release`: removing an entry never lets any window hold more than it did.
 *
 * KEYS: per bucket, its log then its state hash.
 * ARGV: mode ('acquire' | 'penalize'), now (ms), maxWait (acquire) or retryAfter (penalize, -1 =
 *       none), member (unique per reservation), release (a member to remove first, or ''), then per
 *       bucket: limit, window, hold, cut (1 = penalize), spread (1 = evenly spaced).
 * Returns {admitted (0/1), wait ms}.
 */
export const PACE_SCRIPT = `
local mode = ARGV[1]
local now = tonumber(ARGV[2])
local extra = tonumber(ARGV[3])
local member = ARGV[4]
local release = ARGV[5]
local buckets = #KEYS / 2

-- Whole milliseconds as decimal strings: Lua would print large numbers in exponent form, and '%d'
-- fails on VMs with 32-bit integers (the embedded dev store), so '%.0f' of a floored double.
local function int(x) return string.format('%.0f', math.floor(x)) end

-- A refusal names no window (Marketing's 40100 covers QPS, QPM and QPD alike): cut the bucket(s)
-- our own traffic filled most, the one TikTok's count overran. A per-second overrun (arrival jitter
-- bunching a full second) then costs a short cut of that second only, not a minute at half rate on
-- every window. A quota someone else spends keeps refusing, and every refusal cuts again.
local fullest = {}
if mode == 'penalize' then
  local fills, top = {}, -1
  for i = 1, buckets do
    local base = 5 + (i - 1) * 5
    if ARGV[base + 4] == '1' then
      local window = tonumber(ARGV[base + 2])
      local used = redis.call('ZCOUNT', KEYS[2 * i - 1], '(' .. int(now - window), '+inf')
      fills[i] = used / tonumber(ARGV[base + 1])
      if fills[i] > top then top = fills[i] end
    end
  end
  for i, fill in pairs(fills) do
    if fill >= top - 1e-9 then fullest[i] = true end
  end
end

local at = now
local windows = {}
for i = 1, buckets do
  local log, stateKey = KEYS[2 * i - 1], KEYS[2 * i]
  local base = 5 + (i - 1) * 5
  local limit = tonumber(ARGV[base + 1])
  local window = tonumber(ARGV[base + 2])
  local hold = tonumber(ARGV[base + 3])
  windows[i] = window

  local state = redis.call('HMGET', stateKey, 'f', 'pt', 'blk')
  local share = 1
  if tonumber(state[1]) then
    local steps = math.floor(math.max(0, now - (tonumber(state[2]) or now)) / hold)
    if steps < 32 then share = math.min(1, tonumber(state[1]) * 2 ^ steps) end
  end
  local blocked = tonumber(state[3]) or 0

  if mode == 'penalize' and fullest[i] then
    share = math.max(1 / limit, share / 2)
    local pause = extra
    if pause < 0 then pause = math.ceil(window / math.max(1, math.floor(limit * share))) end
    blocked = math.max(blocked, now + pause)
    redis.call('HSET', stateKey, 'f', tostring(share), 'pt', int(now), 'blk', int(blocked))
    local halvings = math.ceil(math.log(1 / share) / math.log(2))
    redis.call('PEXPIRE', stateKey, int(math.max(hold * (halvings + 1), blocked - now) + window))
  end

  local allowed = math.max(1, math.floor(limit * share + 1e-9))
  if release ~= '' then redis.call('ZREM', log, release) end
  redis.call('ZREMRANGEBYSCORE', log, '-inf', int(now - window))
  -- A clock that was moved far ahead (time travel in dev) must not block everyone for days.
  redis.call('ZREMRANGEBYSCORE', log, '(' .. int(now + 2 * window + 60000), '+inf')
  local used = redis.call('ZCARD', log)
  local t = math.max(now, blocked)
  if used >= allowed then
    local oldest = redis.call('ZRANGE', log, used - allowed, used - allowed, 'WITHSCORES')
    t = math.max(t, tonumber(oldest[2]) + window)
  end
  if used > 0 then
    local gap = 0
    if ARGV[base + 5] == '1' then gap = window / allowed end
    local last = redis.call('ZRANGE', log, -1, -1, 'WITHSCORES')
    t = math.max(t, tonumber(last[2]) + gap)
  end
  if t > at then at = t end
end

local wait = math.ceil(at - now)
if mode ~= 'acquire' or wait > extra then return {0, wait} end
for i = 1, buckets do
  local log = KEYS[2 * i - 1]
  redis.call('ZADD', log, int(at), member)
  redis.call('PEXPIRE', log, int(at - now + windows[i] + 1000))
end
return {1, wait}
`;
