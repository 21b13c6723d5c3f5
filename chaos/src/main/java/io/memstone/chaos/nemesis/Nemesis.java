package io.memstone.chaos.nemesis;

import io.memstone.chaos.cluster.ChaosCluster;
import java.util.Random;

/** A kind of fault; each {@link #inject} picks its targets from the cluster as it is at that moment. */
public interface Nemesis {
    String name();

    Fault inject(ChaosCluster cluster, Random random) throws Exception;
}
