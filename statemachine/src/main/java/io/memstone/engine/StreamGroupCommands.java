package io.memstone.engine;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Consumer groups, after Redis 7.0's t_stream.c: XGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM.
 * Delivery and idle times are the command's clock: the log entry's for writes, so replicas
 * hold the same pending lists.
 */
final class StreamGroupCommands {
    private StreamGroupCommands() {}

    private static final CommandSpec XGROUP = CommandTable.redis().lookup("xgroup");
    private static final Reply ENTRIES_READ_NEGATIVE = Reply.error("ERR value for ENTRIESREAD must be positive or -1");
    private static final Reply KEY_REQUIRED = Reply.error("ERR The XGROUP subcommand requires the key to exist."
            + " Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.");
    private static final Reply BUSYGROUP = Reply.error("BUSYGROUP Consumer Group name already exists");
    private static final Reply AUTOCLAIM_COUNT = Reply.error("ERR COUNT must be > 0");
    /** XAUTOCLAIM looks at up to this many PEL entries per entry it may claim. */
    private static final long ATTEMPTS_FACTOR = 10;
    private static final List<String> HELP = List.of(
            "CREATE <key> <groupname> <id|$> [option]",
            "    Create a new consumer group. Options are:",
            "    * MKSTREAM",
            "      Create the empty stream if it does not exist.",
            "    * ENTRIESREAD entries_read",
            "      Set the group's entries_read counter (internal use).",
            "CREATECONSUMER <key> <groupname> <consumer>",
            "    Create a new consumer in the specified group.",
            "DELCONSUMER <key> <groupname> <consumer>",
            "    Remove the specified consumer.",
            "DESTROY <key> <groupname>",
            "    Remove the specified group.",
            "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
            "    Set the current group ID and entries_read counter.");

    static void register(CommandRegistry r) {
        r.register("xgroup", StreamGroupCommands::xgroup);
        r.register("xack", StreamGroupCommands::xack);
        r.register("xpending", StreamGroupCommands::xpending);
        r.register("xclaim", StreamGroupCommands::xclaim);
        r.register("xautoclaim", StreamGroupCommands::xautoclaim);
    }

    /** Redis' addReplySubcommandSyntaxError. */
    static Reply subcommandSyntaxError(CommandContext ctx) {
        String sub = new String(ctx.argv[1], 0, Math.min(128, CommandContext.cLength(ctx.argv[1])),
                StandardCharsets.UTF_8).replace('\r', ' ').replace('\n', ' ');
        return Reply.error("ERR unknown subcommand or wrong number of arguments for '" + sub + "'. Try "
                + StreamCommands.errorText(ctx.argv[0]).toUpperCase(Locale.ROOT) + " HELP.");
    }

    static Reply noGroup(byte[] key, byte[] group) {
        return Reply.error("NOGROUP No such key '" + StreamCommands.errorText(key) + "' or consumer group '"
                + StreamCommands.errorText(group) + "'");
    }

    /** XGROUP's and XINFO's wording of a missing group. */
    static Reply noGroupForKey(byte[] group, byte[] key) {
        return Reply.error("NOGROUP No such consumer group '" + StreamCommands.errorText(group) + "' for key name '"
                + StreamCommands.errorText(key) + "'");
    }

