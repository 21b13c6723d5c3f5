package io.memstone.gateway;

import com.codahale.metrics.MetricRegistry;

/**
 * What a gateway takes from the node besides its executor and identity: the replication view
 * (ROLE, LASTSAVE, INFO), the parameters CONFIG reads and sets, the registry its
 * statistics go to (the node exports it), the bus PUBLISH reaches the other nodes by, and
 * where it hears of keys that received elements (for blocked clients), and where its ACL users live.
 */
public record GatewayServices(ReplicationInfo replication, Parameters parameters, MetricRegistry metrics, PubSubBus bus,
                              ReadyKeySource readyKeys, AclStore acl) {

    /** A gateway whose PUBLISH reaches only its own subscribers. */
    public GatewayServices(ReplicationInfo replication, Parameters parameters, MetricRegistry metrics) {
        this(replication, parameters, metrics, PubSubBus.LOCAL, ReadyKeySource.NONE);
    }

    /** A gateway whose ACL users are its own. */
    public GatewayServices(ReplicationInfo replication, Parameters parameters, MetricRegistry metrics, PubSubBus bus,
                           ReadyKeySource readyKeys) {
        this(replication, parameters, metrics, bus, readyKeys, new LocalAclStore());
    }

    /** A lone gateway: standalone master, node-local parameters, a registry nobody exports. */
    public static GatewayServices standalone() {
        return new GatewayServices(ReplicationInfo.STANDALONE, new LocalParameters(), new MetricRegistry());
    }

    /** A lone gateway over an executor that reports the keys its writes pushed elements into. */
    public static GatewayServices standalone(ReadyKeySource readyKeys) {
        return new GatewayServices(ReplicationInfo.STANDALONE, new LocalParameters(), new MetricRegistry(),
                PubSubBus.LOCAL, readyKeys);
    }
}
