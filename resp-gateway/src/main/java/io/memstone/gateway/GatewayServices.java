package io.memstone.gateway;

import com.codahale.metrics.MetricRegistry;

/**
 * What a gateway takes from the node besides its executor and identity: the replication view
 * (ROLE, LASTSAVE, INFO), the parameters CONFIG reads and sets, and the registry its
 * statistics go to (the node exports it).
 */
public record GatewayServices(ReplicationInfo replication, Parameters parameters, MetricRegistry metrics) {

    /** A lone gateway: standalone master, node-local parameters, a registry nobody exports. */
    public static GatewayServices standalone() {
        return new GatewayServices(ReplicationInfo.STANDALONE, new LocalParameters(), new MetricRegistry());
    }
}
