package io.memstone.engine;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * SORT and SORT_RO, after Redis 7.0's sort.c as it runs in cluster mode, which Memstone is:
 * its keys live on many shards, so BY with a pattern (one holding '*') and GET, which read
 * other keys, are refused with cluster mode's errors. A constant BY pattern still means "do
 * not sort". ALPHA compares as the C locale's strcoll does (bytes up to a NUL), except with
 * STORE, which compares whole binary strings, as Redis does.
 */
final class SortCommand {
    private SortCommand() {}

    private static final Reply BY_IN_CLUSTER = Reply.error("ERR BY option of SORT denied in Cluster mode.");
    private static final Reply GET_IN_CLUSTER = Reply.error("ERR GET option of SORT denied in Cluster mode.");
    private static final Reply NOT_DOUBLE = Reply.error("ERR One or more scores can't be converted into double");

    static void register(CommandRegistry r) {
        r.register("sort", ctx -> sort(ctx, false));
        r.register("sort_ro", ctx -> sort(ctx, true));
    }

    /** What SORT reads from the value at its key. */
    private record SortInput(List<byte[]> elements, boolean ordered) {}

    /**
     * The elements a value contributes, in its own order; null for a type SORT refuses (WRONGTYPE).
     * The one place that knows the sortable types. Sets and sorted sets join here when their
     * values exist: a set gives its members with {@code ordered} false (no order of its own),
     * a sorted set its members by ascending rank with {@code ordered} true.
     */
    private static SortInput sortInput(RedisValue v) {
        if (v == null) return new SortInput(List.of(), true);
        if (v instanceof ListValue list) return new SortInput(view(list.size(), list::get), true);
        if (v instanceof SetValue set) return new SortInput(set.members(), false);
        if (v instanceof ZSetValue zset) {
            List<byte[]> members = new ArrayList<>(zset.size());
            zset.forEach((m, score) -> members.add(m));
            return new SortInput(members, true);
        }
        return null;
    }

    /** SORT's options, parsed in Redis' order: the first bad one decides the error. */
    private static final class Options {
        boolean desc;
        boolean alpha;
        /** A constant BY pattern: keep the value's own order. */
        boolean dontSort;
        long limitStart = 0;
        long limitCount = -1;
        Key store;

        static Options parse(CommandContext ctx, boolean readOnly) {
            Options o = new Options();
            for (int j = 2; j < ctx.argc(); j++) {
                int left = ctx.argc() - j - 1;
                String option = ctx.option(j);
                if (option.equals("asc")) {
                    o.desc = false;
                } else if (option.equals("desc")) {
                    o.desc = true;
                } else if (option.equals("alpha")) {
                    o.alpha = true;
                } else if (option.equals("limit") && left >= 2) {
                    o.limitStart = ctx.longArg(j + 1);
                    o.limitCount = ctx.longArg(j + 2);
                    j += 2;
                } else if (!readOnly && option.equals("store") && left >= 1) {
                    o.store = ctx.key(++j);
                } else if (option.equals("by") && left >= 1) {
                    // Redis looks for '*' with strchr: a NUL ends the pattern.
                    if (indexOf(ctx.argv[++j], (byte) '*') >= 0) throw new CommandError(BY_IN_CLUSTER);
                    o.dontSort = true;
                } else if (option.equals("get") && left >= 1) {
                    throw new CommandError(GET_IN_CLUSTER);
                } else {
                    throw new CommandError(Errors.SYNTAX);
                }
            }
            return o;
        }
    }

    /** Redis' sortCommandGeneric: options, then the key, then scores, sort, LIMIT and output. */
    private static Reply sort(CommandContext ctx, boolean readOnly) {
        Options o = Options.parse(ctx, readOnly);
        SortInput input = sortInput(ctx.lookup(ctx.key(1)));
        if (input == null) return Errors.WRONGTYPE;
        // A set has no order of its own: stored results must not depend on it, so sort them.
        if (o.dontSort && !input.ordered() && o.store != null) {
            o.dontSort = false;
            o.alpha = true;
        }
        List<byte[]> elements = input.elements();
        int n = elements.size();
        long start = Math.min(Math.max(o.limitStart, 0), n);
        long count = Math.min(Math.max(o.limitCount, -1), n);
        long end = count < 0 ? n - 1 : start + count - 1;
        if (start >= n) {
            start = n - 1;
            end = n - 2;
        }
        if (end >= n) end = n - 1;

        if (o.dontSort) {
            if (o.desc && input.ordered()) {
                List<byte[]> ascending = elements;
                elements = view(n, i -> ascending.get(n - 1 - i));
            }
        } else {
            elements = o.alpha ? sortAlpha(elements, o.desc, o.store != null) : sortNumeric(elements, o.desc);
            if (elements == null) return NOT_DOUBLE;
        }
        List<byte[]> out = end >= start ? elements.subList((int) start, (int) end + 1) : List.of();
        if (o.store == null) {
            List<Reply> items = new ArrayList<>(out.size());
            for (byte[] e : out) items.add(Reply.bulk(e));
            return Reply.array(items);
        }
        if (out.isEmpty()) {
            ctx.keyspace.delete(o.store);
        } else {
            ListValue list = new ListValue();
            for (byte[] e : out) list.push(ListValue.End.TAIL, e);
            ctx.keyspace.set(o.store, list);
        }
        return Reply.integer(out.size());
    }

    /** By each element's value as a double, ties broken by bytes; null if one is not a number. */
    private static List<byte[]> sortNumeric(List<byte[]> elements, boolean desc) {
        record Scored(double score, byte[] element) {}
        List<Scored> scored = new ArrayList<>(elements.size());
        for (byte[] e : elements) {
            Double score = Strtod.parse(e);
            if (score == null) return null;
            scored.add(new Scored(score, e));
        }
        Comparator<Scored> order = (a, b) -> a.score() < b.score() ? -1 : a.score() > b.score() ? 1
                : Arrays.compareUnsigned(a.element(), b.element());
        scored.sort(desc ? order.reversed() : order);
        List<byte[]> sorted = new ArrayList<>(scored.size());
        for (Scored s : scored) sorted.add(s.element());
        return sorted;
    }

    /** Lexicographic: whole binary strings when storing, else C strings (strcoll in the C locale). */
    private static List<byte[]> sortAlpha(List<byte[]> elements, boolean desc, boolean binary) {
        Comparator<byte[]> order = binary ? Arrays::compareUnsigned
                : (a, b) -> Arrays.compareUnsigned(a, 0, CommandContext.cLength(a), b, 0, CommandContext.cLength(b));
        List<byte[]> sorted = new ArrayList<>(elements);
        sorted.sort(desc ? order.reversed() : order);
        return sorted;
    }

    /**
     * A read-only list over an indexed source, copying nothing: SORT BY nosort LIMIT reads
     * only the range it returns, as Redis does.
     */
    private static List<byte[]> view(int size, IntFunction<byte[]> element) {
        return new AbstractList<>() {
            @Override
            public byte[] get(int index) {
                return element.apply(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Index of the byte in the C string (up to the first NUL), or -1. */
    private static int indexOf(byte[] s, byte b) {
        int length = CommandContext.cLength(s);
        for (int i = 0; i < length; i++) {
            if (s[i] == b) return i;
        }
        return -1;
    }
}