    /** Redis' xgroupCommand: options, then key and group checks, then the subcommand. */
    static Reply xgroup(CommandContext ctx) {
        Reply refused = ctx.subcommandRefusal(XGROUP);
        if (refused != null) return refused;
        String opt = ctx.option(1);
        if (ctx.argc() == 2 && opt.equals("help")) return ctx.help(HELP);
        boolean mkstream = false;
        long entriesRead = StreamGroup.UNKNOWN_ENTRIES_READ;
        for (int i = 5; i < ctx.argc(); ) {
            String o = ctx.option(i);
            if (opt.equals("create") && o.equals("mkstream")) {
                mkstream = true;
                i++;
            } else if ((opt.equals("create") || opt.equals("setid")) && o.equals("entriesread") && i + 1 < ctx.argc()) {
                entriesRead = ctx.longArg(i + 1);
                if (entriesRead < 0 && entriesRead != StreamGroup.UNKNOWN_ENTRIES_READ) return ENTRIES_READ_NEGATIVE;
                i += 2;
            } else {
                return subcommandSyntaxError(ctx);
            }
        }
        Key key = ctx.key(2);
        StreamValue s = ctx.lookupStream(key);
        byte[] name = ctx.argv[3];
        StreamGroup g = s == null ? null : s.groups.get(name);
        if (!mkstream) {
            if (s == null) return KEY_REQUIRED;
            if (g == null && (opt.equals("setid") || opt.equals("createconsumer") || opt.equals("delconsumer"))) {
                return noGroupForKey(name, ctx.argv[2]);
            }
        }
        int argc = ctx.argc();
        if (opt.equals("create") && argc >= 5 && argc <= 8) {
            StreamId id = ctx.option(4).equals("$") ? (s == null ? StreamId.MIN : s.lastId) : StreamId.strictArg(ctx.argv[4]);
            if (s == null) {
                s = new StreamValue(ctx.limits);
                ctx.keyspace.putKeepingTtl(key, s);
            }
            if (s.groups.containsKey(name)) return BUSYGROUP;
            s.groups.put(name, new StreamGroup(id, entriesRead));
            return Reply.OK;
        } else if (opt.equals("setid") && (argc == 5 || argc == 7)) {
            StreamId id;
            if (ctx.option(4).equals("$")) {
                id = s.lastId;
            } else {
                StreamId.Parsed p = StreamId.parse(ctx.argv[4], 0, false, false);
                if (p == null) return StreamId.INVALID;
                id = p.id();
            }
            g.lastId = id;
            g.entriesRead = entriesRead;
            return Reply.OK;
        } else if (opt.equals("destroy") && argc == 4) {
            return s.groups.remove(name) != null ? Reply.ONE : Reply.ZERO;
        } else if (opt.equals("createconsumer") && argc == 5) {
            if (g.consumers.containsKey(ctx.argv[4])) return Reply.ZERO;
            g.consumer(ctx.argv[4], ctx.nowMs);
            return Reply.ONE;
        } else if (opt.equals("delconsumer") && argc == 5) {
            return Reply.integer(g.deleteConsumer(ctx.argv[4]));
        }
        return subcommandSyntaxError(ctx);
    }

    /** Looks up the key and group first: without them nothing is acknowledged, whatever the IDs. */
    static Reply xack(CommandContext ctx) {
        StreamValue s = ctx.lookupStream(ctx.key(1));
        StreamGroup g = s == null ? null : s.groups.get(ctx.argv[2]);
        if (g == null) return Reply.ZERO;
        List<StreamId> ids = new ArrayList<>();
        for (int j = 3; j < ctx.argc(); j++) ids.add(StreamId.strictArg(ctx.argv[j]));
        int acknowledged = 0;
        for (StreamId id : ids) if (g.acknowledge(id)) acknowledged++;
        return Reply.integer(acknowledged);
    }

