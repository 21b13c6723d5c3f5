package io.memstone.chaos.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * A cluster under test, as the nemeses and clients see it: nodes 0..size-1 that can be killed,
 * restarted, paused, resumed and cut off from each other. The local backend runs node processes
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

    /** The node leading the shard now (the highest term among those that say so), if any. */
    OptionalInt leader();

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

    /** Restarts killed nodes, resumes paused ones, removes every cut, puts clocks right: whatever faults are left. */
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
