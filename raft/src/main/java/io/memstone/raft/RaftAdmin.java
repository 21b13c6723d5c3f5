package io.memstone.raft;

import io.memstone.proto.meta.MetaCommand;
import io.memstone.proto.meta.NodeInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyExistsException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.JavaUtils;
import org.apache.ratis.util.TimeDuration;

/**
 * Ratis' management calls, addressed by group name and node: a group's configuration as its
 * members hold it, configuration changes, adding and removing a group on a server, leadership
 * transfer, snapshots, and meta group proposals. Each call uses a short-lived client whose
 * timeout allows a new member to catch up before its configuration commits.
 */
public final class RaftAdmin {
    /** Catching a new member up (a snapshot install, then the log) can take a while. */
    private static final TimeDuration TIMEOUT = TimeDuration.valueOf(120, TimeUnit.SECONDS);
    /** Rides out a leader election; a server that is down fails the call within seconds. */
    private static final TimeDuration RETRY_SLEEP = TimeDuration.valueOf(300, TimeUnit.MILLISECONDS);
    private static final RetryPolicy RETRY = RetryPolicies.retryUpToMaximumCountWithFixedSleep(10, RETRY_SLEEP);
    private static final int STEP_DOWN_ATTEMPTS = 10;

    /** A group's configuration: voters (with their leader priority) and listeners. */
    public record Conf(List<RaftPeer> voters, List<RaftPeer> listeners) {
        public List<String> voterIds() {
            return voters.stream().map(p -> p.getId().toString()).toList();
        }

        public List<String> listenerIds() {
            return listeners.stream().map(p -> p.getId().toString()).toList();
        }
    }

    private static final long SNAPSHOT_POLL_MS = 50;

    private final RaftProperties properties = new RaftProperties();

