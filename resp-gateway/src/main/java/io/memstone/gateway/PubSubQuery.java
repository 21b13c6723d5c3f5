package io.memstone.gateway;

import java.util.List;

/**
 * A PUBSUB introspection question each node answers for its own subscribers: CHANNELS (args:
 * an optional pattern), NUMSUB (args: channels) or NUMPAT, over shard channels when
 * {@code sharded} (SHARDCHANNELS, SHARDNUMSUB).
 */
public record PubSubQuery(What what, boolean sharded, List<byte[]> args) {
    public enum What { CHANNELS, NUMSUB, NUMPAT }

    /**
     * One node's answer: for CHANNELS the active channels, for NUMPAT the patterns (the union
     * over nodes is counted), for NUMSUB one count per asked channel.
     */
    public record Answer(List<byte[]> names, List<Long> counts) {}
}
