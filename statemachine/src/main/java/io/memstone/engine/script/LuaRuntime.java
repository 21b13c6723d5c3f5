package io.memstone.engine.script;

import io.memstone.engine.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaException;
import party.iroiro.luajava.lua51.Lua51;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lua 5.1 state set up as Redis 7.0's scripting environment ({@code sandbox.lua}), and the
 * scripts compiled in it. Runs one script at a time, on the engine's thread.
 */
final class LuaRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LuaRuntime.class);
    /** Redis 7.0.15, the version the engine matches. */
    static final String REDIS_VERSION = "7.0.15";
    private static final int REDIS_VERSION_NUM = 0x07000f;
    /** How often the budget hook runs, in Lua instructions; the budget is counted in these steps. */
    private static final int HOOK_EVERY = 10_000;
    private static final String SANDBOX = resource("sandbox.lua");
    private static final String CJSON = resource("cjson.lua");
    private static final String CMSGPACK = resource("cmsgpack.lua");
    /** Lua's LUA_MULTRET. */
    private static final int MULTIPLE_RESULTS = -1;

    private final Lua51 lua = new Lua51();
    private final LuaBytes bytes;
    private final LuaReplies replies;
    /** Refs (in the Lua registry) of the sandbox's functions. */
    private final int call;
    private final int where;
    private final int pcall;
    private final int prepare;
    private final int compile;
    private final int sethook;
    private final int oncount;
    private final int xpcall;
    private final int handler;
    private final int outcome;
    private final int compileLibrary;
    private final int describe;
    private final int invoke;
    /** sha -> registry ref of the compiled script. */
    private final Map<String, Integer> compiled = new HashMap<>();
    /** The run in progress: what redis.call reaches and math.random draws from. */
    private ScriptHost host;
    private Random random;

    LuaRuntime(long budget) {
        lua.openLibraries();
        lua.getGlobal("pcall");
        pcall = lua.ref();
        bytes = LuaBytes.template(lua);
        loadInternal(SANDBOX);
        lua.push((JFunction) this::redisCall);
        lua.push((JFunction) this::redisCallRaising);
        lua.push((JFunction) this::cfunction);
        lua.push((JFunction) LuaRuntime::sha1hex);
        lua.push((JFunction) LuaRuntime::log);
        lua.push((JFunction) this::random);
        lua.push((JFunction) this::randomseed);
        lua.push((double) budget);
        lua.push((double) HOOK_EVERY);
        lua.push(REDIS_VERSION);
        lua.push((double) REDIS_VERSION_NUM);
        BitLibrary.push(lua, this::raiseAtScriptLine);
        loadInternal(CJSON);
        lua.pCall(0, 1);
        StructLibrary.push(lua, bytes, this::raiseAtScriptLine);
        loadInternal(CMSGPACK);
        MsgpackNumbers.push(lua, bytes);
        lua.pCall(1, 1);
        lua.pCall(15, 1);
        call = field("call");
        where = field("where");
        prepare = field("prepare");
        compile = field("compile");
        sethook = field("sethook");
        oncount = field("oncount");
        xpcall = field("xpcall");
        handler = field("handler");
        outcome = field("outcome");
        compileLibrary = field("compilelibrary");
        describe = field("describe");
        invoke = field("invoke");
        int format = field("formatdouble");
        lua.pop(1);
        replies = new LuaReplies(bytes, d -> formatDouble(format, d));
    }

    /** Compiles a script body; the error reply if it does not compile. Compiling twice is a no-op. */
    Reply compile(String sha, byte[] body) {
        if (compiled.containsKey(sha)) return null;
        lua.refGet(compile);
        bytes.push(lua, body);
        lua.pCall(1, 2);
        if (lua.isNil(-2)) {
            String message = new String(LuaBytes.bytes(lua, -1), StandardCharsets.UTF_8);
            lua.pop(2);
            return Reply.error(ScriptErrors.oneLine("ERR Error compiling script (new function): " + message));
        }
        lua.pop(1);
        compiled.put(sha, lua.ref());
        return null;
    }

    /** Runs a compiled script with its keys and arguments; its reply, or the error it raised. */
    Reply run(String sha, List<byte[]> keys, List<byte[]> args, ScriptHost host, long seed) {
        return counted(sha, host, seed, () -> {
            lua.refGet(prepare);
            pushArray(keys);
            pushArray(args);
            lua.pCall(2, 0);
            lua.refGet(xpcall);
            lua.refGet(compiled.get(sha));
            lua.refGet(handler);
            lua.pCall(2, 2);
        });
    }

    /** A compiled library (its chunk's registry ref) and its functions, or the error that refused it. */
    record Library(int chunk, List<LibraryFunction> functions, Reply error) {}

    /**
     * luaEngineCreate: compiles a library's code and runs it to learn its functions, within the
     * instruction budget. The chunk stays compiled until {@link #release}d.
     */
    Library loadLibrary(byte[] code) {
        int top = lua.getTop();
        try {
            lua.refGet(compileLibrary);
            bytes.push(lua, code);
            lua.pCall(1, 2);
            if (lua.isNil(-2)) {
                String message = new String(LuaBytes.bytes(lua, -1), StandardCharsets.UTF_8);
                return new Library(0, List.of(), Reply.error(ScriptErrors.oneLine("ERR Error compiling function: " + message)));
            }
            lua.pop(1);
            int chunk = lua.ref();
            lua.refGet(prepare);
            lua.pCall(0, 0);
            startCounting();
            lua.refGet(describe);
            lua.refGet(chunk);
            lua.pCall(1, 2);
            lua.refGet(sethook);
            lua.pCall(0, 0);
            if (lua.isNil(-2)) {
                lua.unref(chunk);
                String message = new String(LuaBytes.bytes(lua, -1), StandardCharsets.UTF_8);
                return new Library(0, List.of(), Reply.error(ScriptErrors.oneLine("ERR Error registering functions: " + message)));
            }
            lua.pop(1);
            List<LibraryFunction> functions = new ArrayList<>();
            for (int i = 1; ; i += 3) {
                lua.rawGetI(-1, i);
                if (lua.isNil(-1)) break;
                String name = lua.toString(-1);
                lua.rawGetI(-2, i + 1);
                byte[] description = lua.isString(-1) ? LuaBytes.bytes(lua, -1) : null;
                lua.rawGetI(-3, i + 2);
                String flags = lua.toString(-1);
                lua.pop(3);
                functions.add(new LibraryFunction(name, description, flags.isEmpty() ? List.of() : List.of(flags.split(","))));
            }
            return new Library(chunk, functions, null);
        } finally {
            lua.setTop(top);
        }
    }

    /** Forgets a compiled library. */
    void release(int chunk) {
        lua.unref(chunk);
    }

    /**
     * Calls function {@code name} (as registered) of a compiled library in a fresh instance of it,
     * with its keys and arguments; errors name the function as Redis' do.
     */
    Reply call(int chunk, String name, List<byte[]> keys, List<byte[]> args, ScriptHost host, long seed) {
        return counted(name, host, seed, () -> {
            lua.refGet(prepare);
            lua.pCall(0, 0);
            lua.refGet(invoke);
            lua.refGet(chunk);
            lua.push(name);
            pushArray(keys);
            pushArray(args);
            lua.pCall(4, 2);
        });
    }

    /**
     * Runs {@code start} (which leaves the protected call's success and result on the stack)
     * under the instruction budget; the result as a reply, or the error raised, naming {@code name}.
     */
    private Reply counted(String name, ScriptHost host, long seed, Runnable start) {
        this.host = host;
        this.random = new Random(seed);
        int top = lua.getTop();
        try {
            startCounting();
            start.run();
            lua.refGet(sethook);
            lua.pCall(0, 0);
            lua.refGet(outcome);
            lua.pCall(0, 2);
            int resp = (int) lua.toNumber(-1);
            lua.pop(1);
            if (!lua.isNil(-1)) return failure(name);
            lua.pop(1);
            if (!lua.toBoolean(-2)) return failure(name);
            return replies.toReply(lua, resp);
        } catch (LuaException e) {
            LOG.warn("script {} failed inside the Lua runtime", name, e);
            return ScriptErrors.raised("ERR " + e.getMessage(), name, null, 0);
        } finally {
            lua.setTop(top);
            this.host = null;
        }
    }

    /** The error table at the top of the stack as the script's error reply. */
    private Reply failure(String sha) {
        if (lua.type(-1) != Lua.LuaType.TABLE) return ScriptErrors.raised("ERR " + lua.toString(-1), sha, null, 0);
        String source = LuaReplies.stringField(lua, "source");
        lua.push("line");
        lua.rawGet(-2);
        long line = (long) lua.toNumber(-1);
        lua.pop(1);
        return ScriptErrors.raised(LuaReplies.stringField(lua, "err"), sha, source, line);
    }

    /** Installs the instruction budget's count hook. */
    private void startCounting() {
        lua.refGet(sethook);
        lua.refGet(oncount);
        lua.push("");
        lua.push((double) HOOK_EVERY);
        lua.pCall(3, 0);
    }

    @Override
    public void close() {
        lua.close();
    }

    private void pushArray(List<byte[]> items) {
        lua.createTable(items.size(), 0);
        for (int i = 0; i < items.size(); i++) {
            bytes.push(lua, items.get(i));
            lua.rawSetI(-2, i + 1);
        }
    }

    /** Pops nothing: takes a field of the table at the top into the registry. */
    private int field(String name) {
        lua.getField(-1, name);
        return lua.ref();
    }

    private String formatDouble(int format, double d) {
        lua.refGet(format);
        lua.push(d);
        lua.pCall(1, 1);
        String s = lua.toString(-1);
        lua.pop(1);
        return s;
    }

    /** {@code jcall(resp, name, args...)}: runs one command for the script; its reply as a Lua value. */
    private int redisCall(Lua l) {
        int n = l.getTop();
        int resp = (int) l.toNumber(1);
        byte[][] argv = new byte[n - 1][];
        for (int i = 2; i <= n; i++) argv[i - 2] = LuaBytes.bytes(l, i);
        Reply reply = host.call(argv);
        replies.push(l, reply, resp);
        return 1;
    }

    /** redis.call: redis.pcall's result, raised when it is an error table. */
    private int redisCallRaising(Lua l) {
        l.refGet(call);
        l.insert(1);
        l.pCall(l.getTop() - 1, 1);
        if (l.type(-1) == Lua.LuaType.TABLE && LuaReplies.stringField(l, "err") != null) return -1;
        return 1;
    }

    /** cfunction(f): f as a C function that raises whatever f raises. */
    private int cfunction(Lua l) {
        l.pushValue(1);
        int ref = l.ref();
        l.push((JFunction) c -> callAsC(c, ref));
        return 1;
    }

    private int callAsC(Lua l, int function) {
        int n = l.getTop();
        l.refGet(pcall);
        l.insert(1);
        l.refGet(function);
        l.insert(2);
        l.pCall(n + 1, MULTIPLE_RESULTS);
        if (!l.toBoolean(1)) return l.type(-1) == Lua.LuaType.STRING ? raiseAtScriptLine(l) : -1;
        l.remove(1);
        return l.getTop();
    }

    /** Raises the message at the top of the stack prefixed with the script's position, as luaL_error. */
    private int raiseAtScriptLine(Lua l) {
        l.refGet(where);
        l.pCall(0, 1);
        l.insert(-2);
        l.concat(2);
        return -1;
    }

    private int random(Lua l) {
        l.push((double) random.nextInt(Integer.MAX_VALUE) / Integer.MAX_VALUE);
        return 1;
    }

    private int randomseed(Lua l) {
        random = new Random((long) l.toNumber(1));
        return 0;
    }

    private static int sha1hex(Lua l) {
        l.push(Sha1.hex(LuaBytes.bytes(l, 1)));
        return 1;
    }

    private static int log(Lua l) {
        LOG.debug("script log level {}: {}", (int) l.toNumber(1), l.toString(2));
        return 0;
    }

    /** Loads one of this package's Lua files, named so the error handler skips its frames. */
    private void loadInternal(String source) {
        byte[] code = source.getBytes(StandardCharsets.US_ASCII);
        lua.load(ByteBuffer.allocateDirect(code.length).put(code).flip(), "=memstone");
    }

    private static String resource(String name) {
        try (InputStream in = LuaRuntime.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
