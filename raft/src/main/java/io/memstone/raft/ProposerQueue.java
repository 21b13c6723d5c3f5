package io.memstone.raft;

import com.codahale.metrics.Histogram;

/** What a shard's proposer (its write or read batcher) shows of its work, for metrics. */
public interface ProposerQueue {

    /** Commands per batch sent, one sample per batch. */
    Histogram batchSizes();

    /** Commands waiting for the next batch. */
    int queued();

    /** Batches sent and not yet answered. */
    int inFlight();
}
