package io.memstone.engine;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One engine's values of Redis 7.0's encoding parameters: where its hashes, sets and sorted
 * sets leave their packed encodings and its stream nodes close. Values hold their engine's
 * instance and read it on each change, as Redis reads its server config. Changed only by the
 * internal {@code __config} entry ({@link #command}), so every replica of a shard changes at the
 * same log index; each change carries the meta group's version of the parameters, and an older
 * version than the one in force changes nothing, so proposals racing through the log cannot
 * undo a newer change. Saved in snapshots. Used on the apply thread only.
 */
public final class EncodingLimits {
    public static final String HASH_MAX_LISTPACK_ENTRIES = "hash-max-listpack-entries";
    public static final String HASH_MAX_LISTPACK_VALUE = "hash-max-listpack-value";
    public static final String SET_MAX_INTSET_ENTRIES = "set-max-intset-entries";
    public static final String ZSET_MAX_LISTPACK_ENTRIES = "zset-max-listpack-entries";
    public static final String ZSET_MAX_LISTPACK_VALUE = "zset-max-listpack-value";
    public static final String STREAM_NODE_MAX_BYTES = "stream-node-max-bytes";
    public static final String STREAM_NODE_MAX_ENTRIES = "stream-node-max-entries";

    /** The parameters an engine holds, in the order of {@link #values} and snapshots. */
    public static final List<String> NAMES = List.of(HASH_MAX_LISTPACK_ENTRIES, HASH_MAX_LISTPACK_VALUE,
            SET_MAX_INTSET_ENTRIES, ZSET_MAX_LISTPACK_ENTRIES, ZSET_MAX_LISTPACK_VALUE, STREAM_NODE_MAX_BYTES,
            STREAM_NODE_MAX_ENTRIES);
    /** redis-server 7.0's defaults, in {@link #NAMES} order. */
    private static final long[] DEFAULTS = {512, 64, 512, 128, 64, 4096, 100};
    private static final byte[] NAME = "__config".getBytes(StandardCharsets.US_ASCII);

    private final long[] values = DEFAULTS.clone();
    /** The meta group's version of the values in force; 0 for the defaults. */
    private long version;

    long hashMaxEntries() {
        return values[0];
    }

    long hashMaxValue() {
        return values[1];
    }

    long setMaxIntsetEntries() {
        return values[2];
    }

    long zsetMaxEntries() {
        return values[3];
    }

    long zsetMaxValue() {
        return values[4];
    }

    /** 0: no limit, as in Redis. */
    long streamNodeMaxBytes() {
        return values[5];
    }

    /** 0: no limit, as in Redis. */
    long streamNodeMaxEntries() {
        return values[6];
    }

    public long version() {
        return version;
    }

    /**
     * The {@code __config} entry setting every parameter of {@link #NAMES} to {@code valueOf}'s
     * (canonical, decimal) value, at the parameter group's {@code version}.
     */
    public static byte[][] command(long version, UnaryOperator<String> valueOf) {
        List<byte[]> argv = new ArrayList<>();
        argv.add(NAME);
        argv.add(Long.toString(version).getBytes(StandardCharsets.US_ASCII));
        for (String name : NAMES) {
            argv.add(name.getBytes(StandardCharsets.US_ASCII));
            argv.add(valueOf.apply(name).getBytes(StandardCharsets.US_ASCII));
        }
        return argv.toArray(new byte[0][]);
    }

    /** Whether these limits are {@code valueOf}'s (canonical, decimal) values, whatever their version. */
    public boolean holds(UnaryOperator<String> valueOf) {
        return NAMES.stream().allMatch(name -> Long.toString(value(name)).equals(valueOf.apply(name)));
    }

    /** The value of a parameter of {@link #NAMES}. */
    long value(String name) {
        return values[NAMES.indexOf(name)];
    }

    /**
     * {@code __config version name value [name value ...]}: takes the values if the version is
     * newer than the one in force; replies the version in force after. All or nothing.
     */
    static Reply apply(CommandContext ctx) {
        EncodingLimits limits = ctx.engine.limits();
        long newVersion = ctx.longArg(1);
        if (ctx.argc() % 2 != 0) return Errors.SYNTAX;
        long[] next = limits.values.clone();
        for (int i = 2; i < ctx.argc(); i += 2) {
            String name = CommandContext.lowerName(ctx.argv[i]);
            int at = NAMES.indexOf(name);
            if (at < 0) return Reply.error("ERR unknown encoding parameter '" + name + "'");
            next[at] = ctx.longArg(i + 1);
            if (next[at] < 0) return Errors.SYNTAX;
        }
        if (newVersion > limits.version) {
            System.arraycopy(next, 0, limits.values, 0, next.length);
            limits.version = newVersion;
        }
        return Reply.integer(limits.version);
    }

    /** Folded into the engine's digest: replicas that agree hold the same limits. */
    void digestInto(java.security.MessageDigest md) {
        md.update(Long.toString(version).getBytes(StandardCharsets.US_ASCII));
        for (long v : values) md.update(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    EncodingLimits copy() {
        EncodingLimits c = new EncodingLimits();
        System.arraycopy(values, 0, c.values, 0, values.length);
        c.version = version;
        return c;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(version);
        out.writeInt(values.length);
        for (long v : values) out.writeLong(v);
    }

    void read(SnapshotInput in) throws IOException {
        long readVersion = in.readLong();
        int count = in.readInt();
        if (count != values.length) throw new CorruptSnapshotException("expected " + values.length + " encoding limits, found " + count);
        for (int i = 0; i < count; i++) values[i] = in.readLong();
        version = readVersion;
    }
}
