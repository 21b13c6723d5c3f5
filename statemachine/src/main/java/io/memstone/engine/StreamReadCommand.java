package io.memstone.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * XREAD and XREADGROUP, after Redis 7.0's xreadCommand: the options, then per stream its key
 * (type, group) and ID checked in order, then every stream with something to serve.
 *
 * <p>With BLOCK and nothing to serve, the engine answers the null array Redis answers on
 * timeout (as Redis does inside MULTI); outside MULTI the gateway parks the client on it and
 * runs the command again, {@code $} resolved, whenever the stream changes (see StreamWait).
 */
final class StreamReadCommand {
    private StreamReadCommand() {}

    private static final Reply UNBALANCED = Reply.error("ERR Unbalanced XREAD list of streams: for each stream"
            + " key an ID or '$' must be specified.");
    private static final Reply GROUP_ON_XREAD = Reply.error(
            "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
    private static final Reply NOACK_ON_XREAD = Reply.error(
            "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
    private static final Reply MISSING_GROUP = Reply.error("ERR Missing GROUP option for XREADGROUP");
    private static final Reply DOLLAR_IN_GROUP = Reply.error("ERR The $ ID is meaningless in the context of"
            + " XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the >"
            + " ID to get new messages. The $ ID would just return an empty result set.");
    private static final Reply GT_WITHOUT_GROUP = Reply.error("ERR The > ID can be specified only when calling"
            + " XREADGROUP using the GROUP <group> <consumer> option.");
    private static final Reply TIMEOUT_NOT_INTEGER = Reply.error("ERR timeout is not an integer or out of range");
    private static final Reply TIMEOUT_NEGATIVE = Reply.error("ERR timeout is negative");
    private static final Reply TIMEOUT_OUT_OF_RANGE = Reply.error("ERR timeout is out of range");

    static void register(CommandRegistry r) {
        r.register("xread", ctx -> read(ctx, false));
        r.register("xreadgroup", ctx -> read(ctx, true));
    }

    /** The parsed options: where the keys start, how many streams, COUNT (0: all), the group. */
    private record Options(int streamsAt, int streams, long count, long timeoutMs, byte[] group, byte[] consumer,
                           boolean noAck) {}

    private static Options parse(CommandContext ctx, boolean grouped) {
        long count = 0, timeout = -1;
        byte[] group = null, consumer = null;
        boolean noAck = false;
        for (int i = 1; i < ctx.argc(); i++) {
            int more = ctx.argc() - i - 1;
            String o = ctx.option(i);
            if (o.equals("block") && more > 0) {
                if (ctx.fromScript) {
                    throw new CommandError(Reply.error("ERR " + StreamCommands.errorText(ctx.argv[0])
                            + " command is not allowed with BLOCK option from scripts"));
                }
                timeout = timeoutArg(ctx, ++i);
            } else if (o.equals("count") && more > 0) {
                count = Math.max(0, ctx.longArg(++i));
            } else if (o.equals("streams") && more > 0) {
                int keys = ctx.argc() - (i + 1);
                if (keys % 2 != 0) throw new CommandError(UNBALANCED);
                return new Options(i + 1, keys / 2, count, timeout, group, consumer, noAck);
            } else if (o.equals("group") && more >= 2) {
                if (!grouped) throw new CommandError(GROUP_ON_XREAD);
                group = ctx.argv[i + 1];
                consumer = ctx.argv[i + 2];
                i += 2;
            } else if (o.equals("noack")) {
                if (!grouped) throw new CommandError(NOACK_ON_XREAD);
                noAck = true;
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        throw new CommandError(Errors.SYNTAX);
    }

    /** Redis' getTimeoutFromObjectOrReply in ms: the deadline math is the gateway's when it blocks. */
    private static long timeoutArg(CommandContext ctx, int i) {
        var v = Numbers.string2ll(ctx.argv[i]);
        if (v.isEmpty()) throw new CommandError(TIMEOUT_NOT_INTEGER);
        long t = v.getAsLong();
        if (t < 0) throw new CommandError(TIMEOUT_NEGATIVE);
        if (t > 0 && t > Long.MAX_VALUE - ctx.nowMs) throw new CommandError(TIMEOUT_OUT_OF_RANGE);
        return t;
    }

    private static Reply read(CommandContext ctx, boolean grouped) {
        Options o = parse(ctx, grouped);
        if (grouped && o.group() == null) return MISSING_GROUP;
        int n = o.streams();
        StreamValue[] streams = new StreamValue[n];
        StreamGroup[] groups = new StreamGroup[n];
        StreamId[] after = new StreamId[n];
        for (int k = 0; k < n; k++) {
            byte[] key = ctx.argv[o.streamsAt() + k];
            streams[k] = grouped ? ctx.lookupStreamUnchanged(new Key(key)) : ctx.lookupStream(new Key(key));
            if (o.group() != null) {
                groups[k] = streams[k] == null ? null : streams[k].groups.get(o.group());
                if (groups[k] == null) {
                    return Reply.error("NOGROUP No such key '" + StreamCommands.errorText(key) + "' or consumer group '"
                            + StreamCommands.errorText(o.group()) + "' in XREADGROUP with GROUP option");
                }
            }
            String id = ctx.option(o.streamsAt() + n + k);
            if (id.equals("$")) {
                if (grouped) return DOLLAR_IN_GROUP;
                after[k] = streams[k] == null ? StreamId.MIN : streams[k].lastId;
            } else if (id.equals(">")) {
                if (!grouped) return GT_WITHOUT_GROUP;
                after[k] = StreamId.MAX;
            } else {
                after[k] = StreamId.strictArg(ctx.argv[o.streamsAt() + n + k]);
            }
        }
        List<Reply> served = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            StreamValue s = streams[k];
            if (s == null) continue;
            Reply entries = groups[k] != null ? serveGroup(ctx, o, s, groups[k], after[k]) : serve(s, after[k], o.count());
            if (entries == null) continue;
            if (grouped) ctx.keyspace.touch(new Key(ctx.argv[o.streamsAt() + k]));
            served.add(Reply.bulk(ctx.argv[o.streamsAt() + k]));
            served.add(entries);
        }
        // Nothing to serve: with BLOCK the gateway parks the client here (see the class comment).
        return served.isEmpty() ? Reply.NULL_ARRAY : new Reply.KeyedArrays(served);
    }

    /** XREAD: the entries after {@code after}, null if there are none. */
    private static Reply serve(StreamValue s, StreamId after, long count) {
        if (s.length() == 0) return null;
        StreamId last = s.edgeId(false);
        if (last.compareTo(after) <= 0) return null;
        StreamId start = after.next();
        return StreamCommands.entriesReply(s.range(start == null ? StreamId.MIN : start, StreamId.MAX, count, false));
    }

    /**
     * XREADGROUP for one stream: with {@code >} new entries (null if none), which move the group
     * on and, unless NOACK, become pending for the consumer; with an ID the consumer's own
     * pending entries after it, a deleted one as its ID and a null.
     */
    private static Reply serveGroup(CommandContext ctx, Options o, StreamValue s, StreamGroup g, StreamId after) {
        boolean history = !after.equals(StreamId.MAX);
        if (!history && (s.length() == 0 || s.edgeId(false).compareTo(g.lastId) <= 0)) return null;
        StreamGroup.Consumer consumer = g.consumer(o.consumer(), ctx.nowMs);
        if (history) return history(ctx, s, consumer, after.next(), o.count());
        StreamId start = g.lastId.next();
        List<StreamValue.Entry> entries = s.range(start == null ? StreamId.MIN : start, StreamId.MAX, o.count(), false);
        for (StreamValue.Entry e : entries) {
            s.advance(g, e.id());
            if (!o.noAck()) g.deliver(e.id(), consumer, ctx.nowMs);
        }
        return StreamCommands.entriesReply(entries);
    }

    private static Reply history(CommandContext ctx, StreamValue s, StreamGroup.Consumer consumer, StreamId start,
                                 long count) {
        List<Reply> out = new ArrayList<>();
        for (Map.Entry<StreamId, StreamGroup.Pending> p : consumer.pel.tailMap(start, true).entrySet()) {
            if (count > 0 && out.size() == count) break;
            StreamValue.Entry e = s.get(p.getKey());
            if (e == null) {
                out.add(Reply.array(List.of(p.getKey().reply(), Reply.NULL_ARRAY)));
            } else {
                out.add(StreamCommands.entryReply(e));
                p.getValue().deliveryTime = ctx.nowMs;
                p.getValue().deliveryCount++;
            }
        }
        return Reply.array(out);
    }
}
