package io.memstone.gateway;

import io.memstone.acl.Denial;
import io.memstone.engine.Reply;
import io.memstone.engine.Scores;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * This node's ACL LOG (Redis' ACLLog): the latest denials first, at most 128; a denial like
 * one of the ten latest within a minute (same reason, context, object and user) counts on that
 * entry instead of adding one. Each node keeps its own, as each redis-server does.
 */
final class AclLog {
    /** acllog-max-len: older entries go as the next one comes, as in Redis. */
    private volatile long maxLen = 128;
    private static final long GROUPING_MS = 60_000;
    private static final int SCANNED_FOR_GROUPING = 10;

    private static final class Entry {
        long count = 1;
        final Denial.Reason reason;
        final String context;
        final byte[] object;
        final byte[] username;
        long createdMs;
        String clientInfo;

        Entry(Denial.Reason reason, String context, byte[] object, byte[] username, long createdMs, String clientInfo) {
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.createdMs = createdMs;
            this.clientInfo = clientInfo;
        }

        boolean like(Entry e) {
            return reason == e.reason && context.equals(e.context) && Math.abs(createdMs - e.createdMs) <= GROUPING_MS
                    && java.util.Arrays.equals(object, e.object) && java.util.Arrays.equals(username, e.username);
        }
    }

    private final LinkedList<Entry> entries = new LinkedList<>();

    /**
     * @param context {@code toplevel} or {@code multi}
     * @param object  the command, key or channel refused, or the command that failed to authenticate
     */
    synchronized void add(Denial.Reason reason, String context, byte[] object, byte[] username, ClientSession client) {
        long now = System.currentTimeMillis();
        Entry added = new Entry(reason, context, object, username, now, client.infoLine(now));
        Iterator<Entry> it = entries.iterator();
        for (int i = 0; i < SCANNED_FOR_GROUPING && it.hasNext(); i++) {
            Entry e = it.next();
            if (e.like(added)) {
                it.remove();
                e.count++;
                e.createdMs = now;
                e.clientInfo = added.clientInfo;
                entries.addFirst(e);
                return;
            }
        }
        entries.addFirst(added);
        while (entries.size() > maxLen) entries.removeLast();
    }

    void maxLen(long entries) {
        maxLen = entries;
    }

    synchronized void reset() {
        entries.clear();
    }

    /** The latest {@code count} entries as ACL LOG shows them. */
    synchronized Reply show(long count) {
        long now = System.currentTimeMillis();
        List<Reply> shown = new ArrayList<>();
        for (Entry e : entries) {
            if (shown.size() >= count) break;
            shown.add(new Reply.MapReply(List.of(
                    Reply.bulk("count"), Reply.integer(e.count),
                    Reply.bulk("reason"), Reply.bulk(e.reason.logName),
                    Reply.bulk("context"), Reply.bulk(e.context),
                    Reply.bulk("object"), Reply.bulk(e.object),
                    Reply.bulk("username"), Reply.bulk(e.username),
                    Reply.bulk("age-seconds"), Scores.reply((now - e.createdMs) / 1000.0),
                    Reply.bulk("client-info"), Reply.bulk(e.clientInfo))));
        }
        return Reply.array(shown);
    }
}