    /** The summary form (key and group alone), or the extended one (IDLE, range, count, consumer). */
    static Reply xpending(CommandContext ctx) {
        int argc = ctx.argc();
        if (argc != 3 && (argc < 6 || argc > 9)) return Errors.SYNTAX;
        long minIdle = 0, count = 0;
        StreamId start = null, end = null;
        byte[] consumerName = null;
        if (argc >= 6) {
            int at = 3;
            if (ctx.option(3).equals("idle")) {
                minIdle = ctx.longArg(4);
                if (argc < 8) return Errors.SYNTAX;
                at += 2;
            }
            count = Math.max(0, ctx.longArg(at + 2));
            start = StreamCommands.intervalArg(ctx.argv[at], 0, true);
            end = StreamCommands.intervalArg(ctx.argv[at + 1], -1, false);
            if (at + 3 < argc) consumerName = ctx.argv[at + 3];
        }
        StreamValue s = ctx.lookupStream(ctx.key(1));
        StreamGroup g = s == null ? null : s.groups.get(ctx.argv[2]);
        if (g == null) return noGroup(ctx.argv[1], ctx.argv[2]);
        if (start == null) return pendingSummary(g);
        var pel = g.pel;
        if (consumerName != null) {
            StreamGroup.Consumer c = g.consumers.get(consumerName);
            if (c == null) return Reply.EMPTY_ARRAY;
            pel = c.pel;
        }
        List<Reply> out = new ArrayList<>();
        for (Map.Entry<StreamId, StreamGroup.Pending> e : pel.tailMap(start, true).entrySet()) {
            if (count == 0 || e.getKey().compareTo(end) > 0) break;
            StreamGroup.Pending p = e.getValue();
            if (minIdle != 0 && ctx.nowMs - p.deliveryTime < minIdle) continue;
            count--;
            out.add(Reply.array(List.of(e.getKey().reply(), Reply.bulk(p.consumer.name),
                    Reply.integer(Math.max(0, ctx.nowMs - p.deliveryTime)), Reply.integer(p.deliveryCount))));
        }
        return Reply.array(out);
    }

    private static Reply pendingSummary(StreamGroup g) {
        if (g.pel.isEmpty()) return Reply.array(List.of(Reply.ZERO, Reply.NULL, Reply.NULL, Reply.NULL_ARRAY));
        List<Reply> consumers = new ArrayList<>();
        for (StreamGroup.Consumer c : g.consumers.values()) {
            if (c.pel.isEmpty()) continue;
            consumers.add(Reply.array(List.of(Reply.bulk(c.name), Reply.bulk(Integer.toString(c.pel.size())))));
        }
        return Reply.array(List.of(Reply.integer(g.pel.size()), g.pel.firstKey().reply(), g.pel.lastKey().reply(),
                Reply.array(consumers)));
    }

    /** A number option of XCLAIM or XAUTOCLAIM, failing with the command's own message. */
    private static long longArg(CommandContext ctx, int i, String message) {
        var v = Numbers.string2ll(ctx.argv[i]);
        if (v.isEmpty()) throw new CommandError(Reply.error("ERR " + message));
        return v.getAsLong();
    }

