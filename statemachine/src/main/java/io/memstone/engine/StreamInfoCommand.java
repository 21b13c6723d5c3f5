package io.memstone.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * XINFO STREAM [FULL [COUNT n]], GROUPS and CONSUMERS, after Redis 7.0's xinfoCommand, with
 * entries-read and lag. {@code radix-tree-nodes} counts Redis' inner radix tree nodes, which
 * Memstone has none of: it reports its node count, as {@code radix-tree-keys} does.
 */
final class StreamInfoCommand {
    private StreamInfoCommand() {}

    private static final io.memstone.command.CommandSpec XINFO = io.memstone.command.CommandTable.redis().lookup("xinfo");
    private static final List<String> HELP = List.of(
            "CONSUMERS <key> <groupname>",
            "    Show consumers of <groupname>.",
            "GROUPS <key>",
            "    Show the stream consumer groups.",
            "STREAM <key> [FULL [COUNT <count>]",
            "    Show information about the stream.");
    /** XINFO STREAM FULL's default COUNT: entries and pending entries shown per list. */
    private static final long DEFAULT_COUNT = 10;

    static void register(CommandRegistry r) {
        r.register("xinfo", StreamInfoCommand::xinfo);
    }

    static Reply xinfo(CommandContext ctx) {
        Reply refused = ctx.subcommandRefusal(XINFO);
        if (refused != null) return refused;
        String opt = ctx.option(1);
        if (opt.equals("help")) return ctx.argc() == 2 ? ctx.help(HELP) : StreamGroupCommands.subcommandSyntaxError(ctx);
        if (ctx.argc() < 3) return StreamGroupCommands.subcommandSyntaxError(ctx);
        StreamValue s = ctx.lookupStream(ctx.key(2));
        if (s == null) return Errors.NO_SUCH_KEY;
        if (opt.equals("consumers") && ctx.argc() == 4) {
            StreamGroup g = s.groups.get(ctx.argv[3]);
            if (g == null) return StreamGroupCommands.noGroupForKey(ctx.argv[3], ctx.argv[2]);
            List<Reply> out = new ArrayList<>();
            for (StreamGroup.Consumer c : g.consumers.values()) {
                out.add(new Reply.MapReply(List.of(Reply.bulk("name"), Reply.bulk(c.name), Reply.bulk("pending"),
                        Reply.integer(c.pel.size()), Reply.bulk("idle"), Reply.integer(Math.max(0, ctx.nowMs - c.seenTime)))));
            }
            return Reply.array(out);
        } else if (opt.equals("groups") && ctx.argc() == 3) {
            List<Reply> out = new ArrayList<>();
            s.groups.forEach((name, g) -> out.add(new Reply.MapReply(List.of(Reply.bulk("name"), Reply.bulk(name),
                    Reply.bulk("consumers"), Reply.integer(g.consumers.size()), Reply.bulk("pending"),
                    Reply.integer(g.pel.size()), Reply.bulk("last-delivered-id"), g.lastId.reply(),
                    Reply.bulk("entries-read"), entriesRead(g), Reply.bulk("lag"), s.lag(g)))));
            return Reply.array(out);
        } else if (opt.equals("stream")) {
            return stream(ctx, s);
        }
        return StreamGroupCommands.subcommandSyntaxError(ctx);
    }

    private static Reply entriesRead(StreamGroup g) {
        return g.entriesRead == StreamGroup.UNKNOWN_ENTRIES_READ ? Reply.NULL : Reply.integer(g.entriesRead);
    }

