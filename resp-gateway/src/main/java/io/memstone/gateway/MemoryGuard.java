package io.memstone.gateway;

import io.memstone.command.CommandSpec;
import io.memstone.engine.Reply;

/**
 * The gateway's early maxmemory refusal, under the noeviction policy: a command that may grow
 * the data (DENYOOM) is refused before anything is proposed when this node's replica of its
 * shard holds more data than maxmemory, so that MULTI refuses it when queued, as Redis does.
 * The shard leader decides again for every batch (the engine's MemoryAdmission): it evicts under
 * the other policies, and answers OOM where this node holds no replica of the shard or its
 * replica lags. A keyless command compares the data of every shard replica on this node.
 */
final class MemoryGuard {
    static final Reply OOM = GatewayErrors.error("OOM command not allowed when used memory > 'maxmemory'.");
    /** The slot of a command without keys. */
    static final int KEYLESS = -1;

    private final Parameters parameters;
    private final ServerInfo server;
    /** 0 when there is no limit or the policy evicts: then the leader alone decides. */
    private volatile long noevictionLimit;

    MemoryGuard(Parameters parameters, ServerInfo server) {
        this.parameters = parameters;
        this.server = server;
        configure();
        parameters.addListener(this::configure);
    }

    private void configure() {
        boolean noeviction = parameters.get(ParameterTable.MAXMEMORY_POLICY).equals("noeviction");
        noevictionLimit = noeviction ? Long.parseUnsignedLong(parameters.get(ParameterTable.MAXMEMORY)) : 0;
    }

    /** Whether {@code spec}, on {@code slot} (or {@link #KEYLESS}), is refused now. */
    boolean refuses(CommandSpec spec, int slot) {
        long limit = noevictionLimit;
        if (limit == 0 || !spec.flags().contains("DENYOOM")) return false;
        long used = slot == KEYLESS ? server.dataBytes() : server.shardDataBytes(slot);
        return Long.compareUnsigned(used, limit) > 0 && used >= 0;
    }
}
