package io.memstone.chaos.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * A cluster under test, as the nemeses and clients see it: nodes 0..size-1 that can be killed,
 * restarted, paused, resumed, cut off from each other, and removed from the cluster and added back. The local backend runs node processes
 * on loopback addresses, the Docker backend containers on a private network.
 */
public interface ChaosCluster extends AutoCloseable {
    int size();

    /** The node's id in the cluster (n1, n2, ...). */
    String nodeId(int node);

    /** Where the node's RESP gateway listens. */
    HostAndPort resp(int node);

    /** Starts every node and waits until a leader is elected. */
    void start(Duration timeout) throws Exception;

    /** The node leading the first shard now (the highest term among those that say so), if any. */
    OptionalInt leader();

    /** The node leading the meta group, which makes membership changes, if any. */
    OptionalInt metaLeader();

    /** kill -9. */
    void kill(int node) throws Exception;

    /** Starts a killed node again with its data. */
    void restart(int node) throws Exception;

    /** SIGSTOP. */
    void pause(int node) throws Exception;

    /** SIGCONT. */
    void resume(int node) throws Exception;

    /** Why network partitions cannot be made here, or null when they can. */
    String partitionsUnavailable();

    /** Drops all traffic between the two nodes of each link, in both directions, until {@link #healNetwork}. */
    void cut(Set<Link> links) throws Exception;

    void healNetwork() throws Exception;

    /** Why node clocks cannot be skewed here, or null when they can. */
    String clockSkewUnavailable();

    /** Moves the node's wall clock (not its monotonic clock) by the offset from true time; 0 puts it right. */
    void skewClock(int node, Duration offset) throws Exception;

    /** Why nodes cannot be removed and added back here, or null when they can. */
    String membershipUnavailable();

    /**
     * Removes the node from every group through the admin service, then kills it, deletes its
     * data and starts it as a new node (same id and addresses) that waits to be added back.
     */
    void removeMember(int node) throws Exception;

    /** Adds a node removed by {@link #removeMember} back to the shards it held and waits until they have caught up on it. */
    void addMember(int node) throws Exception;

    /**
     * Restarts killed nodes, resumes paused ones, removes every cut, puts clocks right, adds
     * removed nodes back: whatever faults are left.
     */
    void healAll() throws Exception;

    /**
     * Waits until every node runs, a leader is elected and all replicas hold the same data
     * (applied index and digest); returns what was still wrong at the timeout, or null.
     */
    String awaitConverged(Duration timeout) throws InterruptedException;

    /** Where the nodes' logs are, for the report. */
    String logs();

    /** Deletes the nodes' data (after {@link #close}), keeping their logs. */
    void removeData() throws IOException;

    @Override
    void close();

    /** An undirected link between two nodes. */
    record Link(int a, int b) {
        public Link {
            if (a == b) throw new IllegalArgumentException("a link joins two nodes");
            if (a > b) {
                int t = a;
                a = b;
                b = t;
            }
        }
    }
}
