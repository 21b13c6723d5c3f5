package io.memstone.gateway;

import io.memstone.engine.Numbers;
import io.memstone.engine.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** SLOWLOG GET [count] / LEN / RESET over the gateway's {@link SlowLog}. */
final class SlowlogCommand {
    private static final Reply BAD_COUNT = Reply.error("ERR count should be greater than or equal to -1");
    private static final long DEFAULT_COUNT = 10;

    private final SlowLog log;

    SlowlogCommand(SlowLog log) {
        this.log = log;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("slowlog|get", this::get);
        catalog.sync("slowlog|len", (s, argv) -> Reply.integer(log.length()));
        catalog.sync("slowlog|reset", (s, argv) -> {
            log.reset();
            return Reply.OK;
        });
    }

    /** Entries newest first: id, unix time, microseconds, arguments, client address, client name. */
    Reply get(ClientSession session, byte[][] argv) {
        if (argv.length > 3) return GatewayErrors.subcommandSyntax(argv);
        long count = DEFAULT_COUNT;
        if (argv.length == 3) {
            OptionalLong n = Numbers.string2ll(argv[2]);
            if (n.isEmpty() || n.getAsLong() < -1) return BAD_COUNT;
            count = n.getAsLong();
        }
        List<Reply> entries = new ArrayList<>();
        for (SlowLog.Entry e : log.newest(count)) {
            List<Reply> args = new ArrayList<>(e.args().size());
            for (byte[] a : e.args()) args.add(Reply.bulk(a));
            entries.add(Reply.array(List.of(Reply.integer(e.id()), Reply.integer(e.timeSeconds()),
                    Reply.integer(e.micros()), Reply.array(args), Reply.bulk(e.addr()), Reply.bulk(e.name()))));
        }
        return Reply.array(entries);
    }
}
