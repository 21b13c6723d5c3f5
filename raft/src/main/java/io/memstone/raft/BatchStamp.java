package io.memstone.raft;

import com.google.protobuf.CodedOutputStream;
import io.memstone.engine.MemoryAdmission;
import io.memstone.proto.CommandBatch;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The leader's time and seed for a proposed {@link CommandBatch}, added without parsing or
 * copying the batch: a protobuf parser keeps the last value of a field it meets twice, so the
 * two fields encoded after the batch's bytes are what every replica reads.
 */
final class BatchStamp {
    private BatchStamp() {}

    static ByteString stamp(ByteString proposed, long timestampMs, long seed) {
        // Written even when zero (a builder would leave a zero out, and an earlier value would stand).
        byte[] stamp = new byte[CodedOutputStream.computeInt64Size(CommandBatch.TIMESTAMP_MS_FIELD_NUMBER, timestampMs)
                + CodedOutputStream.computeInt64Size(CommandBatch.SEED_FIELD_NUMBER, seed)];
        CodedOutputStream out = CodedOutputStream.newInstance(stamp);
        try {
            out.writeInt64(CommandBatch.TIMESTAMP_MS_FIELD_NUMBER, timestampMs);
            out.writeInt64(CommandBatch.SEED_FIELD_NUMBER, seed);
            out.checkNoSpaceLeft();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stamp's size was computed from the same fields", e);
        }
        return proposed.concat(UnsafeByteOperations.unsafeWrap(stamp));
    }

    /** The leader's maxmemory decision added the same way: victims to evict first, and the OOM mark. */
    static ByteString admit(ByteString stamped, MemoryAdmission.Decision decision) {
        int size = CodedOutputStream.computeBoolSize(CommandBatch.OVER_MAXMEMORY_FIELD_NUMBER, decision.overMaxmemory());
        for (byte[] k : decision.evict()) size += CodedOutputStream.computeByteArraySize(CommandBatch.EVICT_FIELD_NUMBER, k);
        byte[] fields = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(fields);
        try {
            for (byte[] k : decision.evict()) out.writeByteArray(CommandBatch.EVICT_FIELD_NUMBER, k);
            out.writeBool(CommandBatch.OVER_MAXMEMORY_FIELD_NUMBER, decision.overMaxmemory());
            out.checkNoSpaceLeft();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the fields' size was computed from the same values", e);
        }
        return stamped.concat(UnsafeByteOperations.unsafeWrap(fields));
    }
}
