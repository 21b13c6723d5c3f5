package io.memstone.engine.script;

import io.memstone.engine.Reply;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A shard's function libraries (Redis 7.0's functions.c): FUNCTION LOAD/DELETE/FLUSH/RESTORE
 * change them through the log, snapshots keep their codes in load order, and FCALL runs their
 * functions. Library names compare exactly, function names in any letter case, as Redis'
 * dictionaries do. A library's code runs again for every FCALL (see sandbox.lua's invoke), so
 * nothing a function leaves in its library's locals differs between replicas.
 */
public final class FunctionLibraries {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final String ENGINE = "LUA";

    /** How FUNCTION RESTORE treats libraries already loaded. */
    public enum Policy { APPEND, REPLACE, FLUSH }

    /** A library with the compiled chunk its functions are made from. */
    private record Loaded(Library library, int chunk) {}

    /** Libraries by name (in load order) and their functions by lower-case name. */
    private static final class Context {
        final Map<String, Loaded> libraries = new LinkedHashMap<>();
        final Map<String, Loaded> functions = new HashMap<>();

        void link(Loaded l) {
            libraries.put(l.library().name(), l);
            for (LibraryFunction f : l.library().functions()) functions.put(key(f.name()), l);
        }

        void unlink(Loaded l) {
            libraries.remove(l.library().name());
            for (LibraryFunction f : l.library().functions()) functions.remove(key(f.name()));
        }

        /** The first function of {@code l} another library here already has; null if none. */
        String collision(Loaded l) {
            for (LibraryFunction f : l.library().functions()) {
                if (functions.containsKey(key(f.name()))) return f.name();
            }
            return null;
        }
    }

    private Context current = new Context();
    private LuaRuntime runtime;
    /** Closes the native Lua state when these libraries are dropped or flushed. */
    private Cleaner.Cleanable closer;

    /** FUNCTION LOAD: the library's name, or the error that refused it (then nothing changed). */
    public Reply load(byte[] code, boolean replace) {
        try {
            return Reply.bulk(create(code, replace, current).library().name());
        } catch (LibraryMetadata.Refused e) {
            return Reply.error("ERR " + e.getMessage());
        } catch (LoadFailed e) {
            return e.reply;
        }
    }

    /** FUNCTION DELETE. */
    public Reply delete(String name) {
        Loaded l = current.libraries.get(name);
        if (l == null) return Reply.error("ERR Library not found");
        current.unlink(l);
        runtime.release(l.chunk());
        return Reply.OK;
    }

    /** FUNCTION FLUSH: every library goes, with the Lua state that ran them. */
    public void flush() {
        current = new Context();
        if (closer != null) closer.clean();
        runtime = null;
        closer = null;
    }

    /** A function by name (any letter case); null if no library has it. */
    public LibraryFunction function(String name) {
        Loaded l = current.functions.get(key(name));
        if (l == null) return null;
        for (LibraryFunction f : l.library().functions()) {
            if (key(f.name()).equals(key(name))) return f;
        }
        throw new IllegalStateException("function " + name + " indexed but not in its library");
    }

    /** Runs a function {@link #function} found, with its keys and arguments; {@code seed} seeds math.random. */
    public Reply call(LibraryFunction function, List<byte[]> keys, List<byte[]> args, ScriptHost host, long seed) {
        Loaded l = current.functions.get(key(function.name()));
        return runtime.call(l.chunk(), function.name(), keys, args, host, seed);
    }

    /** The libraries in load order. */
    public List<Library> libraries() {
        return current.libraries.values().stream().map(Loaded::library).toList();
    }

    public int functionCount() {
        return current.functions.size();
    }

    /** The engine every library runs on, as FUNCTION LIST and STATS name it. */
    public static String engine() {
        return ENGINE;
    }

    /** FUNCTION DUMP. */
    public byte[] dump() {
        return FunctionPayload.write(codes());
    }

    /** FUNCTION RESTORE (functionRestoreCommand, libraryJoin): all the payload's libraries or, on an error, none. */
    public Reply restore(byte[] payload, Policy policy) {
        Context incoming = new Context();
        try {
            for (byte[] code : FunctionPayload.read(payload)) create(code, false, incoming);
        } catch (FunctionPayload.Refused | LibraryMetadata.Refused e) {
            release(incoming);
            return Reply.error("ERR " + e.getMessage());
        } catch (LoadFailed e) {
            release(incoming);
            return e.reply;
        }
        if (policy == Policy.FLUSH) {
            release(current);
            current = incoming;
            return Reply.OK;
        }
        List<Loaded> replaced = new ArrayList<>();
        for (Loaded l : incoming.libraries.values()) {
            Loaded old = current.libraries.get(l.library().name());
            if (old == null) continue;
            if (policy == Policy.APPEND) {
                release(incoming);
                return Reply.error("ERR Library " + l.library().name() + " already exists");
            }
            replaced.add(old);
        }
        replaced.forEach(current::unlink);
        for (Loaded l : incoming.libraries.values()) {
            String taken = current.collision(l);
            if (taken != null) {
                replaced.forEach(current::link);
                release(incoming);
                return Reply.error("ERR Function " + taken + " already exists");
            }
        }
        incoming.libraries.values().forEach(current::link);
        replaced.forEach(l -> runtime.release(l.chunk()));
        return Reply.OK;
    }

    /** The codes in load order, for a snapshot. */
    public List<byte[]> codes() {
        return current.libraries.values().stream().map(l -> l.library().code()).toList();
    }

    private static final class LoadFailed extends Exception {
        final transient Reply reply;

        LoadFailed(String message) {
            this(Reply.error("ERR " + message));
        }

        LoadFailed(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    /** functionsCreateWithLibraryCtx: compiles the code and links the library into {@code into}, replacing its namesake if allowed. */
    private Loaded create(byte[] code, boolean replace, Context into) throws LibraryMetadata.Refused, LoadFailed {
        LibraryMetadata md = LibraryMetadata.parse(code);
        if (!LibraryMetadata.validName(md.name())) {
            throw new LoadFailed("Library names can only contain letters, numbers, or underscores(_) and must be at least one character long");
        }
        if (!md.engine().equalsIgnoreCase(ENGINE)) throw new LoadFailed("Engine '" + md.engine() + "' not found");
        Loaded old = into.libraries.get(md.name());
        if (old != null && !replace) throw new LoadFailed("Library '" + md.name() + "' already exists");
        LuaRuntime.Library compiled = runtime().loadLibrary(md.code());
        if (compiled.error() != null) throw new LoadFailed(compiled.error());
        Loaded loaded = new Loaded(new Library(md.name(), code, compiled.functions()), compiled.chunk());
        if (loaded.library().functions().isEmpty()) {
            runtime.release(loaded.chunk());
            throw new LoadFailed("No functions registered");
        }
        if (old != null) into.unlink(old);
        String taken = into.collision(loaded);
        if (taken != null) {
            if (old != null) into.link(old);
            runtime.release(loaded.chunk());
            throw new LoadFailed("Function " + taken + " already exists");
        }
        if (old != null) runtime.release(old.chunk());
        into.link(loaded);
        return loaded;
    }

    private void release(Context context) {
        context.libraries.values().forEach(l -> runtime.release(l.chunk()));
    }

    private static String key(String functionName) {
        return functionName.toLowerCase(Locale.ROOT);
    }

    private LuaRuntime runtime() {
        if (runtime == null) {
            LuaRuntime created = new LuaRuntime(LuaScripts.INSTRUCTION_BUDGET);
            runtime = created;
            closer = CLEANER.register(this, created::close);
        }
        return runtime;
    }
}
