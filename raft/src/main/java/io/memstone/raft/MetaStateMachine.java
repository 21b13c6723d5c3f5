package io.memstone.raft;

import io.memstone.acl.AclRuleException;
import io.memstone.acl.AclUsers;
import io.memstone.acl.Latin1;
import io.memstone.proto.meta.AclDeleteUsers;
import io.memstone.proto.meta.AclSetUser;
import io.memstone.proto.meta.MetaCommand;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Consumer;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meta group's state machine: the cluster's shape, its parameters and its ACL users. Its
 * log grows by an entry per change, leader reports included, so it is snapshotted like a
 * shard's ({@link MetaSnapshots}) and purged up to the snapshot.
 */
final class MetaStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MetaStateMachine.class);

    private final Consumer<ClusterShape> onChange;
    /** The outcome of a valid change that was already made (a step repeated on resume). */
    static final String UNCHANGED = "OK unchanged";

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private volatile ClusterShape shape;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private volatile ClusterParameters parameters = ClusterParameters.DEFAULT;
    private final Consumer<ClusterParameters> onParameters;
    private volatile AclUsers users = AclUsers.initial();
    private final Consumer<AclUsers> onUsers;

    /**
     * @param onChange     told of every new shape, on the apply thread, after its entry counts as
     *                     applied: must not block
     * @param onParameters told of every parameter change, likewise
     */
    MetaStateMachine(Consumer<ClusterShape> onChange, Consumer<ClusterParameters> onParameters,
                     Consumer<AclUsers> onUsers) {
        this.onChange = onChange;
        this.onParameters = onParameters;
        this.onUsers = onUsers;
    }

    /** The ACL users as applied here (only the default user until a change is applied). */
    AclUsers users() {
        return users;
    }

    /** The applied shape, or null before the bootstrap entry is applied. */
    ClusterShape shape() {
        return shape;
    }

    /**
     * Completes once an applied shape satisfies {@code condition} (at once if the current one
     * does); cancel it to stop waiting.
     */
    CompletableFuture<Void> when(Predicate<ClusterShape> condition) {
        Watch watch = new Watch(condition, new CompletableFuture<>());
        watches.add(watch);
        // A watch given up on (cancelled by a caller that stopped waiting) leaves at once.
        watch.done().whenComplete((v, e) -> watches.remove(watch));
        checkWatches();
        return watch.done();
    }

    private record Watch(Predicate<ClusterShape> condition, CompletableFuture<Void> done) {}

    private void checkWatches() {
        ClusterShape now = shape;
        if (now == null) return;
        for (Watch w : watches) {
            if (w.condition().test(now)) w.done().complete(null);
        }
    }

    /** The replicated parameter group as applied here (defaults until a change is applied). */
    ClusterParameters parameters() {
        return parameters;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadLatestSnapshot();
    }

    /** After a snapshot was installed from the leader (this member lacked purged entries). */
    @Override
    public void reinitialize() throws IOException {
        storage.loadLatestSnapshot();
        loadLatestSnapshot();
    }

    private void loadLatestSnapshot() throws IOException {
        MetaSnapshots.State state = MetaSnapshots.readLatest(storage);
        if (state == null) return;
        shape = state.shape();
        parameters = state.parameters();
        users = state.users();
        updateLastAppliedTermIndex(storage.getLatestSnapshot().getTermIndex());
        LOG.info("{}: loaded the meta snapshot at index {}", getId(), storage.getLatestSnapshot().getIndex());
        if (shape != null) onChange.accept(shape);
        onParameters.accept(parameters);
        onUsers.accept(users);
        checkWatches();
    }

    /** On the apply thread, between entries: the state is that of the last applied entry. */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex applied = getLastAppliedTermIndex();
        if (applied == null || applied.getIndex() < 0) return RaftLog.INVALID_LOG_INDEX;
        SingleFileSnapshotInfo info = MetaSnapshots.write(storage, applied, new MetaSnapshots.State(shape, parameters, users));
        storage.updateLatestSnapshot(info);
        return applied.getIndex();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        ByteString data = entry.getStateMachineLogEntry().getLogData();
        ClusterShape before = shape;
        AclUsers usersBefore = users;
        String outcome;
        try {
            outcome = apply(MetaCommand.parseFrom(data.toByteArray()), entry.getIndex());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            outcome = "ERR unreadable meta entry";
            LOG.warn("{}: entry {} is not a meta command: {}", getId(), entry.getIndex(), e.getMessage());
        }
        updateLastAppliedTermIndex(TermIndex.valueOf(entry));
        // After the index moved, so that whoever waits for this entry sees it applied.
        if (shape != before) onChange.accept(shape);
        if (users != usersBefore) onUsers.accept(users);
        checkWatches();
        return CompletableFuture.completedFuture(Message.valueOf(outcome));
    }

    private String apply(MetaCommand command, long index) {
        switch (command.getOpCase()) {
            case BOOTSTRAP -> {
                if (shape != null) return "ignored: already bootstrapped";
                shape = new ClusterShape(command.getBootstrap());
                LOG.info("{}: cluster bootstrapped: {} nodes, {} shards", getId(),
                        shape.nodes().size(), shape.shards().size());
                return "OK";
            }
            case SET_PARAMETERS -> {
                return setParameters(command.getSetParameters().getValuesMap(), index);
            }
            case ACL_SET_USER -> {
                return setUser(command.getAclSetUser());
            }
            case ACL_DELETE_USERS -> {
                return deleteUsers(command.getAclDeleteUsers());
            }
            case OP_NOT_SET -> {
                return "ERR unknown meta command";
            }
            default -> {
                return change(command);
            }
        }
    }

    /** A change of an existing shape; an invalid one changes nothing and says why. */
    private String change(MetaCommand command) {
        ClusterShape current = shape;
        if (current == null) return "ERR the cluster is not bootstrapped";
        ClusterShape next;
        try {
            next = switch (command.getOpCase()) {
                case BEGIN_MOVE -> current.beginMove(command.getBeginMove());
                case SWITCH_MOVE -> current.switchMove(command.getSwitchMove());
                case END_MOVE -> current.endMove(command.getEndMove());
                case ADD_SHARD -> current.addShard(command.getAddShard());
                case REMOVE_SHARD -> current.removeShard(command.getRemoveShard());
                case SHARD_LEADER -> current.shardLeader(command.getShardLeader());
                case SET_SHARD_MEMBERS -> current.withShardMembers(command.getSetShardMembers());
                case ADD_NODE -> current.withNode(command.getAddNode());
                case REMOVE_NODE -> current.withoutNode(command.getRemoveNode());
                default -> throw new IllegalArgumentException("unknown meta command " + command.getOpCase());
            };
        } catch (IllegalArgumentException e) {
            return "ERR " + e.getMessage();
        }
        if (next == current) return UNCHANGED;
        shape = next;
        LOG.info("{}: {} applied, cluster epoch {}: nodes {}, shards {}", getId(),
                command.getOpCase().name().toLowerCase(java.util.Locale.ROOT), next.map().getEpoch(),
                next.nodes().stream().map(n -> n.getId()).toList(),
                next.shards().stream().map(s -> s.getName() + s.getMembersList()).toList());
        return "OK";
    }

    private String setParameters(java.util.Map<String, String> changes, long index) {
        try {
            parameters = parameters.with(changes).at(index);
        } catch (IllegalArgumentException e) {
            return "ERR " + e.getMessage();
        }
        LOG.info("{}: parameters set: {}", getId(), changes);
        onParameters.accept(parameters);
        return "OK";
    }

    /** A rule refused here (another change came first) is refused on every replica alike. */
    private String setUser(AclSetUser change) {
        List<String> rules = change.getRulesList().stream().map(r -> Latin1.text(r.toByteArray())).toList();
        String name = Latin1.text(change.getName().toByteArray());
        try {
            users = users.setUser(name, rules);
        } catch (AclRuleException e) {
            return "ERR " + e.getMessage();
        }
        LOG.info("{}: ACL user {} set", getId(), name);
        return "OK";
    }

    /** Outcome {@code OK <n>}: how many of the users existed. */
    private String deleteUsers(AclDeleteUsers change) {
        List<String> names = change.getNamesList().stream().map(n -> Latin1.text(n.toByteArray())).toList();
        try {
            int existing = users.existing(names);
            users = users.delete(names);
            LOG.info("{}: ACL users deleted: {} of {}", getId(), existing, names);
            return "OK " + existing;
        } catch (AclRuleException e) {
            return "ERR " + e.getMessage();
        }
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        ClusterShape s = shape;
        return CompletableFuture.completedFuture(Message.valueOf(
                s == null ? ByteString.EMPTY : ByteString.copyFrom(s.map().toByteArray())));
    }
}
