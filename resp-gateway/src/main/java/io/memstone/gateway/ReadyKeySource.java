package io.memstone.gateway;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where a gateway learns that keys received elements, so the clients blocked on them try
 * again. A node passes on what its own shard replicas report after apply: every replica applies
 * every entry, so each node learns it without any message between nodes.
 */
public interface ReadyKeySource {
    /** Calls {@code listener}, on any thread, with keys an applied write pushed elements into. */
    void onReadyKeys(Consumer<List<byte[]>> listener);

    /**
     * Whether writes to {@code slot} are reported here; when not (this node holds no replica of
     * the slot's shard), the gateway retries its clients blocked on that slot on a timer.
     */
    boolean covers(int slot);

    /** Reports nothing: blocked clients are retried on the timer only. */
    ReadyKeySource NONE = new ReadyKeySource() {
        @Override
        public void onReadyKeys(Consumer<List<byte[]>> listener) {}

        @Override
        public boolean covers(int slot) {
            return false;
        }
    };
}
