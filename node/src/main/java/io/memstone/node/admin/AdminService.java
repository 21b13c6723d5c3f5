package io.memstone.node.admin;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.memstone.acl.Latin1;
import io.memstone.gateway.AclStore;
import io.memstone.proto.admin.AddShardRequest;
import io.memstone.proto.admin.DeleteUserRequest;
import io.memstone.proto.admin.ListUsersReply;
import io.memstone.proto.admin.ListUsersRequest;
import io.memstone.proto.admin.SetUserReply;
import io.memstone.proto.admin.SetUserRequest;
import io.memstone.proto.admin.MoveSlotsRequest;
import io.memstone.proto.admin.RemoveShardRequest;
import io.memstone.proto.admin.AddNodeRequest;
import io.memstone.proto.admin.AdminServiceGrpc;
import io.memstone.proto.admin.AdminServiceGrpc.AdminServiceBlockingStub;
import io.memstone.proto.admin.CreateSnapshotRequest;
import io.memstone.proto.admin.DescribeClusterReply;
import io.memstone.proto.admin.DescribeClusterRequest;
import io.memstone.proto.admin.FailoverRequest;
import io.memstone.proto.admin.GetParametersRequest;
import io.memstone.proto.admin.GroupStatus;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.HealthRequest;
import io.memstone.proto.admin.ListSnapshotsReply;
import io.memstone.proto.admin.ListSnapshotsRequest;
import io.memstone.proto.admin.ParametersReply;
import io.memstone.proto.admin.Progress;
import io.memstone.proto.admin.RemoveNodeRequest;
import io.memstone.proto.admin.ReplaceNodeRequest;
import io.memstone.proto.admin.RestoreRequest;
import io.memstone.proto.admin.SetParametersRequest;
import io.memstone.proto.admin.ShardView;
import io.memstone.proto.admin.TransferLeadershipReply;
import io.memstone.proto.admin.TransferLeadershipRequest;
import io.memstone.proto.meta.NodeInfo;
import io.memstone.proto.meta.ShardInfo;
import io.memstone.raft.ClusterParameters;
import io.memstone.raft.ClusterShape;
import io.memstone.raft.MembershipChanges;
import io.memstone.raft.RaftNode;
import io.memstone.raft.ShardDigest;
import io.memstone.raft.ShardGroups;
import io.memstone.raft.ShardStatus;
import io.memstone.raft.ShardUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin service as every node serves it. Reads (health, describe, snapshots, parameters)
 * are answered here, from this node and the others' Health; membership and leadership changes
 * run on the meta group's leader, so that one runs at a time, and are forwarded there.
 */