    private static Reply stream(CommandContext ctx, StreamValue s) {
        int options = ctx.argc() - 3;
        boolean full = options > 0;
        long count = DEFAULT_COUNT;
        if (full) {
            if (options != 1 && options != 3) return StreamGroupCommands.subcommandSyntaxError(ctx);
            if (!ctx.option(3).equals("full")) return StreamGroupCommands.subcommandSyntaxError(ctx);
            if (options == 3) {
                if (!ctx.option(4).equals("count")) return StreamGroupCommands.subcommandSyntaxError(ctx);
                count = ctx.longArg(5);
                if (count < 0) count = DEFAULT_COUNT;
            }
        }
        List<Reply> m = new ArrayList<>(List.of(
                Reply.bulk("length"), Reply.integer(s.length()),
                Reply.bulk("radix-tree-keys"), Reply.integer(s.nodeCount()),
                Reply.bulk("radix-tree-nodes"), Reply.integer(s.nodeCount()),
                Reply.bulk("last-generated-id"), s.lastId.reply(),
                Reply.bulk("max-deleted-entry-id"), s.maxDeletedId.reply(),
                Reply.bulk("entries-added"), Reply.integer(s.entriesAdded),
                Reply.bulk("recorded-first-entry-id"), s.firstId.reply()));
        if (!full) {
            m.add(Reply.bulk("groups"));
            m.add(Reply.integer(s.groups.size()));
            m.add(Reply.bulk("first-entry"));
            m.add(edgeEntry(s, false));
            m.add(Reply.bulk("last-entry"));
            m.add(edgeEntry(s, true));
            return new Reply.MapReply(m);
        }
        m.add(Reply.bulk("entries"));
        m.add(StreamCommands.entriesReply(s.range(StreamId.MIN, StreamId.MAX, count, false)));
        m.add(Reply.bulk("groups"));
        List<Reply> groups = new ArrayList<>();
        final long shown = count;
        s.groups.forEach((name, g) -> groups.add(fullGroup(s, name, g, shown)));
        m.add(Reply.array(groups));
        return new Reply.MapReply(m);
    }

    private static Reply edgeEntry(StreamValue s, boolean last) {
        List<StreamValue.Entry> one = s.range(StreamId.MIN, StreamId.MAX, 1, last);
        return one.isEmpty() ? Reply.NULL : StreamCommands.entryReply(one.get(0));
    }

    /** One group of XINFO STREAM FULL: its pending entries and consumers, at most {@code count} per list (0: all). */
    private static Reply fullGroup(StreamValue s, byte[] name, StreamGroup g, long count) {
        List<Reply> pending = new ArrayList<>();
        for (Map.Entry<StreamId, StreamGroup.Pending> e : g.pel.entrySet()) {
            if (count != 0 && pending.size() >= count) break;
            StreamGroup.Pending p = e.getValue();
            pending.add(Reply.array(List.of(e.getKey().reply(), Reply.bulk(p.consumer.name),
                    Reply.integer(p.deliveryTime), Reply.integer(p.deliveryCount))));
        }
        List<Reply> consumers = new ArrayList<>();
        for (StreamGroup.Consumer c : g.consumers.values()) {
            List<Reply> own = new ArrayList<>();
            for (Map.Entry<StreamId, StreamGroup.Pending> e : c.pel.entrySet()) {
                if (count != 0 && own.size() >= count) break;
                own.add(Reply.array(List.of(e.getKey().reply(), Reply.integer(e.getValue().deliveryTime),
                        Reply.integer(e.getValue().deliveryCount))));
            }
            consumers.add(new Reply.MapReply(List.of(Reply.bulk("name"), Reply.bulk(c.name), Reply.bulk("seen-time"),
                    Reply.integer(c.seenTime), Reply.bulk("pel-count"), Reply.integer(c.pel.size()),
                    Reply.bulk("pending"), Reply.array(own))));
        }
        return new Reply.MapReply(List.of(Reply.bulk("name"), Reply.bulk(name), Reply.bulk("last-delivered-id"),
                g.lastId.reply(), Reply.bulk("entries-read"), entriesRead(g), Reply.bulk("lag"), s.lag(g),
                Reply.bulk("pel-count"), Reply.integer(g.pel.size()), Reply.bulk("pending"), Reply.array(pending),
                Reply.bulk("consumers"), Reply.array(consumers)));
    }
}