    RaftAdmin() {
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TIMEOUT);
    }

    static RaftPeer peer(NodeInfo n, int priority) {
        return RaftPeers.peer(n).setPriority(priority).build();
    }

    /** The group's current configuration, from the first of {@code members} that answers. */
    Conf conf(String group, List<NodeInfo> members) throws IOException {
        IOException last = new IOException("no member of " + group + " to ask");
        for (NodeInfo m : members) {
            try (RaftClient c = client(group, List.of(peer(m, 0)))) {
                GroupInfoReply info = c.getGroupManagementApi(RaftPeerId.valueOf(m.getId())).info(ShardGroups.groupId(group));
                RaftConfigurationProto conf = info.getConf().orElseThrow(() -> new IOException(m.getId() + " has no configuration of " + group));
                return new Conf(peers(conf.getPeersList()), peers(conf.getListenersList()));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no member of " + group + " answered: " + last.getMessage(), last);
    }

    private static List<RaftPeer> peers(List<RaftPeerProto> protos) {
        List<RaftPeer> out = new ArrayList<>();
        for (RaftPeerProto p : protos) {
            out.add(RaftPeer.newBuilder().setId(RaftPeerId.valueOf(p.getId())).setAddress(p.getAddress())
                    .setPriority(p.getPriority()).build());
        }
        return out;
    }

    /** Changes the group's configuration; returns once the new one is committed (new members caught up first). */
    void setConfiguration(String group, Conf from, Conf to) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (RaftClient c = client(group, union(from, to))) {
                send("configuration change of " + group, c, r -> r.admin().setConfiguration(to.voters(), to.listeners()));
                return;
            } catch (IOException e) {
                // The leader was handing the group to its preferred leader, which takes the change next.
                if (attempt == STEP_DOWN_ATTEMPTS || !JavaUtils.isCausedBy(e, LeaderSteppingDownException.class)) throw e;
                try {
                    RETRY_SLEEP.sleep();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Creates the group on {@code node} (empty), so that it can receive the log once it is added. */
    void addGroup(NodeInfo node, RaftGroup group) throws IOException {
        try (RaftClient c = client(group.getGroupId(), List.of(peer(node, 0)))) {
            send("adding the group on " + node.getId(), c, r -> r.getGroupManagementApi(RaftPeerId.valueOf(node.getId())).add(group));
        } catch (IOException e) {
            // Added before (at its start, or by an earlier attempt), it catches up like a new one.
            if (!(e.getCause() instanceof AlreadyExistsException)) throw e;
        }
    }

    /** Removes the group from {@code node}; its directory is kept, renamed, for inspection. */
    void removeGroup(NodeInfo node, String group) throws IOException {
        try (RaftClient c = client(group, List.of(peer(node, 0)))) {
            send("removing " + group + " from " + node.getId(), c,
                    r -> r.getGroupManagementApi(RaftPeerId.valueOf(node.getId())).remove(ShardGroups.groupId(group), false, true));
        }
    }

    /** Makes {@code target} the group's leader; returns when it is (or fails). */
    void transferLeadership(String group, Conf conf, String target) throws IOException {
        try (RaftClient c = client(group, union(conf, conf))) {
            send("leadership transfer of " + group + " to " + target, c,
                    r -> r.admin().transferLeadership(RaftPeerId.valueOf(target), TIMEOUT.toLong(TimeUnit.MILLISECONDS)));
        }
    }

    /**
     * Has {@code member} write a snapshot of the group that covers at least {@code index}, and
     * returns the index of the one it wrote. A shard writes its snapshot in the background and
     * Ratis answers with its newest complete one, so asking again until that one covers the
     * index is both the trigger and the wait.
     */
    public long snapshot(String group, NodeInfo member, long index, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (RaftClient c = client(group, List.of(peer(member, 0)))) {
            while (true) {
                RaftClientReply reply = send("snapshot of " + group + " on " + member.getId(), c,
                        r -> r.getSnapshotManagementApi(RaftPeerId.valueOf(member.getId())).create(1, TIMEOUT.toLong(TimeUnit.MILLISECONDS)));
                if (reply.getLogIndex() >= index) return reply.getLogIndex();
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("the snapshot of " + group + " on " + member.getId() + " was not complete after "
                            + timeoutMs / 1000 + " s (newest at index " + reply.getLogIndex() + ")");
                }
                Thread.sleep(SNAPSHOT_POLL_MS);
            }
        }
    }

    /** Proposes a meta group entry; refused entries (the state machine answers ERR ...) throw. */
    public void propose(Collection<NodeInfo> metaMembers, MetaCommand command) throws IOException {
        List<RaftPeer> peers = metaMembers.stream().map(n -> peer(n, 0)).toList();
        try (RaftClient c = client(ShardGroups.META, peers)) {
            RaftClientReply reply = send("meta group change " + command.getOpCase(), c,
                    r -> r.io().send(Message.valueOf(ByteString.copyFrom(command.toByteArray()))));
            String outcome = reply.getMessage().getContent().toStringUtf8();
            if (outcome.startsWith("ERR")) throw new IOException("the meta group refused " + command.getOpCase() + ": " + outcome);
        }
    }

    private interface Request {
        RaftClientReply send(RaftClient client) throws IOException;
    }

    /** Sends a request; a failure, whether thrown or replied, says what failed and why. */
    private static RaftClientReply send(String what, RaftClient client, Request request) throws IOException {
        RaftClientReply reply;
        try {
            reply = request.send(client);
        } catch (IOException e) {
            throw new IOException(what + " failed: " + reason(e), e);
        }
        if (!reply.isSuccess()) {
            throw new IOException(what + " failed: " + (reply.getException() == null ? "no reason given" : reason(reply.getException())),
                    reply.getException());
        }
        return reply;
    }

    /** Ratis' retry failures wrap the reason; the operator needs the reason. */
    private static String reason(Throwable t) {
        StringBuilder why = new StringBuilder(String.valueOf(t.getMessage()));
        for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) why.append(": ").append(c.getMessage());
        return why.toString();
    }

    private static List<RaftPeer> union(Conf a, Conf b) {
        Map<RaftPeerId, RaftPeer> all = new LinkedHashMap<>();
        for (Conf c : List.of(a, b)) {
            c.voters().forEach(p -> all.putIfAbsent(p.getId(), p));
            c.listeners().forEach(p -> all.putIfAbsent(p.getId(), p));
        }
        return new ArrayList<>(all.values());
    }

    private RaftClient client(String group, List<RaftPeer> peers) {
        return client(ShardGroups.groupId(group), peers);
    }

    private RaftClient client(RaftGroupId group, List<RaftPeer> peers) {
        return RatisSettings.newClient(properties, RaftGroup.valueOf(group, peers), RETRY);
    }
}
