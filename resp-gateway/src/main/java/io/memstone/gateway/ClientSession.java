package io.memstone.gateway;

import io.memstone.engine.RespWriter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One connection's state as Redis keeps it in its client struct: id, name, protocol, library
 * info, and what CLIENT LIST reports. Touched only from the connection's event loop, except
 * for CLIENT LIST which reads other connections' fields (volatile, so it sees recent values).
 */
final class ClientSession {
    final long id;
    final String addr;
    final String laddr;
    final long createdMs;
    volatile int protocol = RespWriter.RESP2;
    volatile String name = "";
    volatile String libName = "";
    volatile String libVer = "";
    volatile String lastCommand = "NULL";
    volatile long lastInteractionMs;
    /** The ACL user the connection runs as; looked up again for every command. */
    volatile String user = io.memstone.acl.AclUser.DEFAULT;
    /** Redis' c->authenticated: set at connect when the default user needs no password, and by AUTH. */
    volatile boolean authenticated;
    /** READONLY: reads are answered by the local replica, without a Raft round trip. */
    boolean readOnly;
    /** Set by QUIT: answer, then close (Redis' CLIENT_CLOSE_AFTER_REPLY). */
    volatile boolean closeAfterReply;
    /** Set by another client's CLIENT KILL before it is answered: nothing more is read from this one. */
    volatile boolean killed;
    /** Waiting in a blocking command (BLPOP...) for a key to receive elements: flag b. */
    volatile boolean blocked;
    /** After MONITOR: receives a line for every command the gateway runs. */
    volatile boolean monitor;
    /** CLIENT NO-EVICT: shown in CLIENT LIST; there is no client eviction to exempt it from yet. */
    volatile boolean noEvict;
    /** The commands queued since MULTI; null outside MULTI. Volatile for CLIENT LIST. */
    volatile Transaction transaction;
    /** The keys WATCH watches; replaced by UNWATCH, DISCARD and EXEC. */
    WatchSet watching = new WatchSet();
    final ClientChannel channel;
    final ClientSubscriptions subscriptions = new ClientSubscriptions();

    ClientSession(long id, SocketAddress remote, SocketAddress local, long nowMs, ClientChannel channel) {
        this.id = id;
        this.addr = format(remote);
        this.laddr = format(local);
        this.createdMs = nowMs;
        this.lastInteractionMs = nowMs;
        this.channel = channel;
    }

    /** One line of CLIENT LIST / CLIENT INFO, fields in Redis 7's order. */
    String infoLine(long nowMs) {
        return "id=" + id + " addr=" + addr + " laddr=" + laddr + " fd=-1 name=" + name
                + " age=" + (nowMs - createdMs) / 1000 + " idle=" + (nowMs - lastInteractionMs) / 1000
                + " flags=" + flags() + " db=0 sub=" + subscriptions.of(PubSubKind.CHANNEL).size()
                + " psub=" + subscriptions.of(PubSubKind.PATTERN).size()
                + " ssub=" + subscriptions.of(PubSubKind.SHARD).size() + " multi=" + queued()
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0"
                + " rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=" + lastCommand
                + " user=" + user + " redir=-1 resp=" + protocol + " lib-name=" + libName + " lib-ver=" + libVer;
    }

    /** Commands queued in MULTI, -1 outside it. */
    private int queued() {
        Transaction t = transaction;
        return t == null ? -1 : t.queued.size();
    }

    /** Redis' getClientType as CLIENT LIST/KILL TYPE name it: no replica or master connects to a gateway. */
    String type() {
        return subscriptions.active() ? "pubsub" : "normal";
    }

    /**
     * Redis' one-letter client flags: O for MONITOR, P for Pub/Sub, x in MULTI, b blocked, e for
     * NO-EVICT, N for none.
     */
    private String flags() {
        String f = (monitor ? "O" : "") + (subscriptions.active() ? "P" : "") + (transaction != null ? "x" : "")
                + (blocked ? "b" : "") + (noEvict ? "e" : "");
        return f.isEmpty() ? "N" : f;
    }

    private static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(a);
    }
}
