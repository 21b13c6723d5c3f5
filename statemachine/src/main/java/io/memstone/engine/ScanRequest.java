package io.memstone.engine;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * What every SCAN variant shares, after Redis 7.0's scanGenericCommand: the cursor, the MATCH,
 * COUNT and (SCAN only) TYPE options, the walk over a {@link Dict}, and the reply. SCAN, HSCAN,
 * SSCAN and ZSCAN each supply the elements and filter them with {@link #matches}.
 */
final class ScanRequest {
    private static final Reply INVALID_CURSOR = Reply.error("ERR invalid cursor");

    final long cursor;
    /** The MATCH pattern, or null when absent or {@code *}. */
    final byte[] pattern;
    final long count;
    /** SCAN's TYPE filter, lower-case up to any NUL (Redis compares with strcasecmp), or null. */
    final String type;

    private ScanRequest(long cursor, byte[] pattern, long count, String type) {
        this.cursor = cursor;
        this.pattern = pattern;
        this.count = count;
        this.type = type;
    }

    /**
     * Parses the cursor at {@code cursorArg} and the options after it; {@code allowType} is
     * true for SCAN, whose elements are keys. The cursor is checked before the key is looked up.
     */
    static ScanRequest parse(CommandContext ctx, int cursorArg, boolean allowType) {
        long cursor = parseCursor(ctx.argv[cursorArg]);
        byte[] pattern = null;
        long count = 10;
        String type = null;
        for (int i = cursorArg + 1; i < ctx.argc(); i += 2) {
            boolean hasValue = i + 1 < ctx.argc();
            String option = ctx.option(i);
            if (option.equals("count") && hasValue) {
                count = ctx.longArg(i + 1);
                if (count < 1) throw new CommandError(Errors.SYNTAX);
            } else if (option.equals("match") && hasValue) {
                byte[] p = ctx.argv[i + 1];
                pattern = p.length == 1 && p[0] == '*' ? null : p;
            } else if (option.equals("type") && allowType && hasValue) {
                type = ctx.option(i + 1);
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        return new ScanRequest(cursor, pattern, count, type);
    }

    /** True if the element passes MATCH. */
    boolean matches(byte[] element) {
        return pattern == null || Glob.matches(pattern, element);
    }

    /** True if a value of this type passes SCAN's TYPE filter. */
    boolean typeMatches(String typeName) {
        return type == null || type.equals(typeName);
    }

    /**
     * Walks {@code dict} from the cursor until about COUNT entries are visited (at most ten
     * times COUNT buckets, so a sparse table still answers promptly); returns the next cursor.
     */
    <K extends Comparable<? super K>, V> long walk(Dict<K, V> dict, BiConsumer<? super K, ? super V> visitor) {
        long next = cursor;
        long visited = 0;
        // Saturated: count * 10 wraps for a COUNT near 2^63, which stopped the walk at once.
        long bucketsLeft = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            long[] n = {0};
            next = dict.scan(next, (k, v) -> {
                n[0]++;
                visitor.accept(k, v);
            });
            visited += n[0];
        } while (next != 0 && bucketsLeft-- > 0 && visited < count);
        return next;
    }

    /** The reply: the next cursor as an unsigned decimal bulk string, then the elements. */
    static Reply reply(long nextCursor, List<Reply> elements) {
        return Reply.array(List.of(Reply.bulk(Long.toUnsignedString(nextCursor)), Reply.array(elements)));
    }

    /**
     * Redis parses the cursor with strtoul: an optional sign, decimal digits, no leading space;
     * "-1" wraps to 2^64-1 and the empty string is 0, as there. It reads a C string, so the
     * cursor ends at a NUL ("\0" is 0, "1\0x" is 1).
     */
    static long parseCursor(byte[] text) {
        int end = CommandContext.cLength(text);
        int i = 0;
        boolean negative = false;
        if (end > 0 && (text[0] == '+' || text[0] == '-')) {
            negative = text[0] == '-';
            i = 1;
            if (end == 1) throw new CommandError(INVALID_CURSOR);
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) throw new CommandError(INVALID_CURSOR);
            long shifted = value * 10;
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0
                    || Long.compareUnsigned(shifted + digit, shifted) < 0) {
                throw new CommandError(INVALID_CURSOR);
            }
            value = shifted + digit;
        }
        return negative ? -value : value;
    }
}
