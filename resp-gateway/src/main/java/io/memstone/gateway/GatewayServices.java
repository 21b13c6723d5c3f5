package io.memstone.gateway;

import com.codahale.metrics.MetricRegistry;

/**
 * What a gateway takes from the node besides its executor and identity: the replication view
 * (ROLE, LASTSAVE, INFO), the parameters CONFIG reads and sets, the registry its
 * statistics go to (the node exports it), the bus PUBLISH reaches the other nodes by, and
 * where its ACL users live.
 */
public record GatewayServices(ReplicationInfo replication, Parameters parameters, MetricRegistry metrics, PubSubBus bus,
                              AclStore acl) {

    /** A gateway whose PUBLISH reaches only its own subscribers. */
    public GatewayServices(ReplicationInfo replication, Parameters parameters, MetricRegistry metrics) {
        this(replication, parameters, metrics, PubSubBus.LOCAL);
    }

    /** A gateway whose ACL users are its own. */
    public GatewayServices(ReplicationInfo replication, Parameters parameters, MetricRegistry metrics, PubSubBus bus) {
        this(replication, parameters, metrics, bus, new LocalAclStore());
    }

    /** A lone gateway: standalone master, node-local parameters, a registry nobody exports. */
    public static GatewayServices standalone() {
        return new GatewayServices(ReplicationInfo.STANDALONE, new LocalParameters(), new MetricRegistry());
    }
}
