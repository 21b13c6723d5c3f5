package io.memstone.command;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where a command's keys are, as Redis 7 key specs say: a begin-search step (a fixed index or
 * a keyword) followed by a find-keys step (a range or a key count); and what the command does
 * to them, as ACL key permissions see it: reads their data ({@code ACCESS}) or changes them
 * ({@code INSERT}, {@code DELETE}, {@code UPDATE}); {@code notKey} for a name that only routes
 * like a key (SPUBLISH's shard channel), which ACL key patterns do not cover.
 */
public record KeySpec(
        BeginSearch begin, FindKeys find, boolean reads, boolean writes, boolean notKey) {

    /** Either {@code index >= 1} or {@code keyword} searched from {@code startFrom}. */
    public record BeginSearch(int index, String keyword, int startFrom) {}

    /**
     * Range: lastKey relative to the first key (-1 = last arg), step, limit. KeyNum: the count
     * is at keyNumIdx after the first position, keys start at firstKey after it, with step.
     */
    public record FindKeys(boolean range, int lastKey, int step, int limit,
                           int keyNumIdx, int firstKey) {}

    /** Positions in argv of the keys this spec finds. */
    public List<Integer> positions(byte[][] argv) {
        List<Integer> out = new java.util.ArrayList<>();
        collect(argv, out);
        return out;
    }

    void collect(byte[][] argv, List<Integer> out) {
        int start = beginIndex(argv);
        if (start <= 0 || start >= argv.length) return;
        if (find.range()) {
            int last;
            if (find.lastKey() >= 0) {
                last = start + find.lastKey();
            } else if (find.limit() <= 1) {
                last = argv.length + find.lastKey();
            } else {
                last = start + ((argv.length - start) / find.limit()) - 1;
            }
            for (int i = start; i <= last && i < argv.length; i += Math.max(1, find.step())) out.add(i);
        } else {
            int countAt = start + find.keyNumIdx();
            if (countAt >= argv.length) return;
            long n;
            try {
                n = Long.parseLong(new String(argv[countAt], StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return;
            }
            int first = start + find.firstKey();
            int step = Math.max(1, find.step());
            // A count that names more keys than there are arguments names none, as in Redis
            // (getKeysUsingKeySpecs' invalid spec): the command then answers its own error.
            if (n <= 0 || first >= argv.length || n > (argv.length - 1 - first) / step + 1) return;
            for (long k = 0; k < n; k++) out.add((int) (first + k * step));
        }
    }

    private int beginIndex(byte[][] argv) {
        if (begin.keyword() == null) return begin.index();
        int from = begin.startFrom();
        if (from >= 0) {
            for (int i = from; i < argv.length; i++) {
                if (new String(argv[i], StandardCharsets.UTF_8).equalsIgnoreCase(begin.keyword())) return i + 1;
            }
        } else {
            for (int i = argv.length + from; i > 0; i--) {
                if (new String(argv[i], StandardCharsets.UTF_8).equalsIgnoreCase(begin.keyword())) return i + 1;
            }
        }
        return -1;
    }
}
