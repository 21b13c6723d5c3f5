-- The cmsgpack library Redis bundles (lua-cmsgpack 0.4.0, which knows no bin types), in Lua
-- over Java's number codec (`numbers`): the same Lua primitives the C version uses (lua_next's
-- order, lua_objlen), so the same bytes out. Errors are raised without a position: the C-function wrapper adds the
-- script's, as luaL_error does.
local numbers = ...
local type, pairs, select, floor, char, byte, concat, sub, error, format, tostring, tonumber, unpack, huge =
      type, pairs, select, math.floor, string.char, string.byte, table.concat, string.sub, error, string.format,
      tostring, tonumber, unpack, math.huge
local MAX_NESTING = 16

-- Big-endian unsigned integer of n bytes.
local function be(v, n)
  local out = {}
  for i = n, 1, -1 do
    out[i] = char(v % 256)
    v = floor(v / 256)
  end
  return concat(out)
end

local function header(n, fix, small, t16, t32)
  if n <= small then return char(fix + n) end
  if n <= 0xffff then return char(t16) .. be(n, 2) end
  return char(t32) .. be(n, 4)
end

local function bytes(s)
  local n = #s
  if n < 32 then return char(0xa0 + n) .. s end
  if n <= 0xff then return char(0xd9, n) .. s end
  if n <= 0xffff then return char(0xda) .. be(n, 2) .. s end
  return char(0xdb) .. be(n, 4) .. s
end

-- table_is_an_array: every key a positive integer, as many as the largest.
local function isarray(t)
  local count, max = 0, 0
  for k in pairs(t) do
    if type(k) ~= 'number' or k < 1 or floor(k) ~= k then return false end
    count = count + 1
    if k > max then max = k end
  end
  return max == count
end

