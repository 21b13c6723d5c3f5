-- Runs once in a fresh Lua state, before any script: Redis 7.0's scripting environment
-- (script_lua.c) on stock Lua 5.1. Receives the Java callbacks and the instruction budget;
-- returns the functions the Java side drives a script run with.
local jcall, jraise, cfunction, jsha1, jlog, jrandom, jseed, budget, every, version, versionnum, bit, cjson, struct, cmsgpack = ...

local sethook, getinfo = debug.sethook, debug.getinfo
local error, type, tostring, select, rawget, rawset, setmetatable, loadstring, concat =
      error, type, tostring, select, rawget, rawset, setmetatable, loadstring, table.concat
local pairs, ipairs, tonumber, unpack, coroutine, setfenv = pairs, ipairs, tonumber, unpack, coroutine, setfenv
local format, floor = string.format, math.floor
local READONLY = 'Attempt to modify a readonly table'
local INTERNAL = '=memstone'

-- Tables a script may not change (Redis 7.0 makes them read-only in its patched Lua): a
-- change would outlive the script, and a replica restored from a snapshot starts afresh.
local protected = setmetatable({}, {__mode = 'k'})
local function refuse() error(READONLY, 2) end
-- Redis' luaPushError + luaError: an error table, placed at the script's line by the handler.
local function raise(msg) error({err = 'ERR ' .. msg}) end
-- luaL_error's "source:line: " prefix, naming the script's line rather than this file's.
local function where()
  local level, info = 2, getinfo(2, 'Sl')
  while info and (info.what == 'C' or info.source == INTERNAL) do
    level = level + 1
    info = getinfo(level, 'Sl')
  end
  return info and info.currentline > 0 and (info.short_src .. ':' .. info.currentline .. ': ') or ''
end
local function readonly(t)
  local proxy = setmetatable({}, {__index = t, __newindex = refuse, __metatable = false})
  protected[proxy] = true
  return proxy
end

-- Functions a script calls that may raise are made C functions (cfunction), as in Redis: a
-- script's `return f()` then keeps the script's line on the stack for the error handler, and
-- an error string gets the script's position, as luaL_error gives it. They raise with level 0.

-- redis.* ------------------------------------------------------------------------------
local resp = 2
local redis = {}
local function call(...)
  local n = select('#', ...)
  if n == 0 then return {err = 'ERR Please specify at least one argument for this redis lib call'} end
  local argv = {...}
  for i = 1, n do
    local a = argv[i]
    local t = type(a)
    if t == 'number' then
      argv[i] = format('%.17g', a)
    elseif t ~= 'string' then
      return {err = 'ERR Lua redis lib command arguments must be strings or integers'}
    end
  end
  return jcall(resp, unpack(argv, 1, n))
end
redis.pcall = call
-- jraise runs `call` and raises an error reply: a C function, as in Redis, so that in
-- `return redis.call(...)` the script's line stays on the stack for the error handler.
redis.call = jraise
local function wrongargs() return {err = 'ERR wrong number or type of arguments'} end
redis.error_reply = function(...)
  local e = ...
  if select('#', ...) ~= 1 or type(e) ~= 'string' then return wrongargs() end
  if e:sub(1, 1) ~= '-' then e = '-' .. e end
  local space = e:find(' ', 1, true)
  local code, msg = 'ERR', e:sub(2)
  if space then code, msg = e:sub(2, space - 1), e:sub(space + 1) end
  return {err = code .. ' ' .. msg:gsub('^[\r\n]+', ''):gsub('[\r\n]+$', '')}
end
redis.status_reply = function(...)
  local s = ...
  if select('#', ...) ~= 1 or type(s) ~= 'string' then return wrongargs() end
  return {ok = s}
end
redis.sha1hex = cfunction(function(...)
  if select('#', ...) ~= 1 then raise('wrong number of arguments') end
  return jsha1(tostring((...)))
end)
redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING = 0, 1, 2, 3
redis.log = cfunction(function(level, ...)
  if select('#', ...) < 1 then raise('redis.log() requires two arguments or more.') end
  if type(level) ~= 'number' then raise('First argument must be a number (log level).') end
  if level < 0 or level > 3 then raise('Invalid debug level.') end
  local parts = {}
  for i = 1, select('#', ...) do parts[i] = tostring((select(i, ...))) end
  jlog(level, concat(parts, ' '))
end)
redis.setresp = cfunction(function(...)
  local v = ...
  if select('#', ...) ~= 1 then raise('redis.setresp() requires one argument.') end
  if v ~= 2 and v ~= 3 then raise('RESP version must be 2 or 3.') end
  resp = v
end)
-- Effects replication is how Redis 7.0 always replicates; these remain for old scripts.
redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL = 0, 1, 2, 2, 3
redis.replicate_commands = function() return true end
redis.set_repl = cfunction(function(...)
  local flags = ...
  if select('#', ...) ~= 1 then raise('redis.set_repl() requires one argument.') end
  if type(flags) ~= 'number' or flags < 0 or flags > 3 then raise('Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.') end
end)
redis.breakpoint = function() return false end
redis.debug = function() end
redis.REDIS_VERSION, redis.REDIS_VERSION_NUM = version, versionnum

