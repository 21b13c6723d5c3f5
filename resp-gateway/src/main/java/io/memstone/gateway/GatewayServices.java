package io.memstone.gateway;

import com.codahale.metrics.MetricRegistry;

/**
 * What a gateway takes from the node besides its executor and identity: the replication view
 * (ROLE, LASTSAVE, INFO), the parameters CONFIG reads and sets, the registry its
 * statistics go to (the node exports it), and the bus PUBLISH reaches the other nodes by.
 */
public record GatewayServices(ReplicationInfo replication, Parameters parameters, MetricRegistry metrics, PubSubBus bus) {

    /** A gateway whose PUBLISH reaches only its own subscribers. */
    public GatewayServices(ReplicationInfo replication, Parameters parameters, MetricRegistry metrics) {
        this(replication, parameters, metrics, PubSubBus.LOCAL);
    }

    /** A lone gateway: standalone master, node-local parameters, a registry nobody exports. */
    public static GatewayServices standalone() {
        return new GatewayServices(ReplicationInfo.STANDALONE, new LocalParameters(), new MetricRegistry());
    }
}