final class AdminService extends AdminServiceGrpc.AdminServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);
    /** Long enough for the meta group to elect a new leader after its leader died. */
    private static final long META_LEADER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(15);

    /** A call's work; its failures become the call's status (see {@link #status}). */
    private interface Work<T> {
        T run() throws IOException, InterruptedException;
    }

    private interface ProgressWork {
        void run(MembershipChanges.Progress progress) throws IOException, InterruptedException;
    }

    private final NodeInfo self;
    private final RaftNode raft;
    private final AdminChannels channels;
    private final Snapshots snapshots;
    private final AclStore users;

    AdminService(NodeInfo self, RaftNode raft, AdminChannels channels, AclStore users) {
        this.users = users;
        this.self = self;
        this.raft = raft;
        this.channels = channels;
        this.snapshots = new Snapshots(raft, channels);
    }

    /** The shard groups this node holds a replica of, in shard order, then the meta group. */
    @Override
    public void health(HealthRequest request, StreamObserver<HealthReply> reply) {
        HealthReply.Builder health = HealthReply.newBuilder().setNodeId(self.getId()).setZone(self.getZone()).setNode(self);
        ClusterShape shape = raft.shape();
        if (shape != null) {
            for (ShardInfo shard : shape.shardsOn(self.getId())) health.addGroups(status(shard.getName(), request.getWithDigest()));
        }
        health.addGroups(status(ShardGroups.META, false));
        reply.onNext(health.build());
        reply.onCompleted();
    }

    private GroupStatus status(String name, boolean withDigest) {
        ShardStatus s = raft.status(name);
        GroupStatus.Builder group = GroupStatus.newBuilder().setGroupId(s.shard()).setRole(s.role())
                .setLeaderId(s.leaderId()).setTerm(s.term())
                .setCommitIndex(s.commitIndex()).setAppliedIndex(s.appliedIndex()).addAllMembers(s.members());
        if (withDigest) {
            ShardDigest d = raft.digest(name);
            group.setDigest(d.digest()).setKeys(d.keys());
        }
        return group.build();
    }

    @Override
    public void describeCluster(DescribeClusterRequest request, StreamObserver<DescribeClusterReply> reply) {
        unary(reply, () -> {
            ClusterShape shape = shape();
            return ClusterDescription.of(shape, ClusterProbe.of(channels, shape.nodes()));
        });
    }

    @Override
    public void addNode(AddNodeRequest request, StreamObserver<Progress> reply) {
        onMetaLeader(reply, stub -> stub.addNode(request),
                p -> raft.changes().add(identify(request.getAddress()), request.getShardsList(), live(), p));
    }

    @Override
    public void removeNode(RemoveNodeRequest request, StreamObserver<Progress> reply) {
        onMetaLeader(reply, stub -> stub.removeNode(request), p -> raft.changes().remove(request.getNodeId(), live(), p));
    }

    @Override
    public void replaceNode(ReplaceNodeRequest request, StreamObserver<Progress> reply) {
        onMetaLeader(reply, stub -> stub.replaceNode(request),
                p -> raft.changes().replace(request.getNodeId(), identify(request.getAddress()), live(), p));
    }

    @Override
    public void transferLeadership(TransferLeadershipRequest request, StreamObserver<TransferLeadershipReply> reply) {
        unaryOnMetaLeader(reply, stub -> stub.transferLeadership(request), () -> transfer(request.getShard(), (view, nodes) ->
                switch (request.getTargetCase()) {
                    case NODE_ID -> request.getNodeId();
                    case ZONE -> LeaderTargets.inZone(view, request.getZone(), nodes);
                    case TARGET_NOT_SET -> throw new IllegalArgumentException("name the node or the zone to move the leadership to");
                }));
    }

    @Override
    public void failover(FailoverRequest request, StreamObserver<TransferLeadershipReply> reply) {
        unaryOnMetaLeader(reply, stub -> stub.failover(request),
                () -> transfer(request.getShard(), LeaderTargets::failover));
    }

    private TransferLeadershipReply transfer(String shard, java.util.function.BiFunction<ShardView, Map<String, NodeInfo>, String> choose)
            throws IOException {
        ClusterShape shape = shape();
        ClusterProbe probe = ClusterProbe.of(channels, shape.nodes());
        ShardView view = ClusterDescription.of(shape, probe).getShardsList().stream()
                .filter(s -> s.getName().equals(shard)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shard " + shard + " in the cluster"));
        Map<String, NodeInfo> nodes = new HashMap<>();
        shape.nodes().forEach(n -> nodes.put(n.getId(), n));
        String target = choose.apply(view, nodes);
        raft.changes().transferLeadership(shard, target, probe.live());
        return TransferLeadershipReply.newBuilder().setShard(shard).setPreviousLeader(view.getLeader()).setLeader(target)
                .setZone(nodes.containsKey(target) ? nodes.get(target).getZone() : "").build();
    }

    @Override
    public void createSnapshot(CreateSnapshotRequest request, StreamObserver<Progress> reply) {
        streamed(reply, p -> snapshots.create(shape(), request.getShard(), p));
    }

    @Override
    public void listSnapshots(ListSnapshotsRequest request, StreamObserver<ListSnapshotsReply> reply) {
        unary(reply, () -> snapshots.all(shape()));
    }

    @Override
    public void nodeSnapshots(ListSnapshotsRequest request, StreamObserver<ListSnapshotsReply> reply) {
        unary(reply, snapshots::local);
    }

    @Override
    public void restore(RestoreRequest request, StreamObserver<Progress> reply) {
        streamed(reply, p -> {
            if (request.getDirectory().isEmpty()) throw new IllegalArgumentException("name the directory that holds the snapshot files");
            new SnapshotRestore(raft, request.getReplace(), p).run(shape(), Path.of(request.getDirectory()));
        });
    }

    @Override
    public void getParameters(GetParametersRequest request, StreamObserver<ParametersReply> reply) {
        unary(reply, () -> ParametersReply.newBuilder().putAllParameters(raft.parameters().values()).build());
    }

    /** Answers once this node applied the change, so that its CONFIG GET shows it. */
    @Override
    public void setParameters(SetParametersRequest request, StreamObserver<ParametersReply> reply) {
        unary(reply, () -> {
            if (request.getParametersMap().isEmpty()) throw new IllegalArgumentException("no parameters given");
            ClusterParameters applied = joined(raft.setParameters(request.getParametersMap()));
            return ParametersReply.newBuilder().putAllParameters(applied.values()).build();
        });
    }

    /** Every ACL user as ACL LIST shows it: {@code user <name> <access string>}. */
    @Override
    public void listUsers(ListUsersRequest request, StreamObserver<ListUsersReply> reply) {
        unary(reply, () -> ListUsersReply.newBuilder().addAllUsers(users.users().all().stream()
                .map(u -> "user " + u.name() + " " + u.describe()).toList()).build());
    }

    /** ACL SETUSER with the rules of an access string; answers once this node applied it. */
    @Override
    public void setUser(SetUserRequest request, StreamObserver<SetUserReply> reply) {
        unary(reply, () -> {
            List<String> rules = java.util.Arrays.stream(request.getRules().trim().split("\\s+"))
                    .filter(r -> !r.isEmpty()).map(AdminService::binary).toList();
            joined(users.setUser(binary(request.getName()), rules));
            return SetUserReply.getDefaultInstance();
        });
    }

    @Override
    public void deleteUser(DeleteUserRequest request, StreamObserver<SetUserReply> reply) {
        unary(reply, () -> {
            if (joined(users.deleteUsers(List.of(binary(request.getName())))) == 0) {
                throw new IllegalArgumentException("no user " + request.getName());
            }
            return SetUserReply.getDefaultInstance();
        });
    }

    /** ACL names and rules are byte strings, one char per byte ({@link Latin1}); gRPC's are UTF-8. */
    private static String binary(String utf8) {
        return Latin1.text(utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Who the node at {@code address} (host:admin-port) is and where it listens, from its Health. */
    private NodeInfo identify(String address) {
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the new node's admin address is " + address + ": expected host:port");
        }
        try {
            HealthReply h = channels.blocking(address.substring(0, Math.max(colon, 0)), port)
                    .withDeadlineAfter(5, TimeUnit.SECONDS).health(HealthRequest.getDefaultInstance());
            if (!h.hasNode()) throw new IllegalStateException("the node at " + address + " does not say where it listens");
            return h.getNode();
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("cannot reach the new node at " + address + ": " + AdminChannels.reason(e.getStatus()));
        }
    }

    private java.util.Set<String> live() {
        return ClusterProbe.of(channels, shape().nodes()).live();
    }

    private ClusterShape shape() {
        ClusterShape shape = raft.shape();
        if (shape == null) throw new IllegalStateException("this node does not know the cluster's shape yet (not bootstrapped, or not added)");
        return shape;
    }

    /**
     * Runs {@code local} when this node leads the meta group, else forwards the call to the leader.
     * A leader that cannot be reached may just have died: the call waits (bounded) for the meta
     * group to elect another, and goes there.
     */
    private <T> T viaMetaLeader(Work<T> local, Function<NodeInfo, T> forward) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + META_LEADER_WAIT_NANOS;
        StatusRuntimeException unreachable = null;
        while (true) {
            ShardStatus meta = raft.status(ShardGroups.META);
            if (meta.role().equals("leader")) return local.run();
            NodeInfo leader = meta.leaderId().isEmpty() ? null : shape().node(meta.leaderId()).orElse(null);
            if (leader != null) {
                try {
                    return forward.apply(leader);
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) throw e;
                    unreachable = relabeled(e, leader);
                }
            }
            if (System.nanoTime() > deadline) {
                if (unreachable != null) throw unreachable;
                throw new IllegalStateException("this node knows no meta group leader (an election, or it is not a member); ask another node");
            }
            Thread.sleep(300);
        }
    }

    /** A change forwarded to the leader is retried only while the leader has not begun it. */
    private void onMetaLeader(StreamObserver<Progress> reply, Function<AdminServiceBlockingStub, Iterator<Progress>> forward,
                              ProgressWork local) {
        streamed(reply, p -> viaMetaLeader(() -> {
            local.run(p);
            return null;
        }, leader -> {
            boolean begun = false;
            try {
                Iterator<Progress> steps = forward.apply(channels.blocking(leader));
                while (steps.hasNext()) {
                    Progress step = steps.next();
                    begun = true;
                    p.step(step.getDone(), step.getTotal(), step.getStep());
                }
                return null;
            } catch (StatusRuntimeException e) {
                throw begun && e.getStatus().getCode() == Status.Code.UNAVAILABLE ? relabeled(e, leader) : e;
            }
        }));
    }

    private <T> void unaryOnMetaLeader(StreamObserver<T> reply, Function<AdminServiceBlockingStub, T> forward, Work<T> local) {
        unary(reply, () -> viaMetaLeader(local, leader -> forward.apply(channels.blocking(leader))));
    }

    /** An unreachable leader is a failed operation for the caller, who did reach this node. */
    private static StatusRuntimeException relabeled(StatusRuntimeException e, NodeInfo leader) {
        return Status.ABORTED.withDescription("the meta group's leader " + leader.getId() + " could not be reached ("
                + AdminChannels.reason(e.getStatus()) + "); a change it had begun can be run again").asRuntimeException();
    }

    /** Moves slot ranges to a shard, with the move's steps; ends once the move has (see {@link io.memstone.raft.Resharding}). */
    @Override
    public void moveSlots(MoveSlotsRequest request, StreamObserver<Progress> reply) {
        streamed(reply, p -> {
            List<int[]> ranges = request.getRangesList().stream().map(r -> new int[] {r.getFirst(), r.getLast()}).toList();
            if (ranges.isEmpty()) throw new IllegalArgumentException("no slot ranges");
            raft.resharding().moveSlots(ranges, request.getToShard(), p);
        });
    }

    @Override
    public void addShard(AddShardRequest request, StreamObserver<Progress> reply) {
        streamed(reply, p -> raft.resharding().addShard(p));
    }

    @Override
    public void removeShard(RemoveShardRequest request, StreamObserver<Progress> reply) {
        streamed(reply, p -> raft.resharding().removeShard(request.getShard(), p));
    }

    /** The operation's result, or the exception it failed with (unwrapped, so its status says why). */
    private static <T> T joined(java.util.concurrent.CompletableFuture<T> operation) {
        try {
            return operation.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    private static <T> void unary(StreamObserver<T> reply, Work<T> work) {
        T result;
        try {
            result = work.run();
        } catch (Throwable t) {
            reply.onError(status(t).asRuntimeException());
            return;
        }
        reply.onNext(result);
        reply.onCompleted();
    }

    private static void streamed(StreamObserver<Progress> reply, ProgressWork work) {
        try {
            work.run((done, total, what) -> reply.onNext(Progress.newBuilder().setDone(done).setTotal(total).setStep(what).build()));
        } catch (Throwable t) {
            reply.onError(status(t).asRuntimeException());
            return;
        }
        reply.onCompleted();
    }

    /** Bad requests, refused changes and failed ones are told apart, so the CLI's exit status can be. */
    private static Status status(Throwable t) {
        if (t instanceof StatusRuntimeException e) return e.getStatus();
        if (t instanceof IllegalArgumentException) return Status.INVALID_ARGUMENT.withDescription(t.getMessage());
        if (t instanceof IllegalStateException) return Status.FAILED_PRECONDITION.withDescription(t.getMessage());
        if (t instanceof IOException || t instanceof ShardUnavailableException) return Status.ABORTED.withDescription(t.getMessage());
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return Status.CANCELLED.withDescription("interrupted");
        }
        LOG.error("admin call failed", t);
        return Status.INTERNAL.withDescription(t.toString());
    }
}
