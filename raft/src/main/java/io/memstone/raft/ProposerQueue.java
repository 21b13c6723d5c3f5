package io.memstone.raft;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Timer;

/** What a shard's proposer (its write or read batcher) shows of its work, for metrics. */
public interface ProposerQueue {

    /** Commands per batch sent, one sample per batch. */
    Histogram batchSizes();

    /** How long each command waited before its batch left. */
    Timer queueWait();

    /** How long each batch took from leaving to its replies (the Raft round trip, seen by the proposer). */
    Timer roundTrip();

    /** Commands waiting for the next batch. */
    int queued();

    /** Batches sent and not yet answered. */
    int inFlight();
}
