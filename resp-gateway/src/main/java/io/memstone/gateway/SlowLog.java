package io.memstone.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Redis' slow log: the newest commands that took at least {@code slowlog-log-slower-than}
 * microseconds (negative: none), at most {@code slowlog-max-len} of them. Like Redis, an entry
 * keeps at most 32 arguments and 128 bytes of each, saying how much it left out.
 */
final class SlowLog {
    static final int MAX_ARGS = 32;
    static final int MAX_ARG_BYTES = 128;

    record Entry(long id, long timeSeconds, long micros, List<byte[]> args, String addr, String name) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;
    private volatile long slowerThanMicros = 10_000;
    private volatile long maxLen = 128;

    synchronized void configure(long slowerThanMicros, long maxLen) {
        this.slowerThanMicros = slowerThanMicros;
        this.maxLen = maxLen;
        trim();
    }

    /** Logs the command when it was slow enough (checked without the lock: most commands are not). */
    void offer(long micros, byte[][] argv, String addr, String name, long nowMs) {
        long threshold = slowerThanMicros;
        if (threshold < 0 || micros < threshold) return;
        List<byte[]> args = trimmed(argv);
        synchronized (this) {
            entries.addFirst(new Entry(nextId++, nowMs / 1000, micros, args, addr, name));
            trim();
        }
    }

    /** The newest {@code count} entries, newest first; a negative count means all. */
    synchronized List<Entry> newest(long count) {
        List<Entry> out = new ArrayList<>();
        Iterator<Entry> it = entries.iterator();
        while (it.hasNext() && (count < 0 || out.size() < count)) out.add(it.next());
        return out;
    }

    synchronized int length() {
        return entries.size();
    }

    synchronized void reset() {
        entries.clear();
    }

    private void trim() {
        while (entries.size() > maxLen) entries.removeLast();
    }

    static List<byte[]> trimmed(byte[][] argv) {
        int kept = argv.length > MAX_ARGS ? MAX_ARGS - 1 : argv.length;
        List<byte[]> args = new ArrayList<>(kept + 1);
        for (int i = 0; i < kept; i++) {
            byte[] a = argv[i];
            if (a.length <= MAX_ARG_BYTES) {
                args.add(a);
            } else {
                byte[] more = ("... (" + (a.length - MAX_ARG_BYTES) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                byte[] cut = Arrays.copyOf(a, MAX_ARG_BYTES + more.length);
                System.arraycopy(more, 0, cut, MAX_ARG_BYTES, more.length);
                args.add(cut);
            }
        }
        if (kept < argv.length) {
            args.add(("... (" + (argv.length - kept) + " more arguments)").getBytes(StandardCharsets.US_ASCII));
        }
        return args;
    }
}
