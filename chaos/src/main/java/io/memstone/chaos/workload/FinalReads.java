package io.memstone.chaos.workload;

import io.memstone.chaos.cluster.ChaosCluster;
import io.memstone.chaos.history.History;
import io.memstone.chaos.history.Op;
import java.time.Duration;
import java.util.OptionalInt;
import redis.clients.jedis.Jedis;

/** After healing: each of the workload's final-read keys read until one read succeeds (bounded), recorded in its history. */
public final class FinalReads {
    /** Process id of the final reads, apart from the clients'. */
    static final int PROCESS = -1;

    private FinalReads() {}

    public static void run(Workload workload, History history, ChaosCluster cluster, Duration opTimeout, Duration timeout)
            throws InterruptedException {
        for (String key : workload.finalReadKeys()) {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean done = false;
            while (!done && System.nanoTime() < deadline) {
                done = readOnce(workload, history, cluster, key, opTimeout);
                if (!done) Thread.sleep(200);
            }
        }
    }

    private static boolean readOnce(Workload workload, History history, ChaosCluster cluster, String key, Duration opTimeout) {
        OptionalInt leader = cluster.leader();
        try (Jedis jedis = Clients.connect(cluster.resp(leader.orElse(0)), opTimeout)) {
            if (jedis == null) return false;
            Op invoke = history.invoke(PROCESS, Op.Fn.READ, key, null);
            try {
                history.complete(invoke, Op.Type.OK, workload.apply(jedis, invoke), null);
                return true;
            } catch (RuntimeException e) {
                history.complete(invoke, Op.Type.FAIL, null, Clients.oneLine(e));
                return false;
            }
        }
    }
}