-- math.random from the log entry's seed (Java), with Lua 5.1's argument rules ----------
local function checkint(v, n)
  local x = tonumber(v)
  if x == nil then error(format("bad argument #%d to 'random' (number expected, got %s)", n, type(v) == 'nil' and 'no value' or type(v)), 0) end
  return x >= 0 and floor(x) or -floor(-x)
end
math.random = cfunction(function(...)
  local r, n = jrandom(), select('#', ...)
  if n == 0 then return r end
  if n == 1 then
    local u = checkint((...), 1)
    if u < 1 then error("bad argument #1 to 'random' (interval is empty)", 0) end
    return floor(r * u) + 1
  end
  if n == 2 then
    local l, u = checkint((...), 1), checkint((select(2, ...)), 2)
    if l > u then error("bad argument #2 to 'random' (interval is empty)", 0) end
    return floor(r * (u - l + 1)) + l
  end
  error('wrong number of arguments', 0)
end)
math.randomseed = cfunction(function(s) jseed(checkint(s, 1)) end)

-- string.rep runs in C, outside the instruction count: one call could ask for any size. Its
-- result is capped at Redis' largest bulk string (proto-max-bulk-len), checked from the
-- arguments alone so every replica refuses alike.
local MAX_STRING = 512 * 1024 * 1024
local rep = string.rep
string.rep = cfunction(function(s, n, ...)
  local t = type(s)
  if (t == 'string' or t == 'number') and type(n) == 'number' and #tostring(s) * n > MAX_STRING then
    error('resulting string too large', 0)
  end
  return rep(s, n, ...)
end)

-- Loading code: never bytecode, which stock Lua 5.1 runs unverified.
local function safeload(s, name)
  if type(s) == 'string' and s:byte(1) == 27 then return nil, 'binary code is not allowed' end
  return loadstring(s, name)
end
local function safeloadfn(f, name)
  if type(f) == 'string' then return safeload(f, name) end
  local parts = {}
  while true do
    local p = f()
    if p == nil or p == '' then break end
    parts[#parts + 1] = p
  end
  return safeload(concat(parts), name)
end

-- The globals a script sees: Redis 7.0's list, read-only; a missing one is an error. ------
local keep = {'assert', 'collectgarbage', 'coroutine', 'error', 'gcinfo', 'getmetatable', 'ipairs',
  'math', 'next', 'pairs', 'pcall', 'rawequal', 'rawget', 'select', 'string', 'table', 'tonumber',
  'tostring', 'type', 'unpack', 'xpcall', '_VERSION'}
local G = _G
local kept = {}
for _, name in ipairs(keep) do kept[name] = G[name] end
for name in pairs(G) do G[name] = nil end
for name, v in pairs(kept) do
  if type(v) == 'table' then v = readonly(v) end
  G[name] = v
end
G._G = G
G.redis = readonly(redis)
G.bit = readonly(bit)
cjson.encode, cjson.decode = cfunction(cjson.encode), cfunction(cjson.decode)
G.cjson = readonly(cjson)
G.struct = readonly(struct)
for _, f in ipairs({'pack', 'unpack', 'unpack_one', 'unpack_limit'}) do cmsgpack[f] = cfunction(cmsgpack[f]) end
G.cmsgpack = readonly(cmsgpack)
-- tostring of a table or function names its address, which differs between replicas: a
-- script could store it. It is numbered in order of first sight within the run instead.
local rawtostring, getmetatable = tostring, getmetatable
local seen, count = {}, 0
local addressed = {table = true, ['function'] = true, userdata = true, thread = true}
G.tostring = function(...)
  local v = ...
  local t = type(v)
  if addressed[t] and select('#', ...) > 0 then
    local m = getmetatable(v)
    if not (type(m) == 'table' and m.__tostring) then
      if not seen[v] then
        count = count + 1
        seen[v] = format('0x%08x', count)
      end
      return t .. ': ' .. seen[v]
    end
  end
  return rawtostring(...)
end
G.loadstring = safeload
G.load = safeloadfn
-- Lua functions, not cfunction: Redis raises these in its Lua core, without a position.
G.rawset = function(t, k, v)
  if protected[t] then error(READONLY, 0) end
  return rawset(t, k, v)
end
G.setmetatable = function(t, m)
  if protected[t] then error(READONLY, 0) end
  return setmetatable(t, m)
end
local strings = getmetatable('')
strings.__metatable = readonly({__index = G.string})
protected[G] = true
-- The JNI binding keeps a global of its own (the last Java error), read and cleared outside
-- protected calls: an error there would abort the process.
local BINDING = '__jthrowable__'
setmetatable(G, {
  __index = function(_, k)
    if k ~= BINDING then error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2) end
  end,
  __newindex = function(t, k, v)
    if k ~= BINDING then error(READONLY, 2) end
    rawset(t, k, v)
  end,
  __metatable = readonly({})})