local encode
local function encodetable(t, level, out)
  if isarray(t) then
    local n = #t
    out[#out + 1] = header(n, 0x90, 15, 0xdc, 0xdd)
    for i = 1, n do encode(t[i], level + 1, out) end
  else
    local n = 0
    for _ in pairs(t) do n = n + 1 end
    out[#out + 1] = header(n, 0x80, 15, 0xde, 0xdf)
    for k, v in pairs(t) do
      encode(k, level + 1, out)
      encode(v, level + 1, out)
    end
  end
end

encode = function(v, level, out)
  local t = type(v)
  if t == 'table' and level == MAX_NESTING then t = 'nil' end
  if t == 'string' then out[#out + 1] = bytes(v)
  elseif t == 'boolean' then out[#out + 1] = v and '\195' or '\194'
  elseif t == 'number' then out[#out + 1] = numbers.encode(v)
  elseif t == 'table' then encodetable(v, level, out)
  else out[#out + 1] = '\192' end
end

local cmsgpack = {_NAME = 'cmsgpack', _VERSION = 'lua-cmsgpack 0.4.0',
  _COPYRIGHT = 'Copyright (C) 2012, Salvatore Sanfilippo', _DESCRIPTION = 'MessagePack C implementation for Lua'}

function cmsgpack.pack(...)
  local n = select('#', ...)
  if n == 0 then error("bad argument #0 to 'pack' (MessagePack pack needs input.)", 0) end
  local out = {}
  for i = 1, n do encode((select(i, ...)), 0, out) end
  return concat(out)
end

-- Decoding: a cursor over s; `missing` and `bad` are lua_cmsgpack.c's two errors.
local function missing() error('Missing bytes in input.', 0) end
local function bad() error('Bad data format in input.', 0) end

local decode
local function take(s, pos, n)
  if pos + n - 1 > #s then missing() end
  return sub(s, pos, pos + n - 1), pos + n
end
local function uint(s, pos, n)
  local raw, next = take(s, pos, n)
  local v = 0
  for i = 1, n do v = v * 256 + byte(raw, i) end
  return v, next
end
local function array(s, pos, n)
  local t = {}
  for i = 1, n do t[i], pos = decode(s, pos) end
  return t, pos
end
local function map(s, pos, n)
  local t = {}
  for _ = 1, n do
    local k, v
    k, pos = decode(s, pos)
    v, pos = decode(s, pos)
    t[k] = v
  end
  return t, pos
end
local NUMERIC = {[0xca] = 4, [0xcb] = 8, [0xcc] = 1, [0xcd] = 2, [0xce] = 4, [0xcf] = 8,
                 [0xd0] = 1, [0xd1] = 2, [0xd2] = 4, [0xd3] = 8}

decode = function(s, pos)
  if pos > #s then missing() end
  local b = byte(s, pos)
  pos = pos + 1
  if b <= 0x7f then return b, pos end
  if b >= 0xe0 then return b - 256, pos end
  if b >= 0xa0 and b <= 0xbf then return take(s, pos, b - 0xa0) end
  if b >= 0x90 and b <= 0x9f then return array(s, pos, b - 0x90) end
  if b >= 0x80 and b <= 0x8f then return map(s, pos, b - 0x80) end
  if b == 0xc0 then return nil, pos end
  if b == 0xc2 then return false, pos end
  if b == 0xc3 then return true, pos end
  local size = NUMERIC[b]
  if size then
    local raw, next = take(s, pos, size)
    return numbers.decode(b, raw), next
  end
  if b == 0xd9 then local n; n, pos = uint(s, pos, 1) return take(s, pos, n) end
  if b == 0xda then local n; n, pos = uint(s, pos, 2) return take(s, pos, n) end
  if b == 0xdb then local n; n, pos = uint(s, pos, 4) return take(s, pos, n) end
  if b == 0xdc then local n; n, pos = uint(s, pos, 2) return array(s, pos, n) end
  if b == 0xdd then local n; n, pos = uint(s, pos, 4) return array(s, pos, n) end
  if b == 0xde then local n; n, pos = uint(s, pos, 2) return map(s, pos, n) end
  if b == 0xdf then local n; n, pos = uint(s, pos, 4) return map(s, pos, n) end
  bad()
end

local function checkstring(s, n, f)
  if type(s) ~= 'string' and type(s) ~= 'number' then
    error(format("bad argument #%d to '%s' (string expected, got %s)", n, f, s == nil and 'no value' or type(s)), 0)
  end
  return tostring(s)
end
local function checkint(v, n, f, default)
  if v == nil and default then return default end
  local x = tonumber(v)
  if x == nil then
    error(format("bad argument #%d to '%s' (number expected, got %s)", n, f, v == nil and 'no value' or type(v)), 0)
  end
  return x >= 0 and floor(x) or -floor(-x)
end

-- mp_unpack_full: up to `limit` values from byte `offset` (0-based); with `withoffset`, the
-- next offset (-1 at the end) first.
local function unpackfull(s, limit, offset, withoffset)
  local len = #s
  if offset < 0 or limit < 0 then
    error(format('Invalid request to unpack with offset of %d and limit of %d.', offset, len), 0)
  elseif offset > len then
    error(format('Start offset %d greater than input length %d.', offset, len), 0)
  end
  local out, n, pos = {}, 0, offset + 1
  while pos <= len and n < limit do
    n = n + 1
    out[n], pos = decode(s, pos)
  end
  if withoffset then
    return pos > len and -1 or pos - 1, unpack(out, 1, n)
  end
  return unpack(out, 1, n)
end

function cmsgpack.unpack(s)
  return unpackfull(checkstring(s, 1, 'unpack'), huge, 0, false)
end
function cmsgpack.unpack_one(s, offset)
  s = checkstring(s, 1, 'unpack_one')
  return unpackfull(s, 1, checkint(offset, 2, 'unpack_one', 0), true)
end
function cmsgpack.unpack_limit(s, limit, offset)
  s = checkstring(s, 1, 'unpack_limit')
  return unpackfull(s, checkint(limit, 2, 'unpack_limit'), checkint(offset, 3, 'unpack_limit', 0), true)
end
return cmsgpack
