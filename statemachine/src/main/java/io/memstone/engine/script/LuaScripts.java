package io.memstone.engine.script;

import io.memstone.engine.Reply;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A shard's scripts: the cache SCRIPT LOAD and EVAL fill (replicated through the log, kept in
 * snapshots, in load order so replicas write equal snapshots) and the Lua state that runs them.
 * The Lua state is made on first use and compiles a cached script when it first runs, so a
 * cache restored from a snapshot needs no Lua until a script runs.
 */
public final class LuaScripts {
    /**
     * Lua instructions one script may run. Counted, not timed, so every replica stops a runaway
     * script at the same instruction and they stay equal: a few tenths of a second of pure Lua on
     * an idle core, the longest the shard's apply thread is held. Commands the script calls and
     * C library functions (string.rep...) run outside the count.
     */
    public static final long INSTRUCTION_BUDGET = 50_000_000L;
    private static final Cleaner CLEANER = Cleaner.create();

    /** The result of caching a body: its sha, or the compile error (then nothing is cached). */
    public record Loaded(String sha, Reply error) {}

    private final Map<String, byte[]> bodies = new LinkedHashMap<>();
    private LuaRuntime runtime;
    /** Closes the native Lua state when this cache is dropped or flushed. */
    private Cleaner.Cleanable closer;

    /** SCRIPT LOAD, and what EVAL does first: compiles the body and caches it under its sha. */
    public Loaded load(byte[] body) {
        String sha = Sha1.hex(body);
        Shebang shebang;
        try {
            shebang = Shebang.parse(body);
        } catch (Shebang.Refused e) {
            return new Loaded(sha, e.reply);
        }
        Reply error = runtime().compile(sha, luaCode(body, shebang));
        if (error == null) bodies.putIfAbsent(sha, body);
        return new Loaded(sha, error);
    }

    /** The shebang of a cached script (lower-case sha), which parsed when it was loaded; null if not cached. */
    public Shebang shebang(String sha) {
        byte[] body = bodies.get(sha);
        return body == null ? null : parsedShebang(body);
    }

    /** Whether a script with this sha (any letter case, as Redis compares them) is cached. */
    public boolean exists(String sha) {
        return bodies.containsKey(sha.toLowerCase(Locale.ROOT));
    }

    /**
     * Runs the cached script {@code sha} (lower-case); NOSCRIPT if it is not cached. {@code seed}
     * seeds its math.random: replicas pass the same one.
     */
    public Reply run(String sha, List<byte[]> keys, List<byte[]> args, ScriptHost host, long seed) {
        byte[] body = bodies.get(sha);
        if (body == null) return ScriptErrors.NOSCRIPT;
        Reply error = runtime().compile(sha, luaCode(body, parsedShebang(body)));
        if (error != null) return error;
        return runtime.run(sha, keys, args, host, seed);
    }

    /** SCRIPT FLUSH: forgets every script and starts a fresh Lua state, as Redis does. */
    public void flush() {
        bodies.clear();
        if (closer != null) closer.clean();
        runtime = null;
        closer = null;
    }

    /** The cached bodies in load order, for a snapshot. */
    public List<byte[]> bodies() {
        return new ArrayList<>(bodies.values());
    }

    /** Caches a body from a snapshot; it compiled when it was first loaded. */
    public void restore(byte[] body) {
        bodies.putIfAbsent(Sha1.hex(body), body);
    }

    public int size() {
        return bodies.size();
    }

    /** What Lua compiles: the body without its shebang line, whose line feed stays to keep line numbers. */
    private static byte[] luaCode(byte[] body, Shebang shebang) {
        return shebang.length() == 0 ? body : Arrays.copyOfRange(body, shebang.length(), body.length);
    }

    private static Shebang parsedShebang(byte[] cached) {
        try {
            return Shebang.parse(cached);
        } catch (Shebang.Refused e) {
            throw new IllegalStateException("a cached script's shebang parsed when it was loaded", e);
        }
    }

    private LuaRuntime runtime() {
        if (runtime == null) {
            LuaRuntime created = new LuaRuntime(INSTRUCTION_BUDGET);
            runtime = created;
            closer = CLEANER.register(this, created::close);
        }
        return runtime;
    }
}
