package io.memstone.raft;

import io.memstone.proto.meta.MetaCommand;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meta group's state machine: the cluster's shape. Its log is small (one entry per change
 * of shape) and replayed whole at start, so it takes no snapshots.
 */
final class MetaStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MetaStateMachine.class);

    private final Consumer<ClusterShape> onChange;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private volatile ClusterShape shape;
    private volatile ClusterParameters parameters = ClusterParameters.DEFAULT;
    private final Consumer<ClusterParameters> onParameters;

    /**
     * @param onChange     told of every new shape, on the apply thread: must not block
     * @param onParameters told of every parameter change, likewise
     */
    MetaStateMachine(Consumer<ClusterShape> onChange, Consumer<ClusterParameters> onParameters) {
        this.onChange = onChange;
        this.onParameters = onParameters;
    }

    /** The applied shape, or null before the bootstrap entry is applied. */
    ClusterShape shape() {
        return shape;
    }

    /** The replicated parameter group as applied here (defaults until a change is applied). */
    ClusterParameters parameters() {
        return parameters;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        ByteString data = entry.getStateMachineLogEntry().getLogData();
        String outcome;
        try {
            outcome = apply(MetaCommand.parseFrom(data.toByteArray()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            outcome = "ERR unreadable meta entry";
            LOG.warn("{}: entry {} is not a meta command: {}", getId(), entry.getIndex(), e.getMessage());
        }
        updateLastAppliedTermIndex(TermIndex.valueOf(entry));
        return CompletableFuture.completedFuture(Message.valueOf(outcome));
    }

    private String apply(MetaCommand command) {
        switch (command.getOpCase()) {
            case BOOTSTRAP -> {
                if (shape != null) return "ignored: already bootstrapped";
                shape = new ClusterShape(command.getBootstrap());
                LOG.info("{}: cluster bootstrapped: {} nodes, {} shards", getId(),
                        shape.nodes().size(), shape.shards().size());
                onChange.accept(shape);
                return "OK";
            }
            case SET_SHARD_MEMBERS -> {
                return changeShape(s -> s.withShardMembers(command.getSetShardMembers()));
            }
            case ADD_NODE -> {
                return changeShape(s -> s.withNode(command.getAddNode()));
            }
            case REMOVE_NODE -> {
                return changeShape(s -> s.withoutNode(command.getRemoveNode()));
            }
            case SET_PARAMETERS -> {
                return setParameters(command.getSetParameters().getValuesMap());
            }
            default -> {
                return "ERR unknown meta command";
            }
        }
    }

    /** A membership change the admin service made in Ratis, recorded in the shape. */
    private String changeShape(UnaryOperator<ClusterShape> change) {
        if (shape == null) return "ERR cluster not bootstrapped yet";
        try {
            shape = change.apply(shape);
        } catch (IllegalArgumentException e) {
            return "ERR " + e.getMessage();
        }
        LOG.info("{}: shape epoch {}: nodes {}, shards {}", getId(), shape.map().getEpoch(),
                shape.nodes().stream().map(n -> n.getId()).toList(),
                shape.shards().stream().map(s -> s.getName() + s.getMembersList()).toList());
        onChange.accept(shape);
        return "OK";
    }

    private String setParameters(java.util.Map<String, String> changes) {
        try {
            parameters = parameters.with(changes);
        } catch (IllegalArgumentException e) {
            return "ERR " + e.getMessage();
        }
        LOG.info("{}: parameters set: {}", getId(), changes);
        onParameters.accept(parameters);
        return "OK";
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        ClusterShape s = shape;
        return CompletableFuture.completedFuture(Message.valueOf(
                s == null ? ByteString.EMPTY : ByteString.copyFrom(s.map().toByteArray())));
    }
}
