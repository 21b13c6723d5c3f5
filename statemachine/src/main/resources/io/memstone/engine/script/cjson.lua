-- The cjson library Redis bundles (lua-cjson 2.1.0 with Redis' defaults), in Lua: the same
-- Lua primitives the C version uses (lua_next's order, "%.14g"), so the same text out. Errors
-- are raised without a position: the C-function wrapper adds the script's, as luaL_error does.
local type, pairs, select, tostring, floor, format, char, concat, tonumber, error =
      type, pairs, select, tostring, math.floor, string.format, string.char, table.concat, tonumber, error
local huge = math.huge
local MAX_DEPTH = 1000
local SPARSE_RATIO, SPARSE_SAFE = 2, 10

local null = newproxy(false)
local cjson = {null = null, _NAME = 'cjson', _VERSION = '2.1.0'}

local escapes = {['"'] = '\\"', ['\\'] = '\\\\', ['/'] = '\\/', ['\b'] = '\\b', ['\f'] = '\\f',
                 ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t', ['\127'] = '\\u007f'}
for i = 0, 31 do
  local c = char(i)
  if not escapes[c] then escapes[c] = format('\\u%04x', i) end
end

local function fail(what, reason)
  error(format('Cannot serialise %s: %s', what, reason), 0)
end

local function number(n)
  if n ~= n or n == huge or n == -huge then fail('number', 'must not be NaN or Inf') end
  return format('%.14g', n)
end

local function str(s)
  return '"' .. s:gsub('[%c"\\/\127]', escapes) .. '"'
end

-- lua_array_length: the largest key if every key is an integer >= 1 and the array is not
-- excessively sparse; -1 for an object.
local function arraylength(t)
  local max, items = 0, 0
  for k in pairs(t) do
    if type(k) ~= 'number' or k < 1 or floor(k) ~= k then return -1 end
    if k > max then max = k end
    items = items + 1
  end
  if max > items * SPARSE_RATIO and max > SPARSE_SAFE then fail('table', 'excessively sparse array') end
  return max
end

local encode
local function encodetable(t, depth, out)
  depth = depth + 1
  if depth > MAX_DEPTH then error(format('Cannot serialise, excessive nesting (%d)', depth), 0) end
  local n = arraylength(t)
  if n > 0 then
    out[#out + 1] = '['
    for i = 1, n do
      if i > 1 then out[#out + 1] = ',' end
      encode(t[i], depth, out)
    end
    out[#out + 1] = ']'
    return
  end
  out[#out + 1] = '{'
  local first = true
  for k, v in pairs(t) do
    if not first then out[#out + 1] = ',' end
    first = false
    local kt = type(k)
    if kt == 'string' then out[#out + 1] = str(k)
    elseif kt == 'number' then out[#out + 1] = '"' .. number(k) .. '"'
    else fail(kt, 'table key must be a number or string') end
    out[#out + 1] = ':'
    encode(v, depth, out)
  end
  out[#out + 1] = '}'
end

encode = function(v, depth, out)
  local t = type(v)
  if t == 'string' then out[#out + 1] = str(v)
  elseif t == 'number' then out[#out + 1] = number(v)
  elseif t == 'boolean' then out[#out + 1] = v and 'true' or 'false'
  elseif t == 'nil' or v == null then out[#out + 1] = 'null'
  elseif t == 'table' then encodetable(v, depth, out)
  else fail(t, 'type not supported') end
end

function cjson.encode(...)
  if select('#', ...) ~= 1 then error("bad argument #1 to 'encode' (expected 1 argument)", 0) end
  local out = {}
  encode((...), 0, out)
  return concat(out)
end

-- Decoding -------------------------------------------------------------------------------
local punctuation = {['{'] = true, ['}'] = true, ['['] = true, [']'] = true, [','] = true, [':'] = true}
local tokennames = {['{'] = 'T_OBJ_BEGIN', ['}'] = 'T_OBJ_END', ['['] = 'T_ARR_BEGIN', [']'] = 'T_ARR_END',
                    [','] = 'T_COMMA', [':'] = 'T_COLON', string = 'T_STRING', number = 'T_NUMBER',
                    boolean = 'T_BOOLEAN', null = 'T_NULL', ['end'] = 'T_END'}

-- The next token at i: its kind (a punctuation char, 'string', 'number', 'boolean', 'null',
-- 'end' or 'error'), its value, the index after it; and where it starts (for an error, where
-- it was found).
local function token(s, i)
  i = s:find('[^ \t\n\r]', i) or #s + 1
  local c = s:sub(i, i)
  if c == '' then return 'end', nil, i, i end
  if punctuation[c] then return c, nil, i + 1, i end
  if c == '"' then
    local parts, j = {}, i + 1
    while true do
      local k = s:find('["\\]', j)
      if not k then return 'error', 'unexpected end of string', i, #s + 1 end
      parts[#parts + 1] = s:sub(j, k - 1)
      if s:sub(k, k) == '"' then return 'string', concat(parts), k + 1, i end
      local e = s:sub(k + 1, k + 1)
      local simple = ({['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t'})[e]
      if simple then
        parts[#parts + 1] = simple
        j = k + 2
      elseif e == 'u' then
        local hex = s:match('^%x%x%x%x', k + 2)
        if not hex then return 'error', 'invalid unicode escape code', i, k end
        local cp = tonumber(hex, 16)
        j = k + 6
        if cp >= 0xD800 and cp <= 0xDBFF then
          local low = s:match('^\\u(%x%x%x%x)', j)
          local lo = low and tonumber(low, 16)
          if not lo or lo < 0xDC00 or lo > 0xDFFF then return 'error', 'invalid unicode escape code', i, k end
          cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
          j = j + 6
        elseif cp >= 0xDC00 and cp <= 0xDFFF then
          return 'error', 'invalid unicode escape code', i, k
        end
        if cp < 0x80 then parts[#parts + 1] = char(cp)
        elseif cp < 0x800 then parts[#parts + 1] = char(0xC0 + floor(cp / 0x40), 0x80 + cp % 0x40)
        elseif cp < 0x10000 then
          parts[#parts + 1] = char(0xE0 + floor(cp / 0x1000), 0x80 + floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
        else
          parts[#parts + 1] = char(0xF0 + floor(cp / 0x40000), 0x80 + floor(cp / 0x1000) % 0x40,
                                   0x80 + floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
        end
      else
        return 'error', 'invalid escape code', i, k
      end
    end
  end
  if s:find('^true', i) then return 'boolean', true, i + 4, i end
  if s:find('^false', i) then return 'boolean', false, i + 5, i end
  if s:find('^null', i) then return 'null', null, i + 4, i end
  local num = s:match('^-?%d+%.?%d*[eE]?[-+]?%d*', i)
  if num then
    local n = tonumber(num)
    if n then return 'number', n, i + #num, i end
  end
  if c == '-' or c:find('%d') then return 'error', 'invalid number', i, i end
  return 'error', 'invalid token', i, i
end

local function expected(what, kind, value, at)
  local found = kind == 'error' and value or tokennames[kind] or kind
  error(format('Expected %s but found %s at character %d', what, found, at), 0)
end

local value
local function object(s, i, depth)
  local t = {}
  local kind, v, nexti, at = token(s, i)
  if kind == '}' then return t, nexti end
  while true do
    if kind ~= 'string' then expected('object key string', kind, v, at) end
    local key = v
    kind, v, nexti, at = token(s, nexti)
    if kind ~= ':' then expected('colon', kind, v, at) end
    t[key], nexti = value(s, nexti, depth)
    kind, v, nexti, at = token(s, nexti)
    if kind == '}' then return t, nexti end
    if kind ~= ',' then expected('comma or object end', kind, v, at) end
    kind, v, nexti, at = token(s, nexti)
  end
end

local function array(s, i, depth)
  local t = {}
  local kind, v, nexti, at = token(s, i)
  if kind == ']' then return t, nexti end
  local n = 0
  while true do
    n = n + 1
    t[n], nexti = value(s, i, depth)
    kind, v, nexti, at = token(s, nexti)
    if kind == ']' then return t, nexti end
    if kind ~= ',' then expected('comma or array end', kind, v, at) end
    i = nexti
  end
end

value = function(s, i, depth)
  local kind, v, nexti, at = token(s, i)
  if kind == '{' or kind == '[' then
    depth = depth + 1
    if depth > MAX_DEPTH then
      error(format('Found too many nested data structures (%d) at character %d', depth, at), 0)
    end
    if kind == '{' then return object(s, nexti, depth) end
    return array(s, nexti, depth)
  end
  if kind == 'string' or kind == 'number' or kind == 'boolean' or kind == 'null' then return v, nexti end
  expected('value', kind, v, at)
end

function cjson.decode(...)
  if select('#', ...) ~= 1 then error("bad argument #1 to 'decode' (expected 1 argument)", 0) end
  local s = ...
  if type(s) == 'number' then s = tostring(s) end
  if type(s) ~= 'string' then
    error(format("bad argument #1 to 'decode' (string expected, got %s)", type(s) == 'nil' and 'no value' or type(s)), 0)
  end
  local v, i = value(s, 1, 0)
  local kind, tv, _, at = token(s, i)
  if kind ~= 'end' then expected('the end', kind, tv, at) end
  return v
end

return cjson
