package io.memstone.engine;

import java.util.function.Function;

/**
 * The maxmemory parameters a shard applies: the limit on its data bytes (0: none), the policy,
 * and the sampling and LFU settings. Configuration, not state: the leader decides evictions
 * with it, and OBJECT IDLETIME/FREQ read it, but what replicas store never depends on it.
 */
public record MemoryPolicy(long maxmemory, EvictionPolicy policy, int samples, int lfuLogFactor, int lfuDecayTime) {
    public static final MemoryPolicy DEFAULT = new MemoryPolicy(0, EvictionPolicy.NOEVICTION, 5, 10, 1);

    /** From parameters as CONFIG GET shows them, by name ({@code maxmemory}, {@code maxmemory-policy}...). */
    public static MemoryPolicy of(Function<String, String> parameter) {
        return new MemoryPolicy(Long.parseUnsignedLong(parameter.apply("maxmemory")),
                EvictionPolicy.named(parameter.apply("maxmemory-policy")),
                Integer.parseInt(parameter.apply("maxmemory-samples")),
                Integer.parseInt(parameter.apply("lfu-log-factor")),
                Integer.parseInt(parameter.apply("lfu-decay-time")));
    }

    /** Whether a shard holding {@code bytes} of data is over the limit (unsigned, as Redis' maxmemory). */
    boolean exceededBy(long bytes) {
        return maxmemory != 0 && Long.compareUnsigned(bytes, maxmemory) > 0;
    }
}
