package io.memstone.chaos.cluster;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.memstone.node.LocalCluster;
import io.memstone.proto.admin.AddNodeRequest;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.Progress;
import io.memstone.proto.admin.RemoveNodeRequest;
import io.memstone.raft.ShardGroups;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Membership changes of local node processes through the admin service, as an operator makes
 * them: RemoveNode, and AddNode of a node that waits to join, then waiting until every shard it
 * joined has caught up on it. Each call goes through another node's admin service, which hands
 * it to the meta group's leader.
 */
final class Members {
    /** A change waits for the groups to commit it, and a joining replica to catch up. */
    private static final Duration CHANGE = Duration.ofMinutes(2);

    private final LocalCluster nodes;

    Members(LocalCluster nodes) {
        this.nodes = nodes;
    }

    /** Removes the node from every group it is in, through {@code via}; returns the shards it held. */
    List<String> remove(int node, int via) {
        HealthReply before = health(node);
        if (before == null) throw new IllegalStateException(id(node) + " does not answer: cannot tell which shards it holds");
        List<String> shards = before.getGroupsList().stream().map(GroupStatus::getGroupId)
                .filter(g -> !g.equals(ShardGroups.META)).toList();
        follow(nodes.admin(via).withDeadlineAfter(CHANGE.toMillis(), TimeUnit.MILLISECONDS)
                .removeNode(RemoveNodeRequest.newBuilder().setNodeId(id(node)).build()));
        return shards;
    }

    /** Adds the node, started as a joining node, to the shards through {@code via} and waits until they have caught up on it. */
    void add(int node, List<String> shards, int via) throws IOException, InterruptedException {
        await(id(node) + "'s admin service to answer", () -> health(node) != null);
        AddNodeRequest request = AddNodeRequest.newBuilder().setAddress(nodes.adminAddress(node)).addAllShards(shards).build();
        // Refused at once while the meta leader's channel to the node's address is still in gRPC's
        // reconnect backoff from while the node was down (or another change runs): run it again.
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (true) {
            try {
                follow(nodes.admin(via).withDeadlineAfter(CHANGE.toMillis(), TimeUnit.MILLISECONDS).addNode(request));
                break;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.FAILED_PRECONDITION || System.nanoTime() > deadline) throw e;
                Thread.sleep(1000);
            }
        }
        for (String shard : shards) {
            long committed = commitIndex(shard, node);
            await(id(node) + " to apply " + shard + " up to " + committed, () -> {
                GroupStatus g = Replicas.group(health(node), shard);
                return g != null && g.getAppliedIndex() >= committed;
            });
        }
    }

    /** The highest commit index the shard's other replicas report. */
    private long commitIndex(String shard, int except) {
        long committed = -1;
        for (int i = 0; i < nodes.configs().size(); i++) {
            GroupStatus g = i == except ? null : Replicas.group(health(i), shard);
            if (g != null) committed = Math.max(committed, g.getCommitIndex());
        }
        return committed;
    }

    /** Runs a streamed change to its end (its failure is thrown as the call's status). */
    private static void follow(Iterator<Progress> steps) {
        steps.forEachRemaining(step -> { });
    }

    private static void await(String what, BooleanSupplier done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IOException("gave up waiting for " + what + " after " + CHANGE);
            Thread.sleep(200);
        }
    }

    private HealthReply health(int node) {
        return nodes.health(nodes.configs().get(node), false);
    }

    private String id(int node) {
        return nodes.configs().get(node).nodeId();
    }
}
