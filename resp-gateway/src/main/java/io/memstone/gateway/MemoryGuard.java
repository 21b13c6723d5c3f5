package io.memstone.gateway;

import io.memstone.command.CommandSpec;
import io.memstone.engine.Reply;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * maxmemory as redis-server's noeviction policy applies it: while this node uses more memory
 * than maxmemory (INFO's used_memory, the JVM heap in use), commands that may grow the data
 * (DENYOOM) are refused; reads, deletes and the rest go on. Nothing is evicted yet, so every
 * maxmemory-policy behaves as noeviction. A gateway decides before anything is proposed, so
 * the log holds only accepted writes and the replicas stay alike.
 */
final class MemoryGuard {
    static final Reply OOM = GatewayErrors.error("OOM command not allowed when used memory > 'maxmemory'.");
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final Parameters parameters;
    private volatile long maxmemory;

    MemoryGuard(Parameters parameters) {
        this.parameters = parameters;
        configure();
        parameters.addListener(this::configure);
    }

    private void configure() {
        maxmemory = Long.parseUnsignedLong(parameters.get(ParameterTable.MAXMEMORY));
    }

    /** Whether {@code spec} is refused now; costs a heap reading only when maxmemory is set. */
    boolean refuses(CommandSpec spec) {
        long limit = maxmemory;
        return limit != 0 && spec.flags().contains("DENYOOM")
                && Long.compareUnsigned(usedMemory(), limit) > 0;
    }

    /** The heap in use: what INFO memory reports as used_memory. */
    static long usedMemory() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
