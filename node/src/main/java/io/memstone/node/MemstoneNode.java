package io.memstone.node;

import io.memstone.gateway.GatewayServices;
import io.memstone.gateway.RespServer;
import io.memstone.node.admin.AdminServer;
import io.memstone.node.pubsub.ClusterPubSubBus;
import io.memstone.node.pubsub.PubSubBusService;
import io.memstone.raft.RaftNode;
import io.memstone.raft.RaftNodeOptions;
import io.memstone.raft.ShardGroups;
import io.memstone.raft.ShardStats;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Memstone node: its Raft server (shard groups), its RESP gateway, its admin service and its metrics. */
public final class MemstoneNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemstoneNode.class);

    private final NodeConfig config;
    private final RaftNode raft;
    private final RespServer gateway;
    private final AdminServer admin;
    private final NodeMetrics metrics;
    private final ReplicatedParameters parameters;
    private final ReplicatedAclStore users;
    private final ClusterPubSubBus pubSubBus;

    public MemstoneNode(NodeConfig config) throws java.io.IOException {
        this.config = config;
        NodeConfig.Member self = config.self();
        this.raft = new RaftNode(new RaftNodeOptions(config.nodeId(), config.nodes(), config.shards(),
                config.dataDir().resolve("raft"), config.payloadMode(), config.maxInFlight(), config.maxBatch(),
                config.retention(), config.join()));
        this.metrics = new NodeMetrics(self, raft, raft::hostedShards);
        this.parameters = new ReplicatedParameters(raft);
        this.users = new ReplicatedAclStore(raft);
        String token = config.adminToken().read().orElse(null);
        if (token == null) LOG.warn("no admin.token or admin.token-file in the config: the admin service refuses every call");
        this.pubSubBus = new ClusterPubSubBus(raft, token);
        this.gateway = new RespServer(self.host(), self.respPort(), new RaftCommandExecutor(raft),
                new NodeServerInfo(self, raft), new GatewayServices(
                        new NodeReplicationInfo(config, new ShardStats(raft, ShardGroups.FIRST_SHARD)),
                        parameters, metrics.registry(), pubSubBus, new ReplicaReadyKeys(raft), users));
        this.admin = new AdminServer(self.info(), raft, token, users, new PubSubBusService(gateway.subscriptions()));
    }

    public void start() throws Exception {
        raft.start();
        admin.start();
        metrics.start();
        gateway.start();
        NodeConfig.Member self = config.self();
        LOG.info("node {} ({}) serving RESP on {}:{}, admin on {}, metrics on {}, data in {}", self.id(), self.zone(),
                self.host(), self.respPort(), self.adminPort(), self.metricsPort(), config.dataDir());
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        metrics.close();
        admin.close();
        pubSubBus.close();
        parameters.close();
        users.close();
        raft.close();
        LOG.info("node {} stopped", config.nodeId());
    }
}