-- Running a script ---------------------------------------------------------------------
-- Redis' __redis__err__handler: an error becomes {err=..., source=..., line=...} naming the
-- script's line, skipping C functions and this file's wrappers.
local exhausted
local function handler(err)
  if exhausted then return {err = exhausted.err, source = exhausted.source, line = exhausted.line} end
  local level, info = 2, getinfo(2, 'nSl')
  while info and (info.what == 'C' or info.source == INTERNAL) do
    level = level + 1
    info = getinfo(level, 'nSl')
  end
  if type(err) ~= 'table' then err = {err = 'ERR ' .. G.tostring(err)} end
  if info then
    err.source = info.source
    err.line = info.currentline
  end
  return err
end

-- The instruction budget: counted in steps of `every`; each coroutine resume is charged a
-- full step, since a coroutine's own count starts afresh and may end before its hook runs.
-- Once spent, every instruction fails, so a pcall in the script cannot outlast it.
local spent = 0
local budgeterr = format('ERR Script exceeded the instruction budget of %d instructions', budget)
local oncount
-- Level 3 is the script's function: below charge, and below the hook or the resume wrapper.
local function charge()
  if exhausted then
    -- This file's own code goes on to its end (a library's registrations are read after it ran).
    local info = getinfo(3, 'S')
    if info and info.source == INTERNAL then return end
  else
    spent = spent + every
    if spent < budget then return end
    local info = getinfo(3, 'Sl')
    exhausted = {err = budgeterr, source = info and info.source, line = info and info.currentline}
  end
  sethook(oncount, '', 1)
  error({err = budgeterr})
end
oncount = function() charge() end

-- A new coroutine has the hook but not its function (debug.sethook keeps one per thread): it
-- installs it first thing.
local cocreate, coresume, cowrap = coroutine.create, coroutine.resume, coroutine.wrap
local function counted(f)
  if type(f) ~= 'function' or getinfo(f, 'S').what == 'C' then return f end
  return function(...)
    sethook(oncount, '', every)
    return f(...)
  end
end
coroutine.create = function(f) return cocreate(counted(f)) end
coroutine.resume = function(co, ...)
  charge()
  return coresume(co, ...)
end
coroutine.wrap = function(f)
  local resume = cowrap(counted(f))
  return function(...)
    charge()
    return resume(...)
  end
end

-- Function libraries (Redis 7.0's function_lua.c) ---------------------------------------
-- A library's code runs with a globals table of its own whose reads go to `api`: while the
-- code runs (to register its functions) only a `redis` table with register_function and log;
-- while a function runs, the script globals above. Functions created by the code keep that
-- table, so they see the full API when called.
local FLAGS = {'no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'}
local NAMES = 'Library names can only contain letters, numbers, or underscores(_) and must be at least one character long'
local function strict(t)
  local proxy = setmetatable({}, {__metatable = false, __newindex = refuse, __index = function(_, k)
    local v = rawget(t, k)
    if v == nil then error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2) end
    return v
  end})
  protected[proxy] = true
  return proxy
