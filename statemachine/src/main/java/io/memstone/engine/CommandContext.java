package io.memstone.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What a command sees while it runs: its argv, the keyspace, the entry's time and seed. The
 * argument and type checks every command shares live here, each failing with Redis' reply.
 */
final class CommandContext {
    final Keyspace keyspace;
    /** Absolute ms: the batch timestamp for writes, the reader's clock for reads. */
    final long nowMs;
    /** Seeded from the batch for writes; for reads, which change nothing, any source. */
    final Random random;
    final SlotGuard slots;
    /** The encoding parameters new values convert at. */
    final EncodingLimits limits;
    /** Reads must not change state, not even to drop an expired key. */
    final boolean readOnly;
    /** The cluster has one shard, serving every slot: scripts are not held to one slot. */
    final boolean anySlot;
    /** The engine running the command: scripts reach its script cache and run commands through it. */
    final Engine engine;
    byte[][] argv;
    /** Called by a script (redis.call): commands that would block refuse to. */
    boolean fromScript;
    /** Whether the running command may write: only then does a key it fetches count as changed. */
    private boolean writing;

    CommandContext(Engine engine, long nowMs, Random random, boolean readOnly) {
        this(engine, nowMs, random, readOnly, false);
    }

    CommandContext(Engine engine, long nowMs, Random random, boolean readOnly, boolean anySlot) {
        this.anySlot = anySlot;
        this.engine = engine;
        this.keyspace = engine.keyspace();
        this.slots = engine.slots();
        this.limits = engine.limits();
        this.nowMs = nowMs;
        this.random = random;
        this.readOnly = readOnly;
    }

    void setCommand(byte[][] argv, boolean writing) {
        this.argv = argv;
        this.writing = writing;
    }

