package io.memstone.gateway;

import io.memstone.engine.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TIME, LASTSAVE, ROLE, MONITOR and DEBUG SLEEP, as redis-server 7.0 answers them. */
final class ServerCommands {
    /** The number C's atof reads at the start of a string; anything else reads as 0. */
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final ReplicationInfo replication;
    private final ClientRegistry clients;

    ServerCommands(ReplicationInfo replication, ClientRegistry clients) {
        this.replication = replication;
        this.clients = clients;
    }

    void register(CommandCatalog catalog) {
        catalog.sync("time", (s, argv) -> time());
        catalog.sync("lastsave", (s, argv) -> Reply.integer(replication.persistence().lastSnapshotMs() / 1000));
        catalog.sync("role", (s, argv) -> role(replication.replication()));
        catalog.sync("monitor", (s, argv) -> {
            clients.startMonitor(s);
            return Reply.OK;
        });
        catalog.register("debug", Invocation.Kind.LOCAL, this::debug);
    }

    static Reply time() {
        Instant now = Instant.now();
        return Reply.array(List.of(Reply.bulk(Long.toString(now.getEpochSecond())),
                Reply.bulk(Long.toString(now.getNano() / 1000))));
    }

    /**
     * A master: ["master", offset, [[host, port, offset], ...]]; a replica: ["slave", master
     * host, master port, link state, offset]. Types (bulk or integer) as Redis sends them.
     */
    static Reply role(ReplicationInfo.Replication r) {
        if (r.master()) {
            List<Reply> replicas = new ArrayList<>();
            for (ReplicationInfo.Replica replica : r.replicas()) {
                replicas.add(Reply.array(List.of(Reply.bulk(replica.host()), Reply.bulk(Integer.toString(replica.port())),
                        Reply.bulk(Long.toString(replica.offset())))));
            }
            return Reply.array(List.of(Reply.bulk("master"), Reply.integer(r.offset()), Reply.array(replicas)));
        }
        return Reply.array(List.of(Reply.bulk("slave"), Reply.bulk(r.masterHost()), Reply.integer(r.masterPort()),
                Reply.bulk(r.masterHost().isEmpty() ? "connect" : "connected"), Reply.integer(r.offset())));
    }

    /**
     * DEBUG SLEEP seconds: delays this connection's reply (Redis stops the whole server; here
     * only the caller waits, as it would see it). Other DEBUG subcommands are not offered.
     */
    CompletableFuture<Reply> debug(ClientSession session, byte[][] argv) {
        if (!Args.is(argv[1], "sleep") || argv.length != 3) {
            return CompletableFuture.completedFuture(GatewayErrors.subcommandSyntax(argv));
        }
        long micros = (long) (atof(Args.text(argv[2])) * 1_000_000);
        if (micros <= 0) return CompletableFuture.completedFuture(Reply.OK);
        return CompletableFuture.supplyAsync(() -> Reply.OK, CompletableFuture.delayedExecutor(micros, TimeUnit.MICROSECONDS));
    }

    static double atof(String s) {
        Matcher m = LEADING_NUMBER.matcher(s);
        return m.find() ? Double.parseDouble(m.group().trim()) : 0;
    }
}