end
local function isstring(v) return type(v) == 'string' or type(v) == 'number' end
-- The functions the running library code registered: names in order, and each one's entry.
local registering
-- luaRegisterFunctionReadFlags: canonical flags in FLAGS' order, or nil for an unknown one.
local function readflags(t)
  local given, j = {}, 1
  while true do
    local v = t[j]
    if v == nil then break end
    if not isstring(v) then return nil end
    local flag = string.lower(tostring(v))
    local known = false
    for _, f in ipairs(FLAGS) do known = known or f == flag end
    if not known then return nil end
    given[flag], j = true, j + 1
  end
  local out = {}
  for _, f in ipairs(FLAGS) do if given[f] then out[#out + 1] = f end end
  return concat(out, ',')
end
local function namedargs(t)
  if type(t) ~= 'table' then
    raise('calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).')
  end
  local name, callback, flags, desc
  for k, v in pairs(t) do
    if not isstring(k) then raise('named argument key given to redis.register_function is not a string') end
    local key = string.lower(tostring(k))
    if key == 'function_name' then
      if not isstring(v) then raise('function_name argument given to redis.register_function must be a string') end
      name = tostring(v)
    elseif key == 'description' then
      if not isstring(v) then raise('description argument given to redis.register_function must be a string') end
      desc = tostring(v)
    elseif key == 'callback' then
      if type(v) ~= 'function' then raise('callback argument given to redis.register_function must be a function') end
      callback = v
    elseif key == 'flags' then
      if type(v) ~= 'table' then raise('flags argument to redis.register_function must be a table representing function flags') end
      flags = readflags(v)
      if not flags then raise('unknown flag given') end
    else
      raise('unknown argument given to redis.register_function')
    end
  end
  if not name then raise('redis.register_function must get a function name argument') end
  if not callback then raise('redis.register_function must get a callback argument') end
  return name, callback, flags, desc
end
local function register(...)
  if not registering then raise('redis.register_function can only be called on FUNCTION LOAD command') end
  local n = select('#', ...)
  if n < 1 or n > 2 then raise('wrong number of arguments to redis.register_function') end
  local name, callback, flags, desc
  if n == 1 then
    name, callback, flags, desc = namedargs((...))
  else
    local a, b = ...
    if not isstring(a) then raise('first argument to redis.register_function must be a string') end
    if type(b) ~= 'function' then raise('second argument to redis.register_function must be a function') end
    name, callback = tostring(a), b
  end
  if not name:find('^[%w_]+$') then raise(NAMES) end
  if registering[name] then raise('Function already exists in the library') end
  registering[name] = callback
  registering[#registering + 1] = {name, desc or false, flags or ''}
end
local loadredis = {register_function = register, log = redis.log, REDIS_VERSION = version, REDIS_VERSION_NUM = versionnum,
  LOG_DEBUG = redis.LOG_DEBUG, LOG_VERBOSE = redis.LOG_VERBOSE, LOG_NOTICE = redis.LOG_NOTICE, LOG_WARNING = redis.LOG_WARNING}
local loadapi = {redis = strict(loadredis)}
local api = G
local FG = setmetatable({}, {__metatable = false,
  __newindex = function() error(READONLY, 2) end,
  __index = function(_, k)
    local v = rawget(api, k)
    if v == nil then error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2) end
    return v
  end})
protected[FG] = true
local function compilelibrary(body)
  local chunk, err = loadstring(body, '@user_function')
  if chunk then setfenv(chunk, FG) end
  return chunk, err
end
-- Runs a library's code: the functions it registers ({name, description, flags} in order, and
-- name -> callback), or nil and luaExtractErrorInformation's message.
local function instantiate(chunk)
  registering, api = {}, loadapi
  local ok, err = pcall(chunk)
  local registered = registering
  registering, api = nil, G
  if ok then return registered end
  if type(err) == 'table' then return nil, type(err.err) == 'string' and err.err or 'ERR unknown error' end
  return nil, 'ERR ' .. tostring(err)
end
-- The registered functions as a flat array for the Java side: name, description or false, flags.
local function describe(chunk)
  local registered, err = instantiate(chunk)
  if not registered then return nil, err end
  local flat = {}
  for _, f in ipairs(registered) do
    flat[#flat + 1], flat[#flat + 2], flat[#flat + 3] = f[1], f[2], f[3]
  end
  return flat
end
-- FCALL: a fresh instance of the library, so that nothing a function keeps in the library's
-- locals outlives the call (replicas restored from a snapshot would not have it); then the
-- function with its keys and arguments.
local function invoke(chunk, name, keys, args)
  local registered, err = instantiate(chunk)
  if not registered then return false, {err = err} end
  local f = registered[name]
  return xpcall(function() return f(keys, args) end, handler)
end

local function prepare(keys, args)
  spent, exhausted, resp = 0, nil, 2
  seen, count = setmetatable({}, {__mode = 'k'}), 0
  rawset(G, 'KEYS', keys)
  rawset(G, 'ARGV', args)
end
local function compile(body)
  return loadstring(body, '@user_script')
end
-- How the run ended: the budget error if it was spent, and the RESP version the result converts in.
local function outcome()
  return exhausted, resp
end
local function formatdouble(d)
  return format('%.17g', d)
end
return {compilelibrary = compilelibrary, describe = describe, invoke = invoke,
        call = call, where = where, prepare = prepare, compile = compile, sethook = sethook, oncount = oncount, every = every,
        xpcall = xpcall, handler = handler, outcome = outcome, formatdouble = formatdouble}