    /** Redis' xclaimCommand: IDs up to the first that does not parse, then the options. */
    static Reply xclaim(CommandContext ctx) {
        StreamValue s = ctx.lookupStream(ctx.key(1));
        StreamGroup g = s == null ? null : s.groups.get(ctx.argv[2]);
        if (g == null) return noGroup(ctx.argv[1], ctx.argv[2]);
        long minIdle = Math.max(0, longArg(ctx, 4, "Invalid min-idle-time argument for XCLAIM"));
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (; j < ctx.argc(); j++) {
            StreamId.Parsed p = StreamId.parse(ctx.argv[j], 0, true, false);
            if (p == null) break;
            ids.add(p.id());
        }
        long now = ctx.nowMs, retryCount = -1, deliveryTime = -1;
        boolean force = false, justId = false;
        StreamId lastId = StreamId.MIN;
        for (; j < ctx.argc(); j++) {
            boolean more = j + 1 < ctx.argc();
            String opt = ctx.option(j);
            if (opt.equals("force")) {
                force = true;
            } else if (opt.equals("justid")) {
                justId = true;
            } else if (opt.equals("idle") && more) {
                deliveryTime = now - longArg(ctx, ++j, "Invalid IDLE option argument for XCLAIM");
            } else if (opt.equals("time") && more) {
                deliveryTime = longArg(ctx, ++j, "Invalid TIME option argument for XCLAIM");
            } else if (opt.equals("retrycount") && more) {
                retryCount = longArg(ctx, ++j, "Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (opt.equals("lastid") && more) {
                lastId = StreamId.strictArg(ctx.argv[++j]);
            } else {
                return Reply.error("ERR Unrecognized XCLAIM option '" + StreamCommands.errorText(ctx.argv[j]) + "'");
            }
        }
        if (lastId.compareTo(g.lastId) > 0) g.lastId = lastId;
        if (deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
        StreamGroup.Consumer consumer = null;
        List<Reply> out = new ArrayList<>();
        for (StreamId id : ids) {
            StreamGroup.Pending p = g.pel.get(id);
            StreamValue.Entry entry = s.get(id);
            if (entry == null) {
                if (p != null) g.acknowledge(id);
                continue;
            }
            if (p == null) {
                if (!force) continue;
                p = new StreamGroup.Pending(null, now, 1);
                g.pel.put(id, p);
            }
            if (p.consumer != null && minIdle != 0 && now - p.deliveryTime < minIdle) continue;
            if (consumer == null) consumer = g.consumer(ctx.argv[3], now);
            g.assign(id, p, consumer);
            p.deliveryTime = deliveryTime;
            if (retryCount >= 0) p.deliveryCount = retryCount;
            else if (!justId) p.deliveryCount++;
            out.add(justId ? id.reply() : StreamCommands.entryReply(entry));
        }
        return Reply.array(out);
    }

    /**
     * Redis' xautoclaimCommand: walks the PEL from start, claiming entries idle long enough
     * and dropping those whose entry is gone, within COUNT and COUNT * 10 looks; replies the
     * next start (0-0 at the end), the claimed entries and the dropped IDs.
     */
    static Reply xautoclaim(CommandContext ctx) {
        long minIdle = Math.max(0, longArg(ctx, 4, "Invalid min-idle-time argument for XAUTOCLAIM"));
        StreamId start = StreamCommands.intervalArg(ctx.argv[5], 0, true);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < ctx.argc(); j++) {
            String opt = ctx.option(j);
            if (opt.equals("count") && j + 1 < ctx.argc()) {
                var v = Numbers.string2ll(ctx.argv[++j]);
                if (v.isEmpty() || v.getAsLong() < 1 || v.getAsLong() > Long.MAX_VALUE / 16) return AUTOCLAIM_COUNT;
                count = v.getAsLong();
            } else if (opt.equals("justid")) {
                justId = true;
            } else {
                return Errors.SYNTAX;
            }
        }
        StreamValue s = ctx.lookupStream(ctx.key(1));
        StreamGroup g = s == null ? null : s.groups.get(ctx.argv[2]);
        if (g == null) return noGroup(ctx.argv[1], ctx.argv[2]);
        long attempts = count * ATTEMPTS_FACTOR;
        StreamGroup.Consumer consumer = null;
        List<Reply> claimed = new ArrayList<>(), dropped = new ArrayList<>();
        StreamId at = g.pel.ceilingKey(start);
        while (attempts-- > 0 && count > 0 && at != null) {
            StreamId id = at;
            at = g.pel.higherKey(id);
            StreamGroup.Pending p = g.pel.get(id);
            StreamValue.Entry entry = s.get(id);
            if (entry == null) {
                g.acknowledge(id);
                dropped.add(id.reply());
                count--;
                continue;
            }
            if (minIdle != 0 && ctx.nowMs - p.deliveryTime < minIdle) continue;
            if (consumer == null) consumer = g.consumer(ctx.argv[3], ctx.nowMs);
            g.assign(id, p, consumer);
            p.deliveryTime = ctx.nowMs;
            if (!justId) p.deliveryCount++;
            claimed.add(justId ? id.reply() : StreamCommands.entryReply(entry));
            count--;
        }
        StreamId next = at == null ? StreamId.MIN : at;
        return Reply.array(List.of(next.reply(), Reply.array(claimed), Reply.array(dropped)));
    }
}