    static String lowerName(byte[] name) {
        return new String(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    int argc() {
        return argv.length;
    }

    /** The command's name as Redis words it in errors. */
    String name() {
        return lowerName(argv[0]);
    }

    Key key(int i) {
        return new Key(argv[i]);
    }

    /**
     * Argument i as an option word: lower-case, and ending at the first NUL, because Redis
     * compares options as C strings ({@code strcasecmp}).
     */
    String option(int i) {
        return new String(argv[i], 0, cLength(argv[i]), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    /** Length of the bytes as a C string sees them: up to the first NUL. */
    static int cLength(byte[] a) {
        int end = 0;
        while (end < a.length && a[end] != 0) end++;
        return end;
    }

    /**
     * Resolves a container command's subcommand and checks its arity as Redis' processCommand
     * does (the gateway before us): the refusal, or null when the subcommand may run. The whole
     * name must match: Redis finds "encoding\0" only when its hash happens to land in the right
     * bucket, which depends on a random seed.
     */
    Reply subcommandRefusal(io.memstone.command.CommandSpec container) {
        io.memstone.command.CommandSpec sub = container.subcommand(lowerName(argv[1]));
        if (sub == null) return Errors.unknownSubcommand(argv);
        if (!sub.arityMatches(argc())) return Errors.wrongArity(sub.fullName());
        return null;
    }

    /** Redis' addReplyHelp: a header naming the command as typed, upper-cased, then the lines. */
    Reply help(List<String> help) {
        List<Reply> lines = new ArrayList<>();
        String command = new String(argv[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        lines.add(new Reply.Simple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
        for (String line : help) lines.add(new Reply.Simple(line));
        lines.add(new Reply.Simple("HELP"));
        lines.add(new Reply.Simple("    Prints this help."));
        return Reply.array(lines);
    }

    /** Redis' addReplyErrorExpireTime, naming this command. */
    CommandError invalidExpireTime() {
        return new CommandError(Errors.invalidExpireTime(name()));
    }

    /**
     * Redis' lookupKeyRead / lookupKeyWrite: expired keys read as absent; commands through the
     * log delete them. A read in a transaction does not mark the key changed for WATCH.
     */
    RedisValue lookup(Key key) {
        return lookupTyped(key, RedisValue.class);
    }

    /** The string at key, null if absent; WRONGTYPE if the key holds another type. */
    StringValue lookupString(Key key) {
        return lookupTyped(key, StringValue.class);
    }

    /** The list at key, null if absent; WRONGTYPE if the key holds another type. */
    ListValue lookupList(Key key) {
        return lookupTyped(key, ListValue.class);
    }

    /** The set at key, null if absent; WRONGTYPE if the key holds another type. */
    SetValue lookupSet(Key key) {
        return lookupTyped(key, SetValue.class);
    }

    /** The hash at key, null if absent; WRONGTYPE if the key holds another type. */
    HashValue lookupHash(Key key) {
        return lookupTyped(key, HashValue.class);
    }

    /** The sorted set at key, null if absent; WRONGTYPE if the key holds another type. */
    ZSetValue lookupZSet(Key key) {
        return lookupTyped(key, ZSetValue.class);
    }

    /** The stream at key, null if absent; WRONGTYPE if the key holds another type. */
    StreamValue lookupStream(Key key) {
        return lookupTyped(key, StreamValue.class);
    }

    /**
     * The stream at {@code key} for a write that may change nothing (XREADGROUP finding no new
     * entry): it counts as changed only when the command says so ({@link Keyspace#touch}), or
     * every empty try of a blocked reader would wake the readers of the key, itself included.
     */
    StreamValue lookupStreamUnchanged(Key key) {
        RedisValue v = peek(key);
        if (v == null) return null;
        if (!(v instanceof StreamValue s)) throw new CommandError(Errors.WRONGTYPE);
        return s;
    }

    /**
     * Redis' lookupKey + checkType. A write command's key counts as changed for WATCH once its
     * type is right: a WRONGTYPE refusal changes nothing.
     */
    private <T extends RedisValue> T lookupTyped(Key key, Class<T> type) {
        RedisValue v = peek(key);
        if (v == null) return null;
        if (!type.isInstance(v)) throw new CommandError(Errors.WRONGTYPE);
        if (writing) keyspace.touch(key);
        AccessClock.accessed(v, nowMs, engine.memoryPolicy());
        return type.cast(v);
    }

    /**
     * Redis' LOOKUP_NOTOUCH: the value, or null, without counting as an access (OBJECT, TYPE,
     * EXISTS, TTL). A command through the log still deletes an expired key.
     */
    RedisValue peek(Key key) {
        return readOnly ? keyspace.get(key, nowMs) : keyspace.getExpiring(key, nowMs);
    }

    /** Argument i as a 64-bit integer (Redis' getLongLongFromObjectOrReply). */
    long longArg(int i) {
        return parseLong(argv[i]);
    }

    /** Argument i as a C int (Redis' getIntFromObjectOrReply). */
    int intArg(int i) {
        long v = longArg(i);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw new CommandError(Errors.NOT_INT);
        return (int) v;
    }

    /**
     * Argument i as an integer from 0 up (Redis' getPositiveLongFromObjectOrReply): a
     * non-integer or a negative one both fail with {@code error}.
     */
    long positiveLongArg(int i, Reply error) {
        var v = Numbers.string2ll(argv[i]);
        if (v.isEmpty() || v.getAsLong() < 0) throw new CommandError(error);
        return v.getAsLong();
    }

    /** Argument i as LEFT or RIGHT (Redis' getListPositionFromObjectOrReply). */
    ListValue.End endArg(int i) {
        switch (option(i)) {
            case "left": return ListValue.End.HEAD;
            case "right": return ListValue.End.TAIL;
            default: throw new CommandError(Errors.SYNTAX);
        }
    }

    /** A stored or given string as a 64-bit integer, or "not an integer" as the reply. */
    static long parseLong(byte[] text) {
        var v = Numbers.string2ll(text);
        if (v.isEmpty()) throw new CommandError(Errors.NOT_INTEGER);
        return v.getAsLong();
    }

    /** A stored or given string as a long double (Redis' getLongDoubleFromObjectOrReply). */
    static LongDouble parseLongDouble(byte[] text) {
        LongDouble v = LongDouble.parse(text);
        if (v == null) throw new CommandError(Errors.NOT_FLOAT);
        return v;
    }
}
