package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which route each batch takes, and when, as leadership moves while several batches are in flight. */
class OrderedProposalsTest {
    /** A route whose requests complete only when the test says so; records what it was sent, in order. */
    private static final class Held {
        final Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();

        CompletableFuture<String> take(String m) {
            CompletableFuture<String> f = new CompletableFuture<>();
            pending.put(m, f);
            return f;
        }

        List<String> sent() {
            return new ArrayList<>(pending.keySet());
        }
    }

    private final Held local = new Held();
    private final Held remote = new Held();
    private boolean leads = true;
    private final OrderedProposals<String, String> proposals = new OrderedProposals<>(new OrderedProposals.Local<>() {
        @Override
        public boolean isLeader() {
            return leads;
        }

        @Override
        public CompletableFuture<String> submit(String m) {
            return local.take(m);
        }
    }, remote::take, Runnable::run);

    @Test
    void batchesOverlapInTheLocalLeader() {
        CompletableFuture<String> a = proposals.propose("a");
        CompletableFuture<String> b = proposals.propose("b");
        assertEquals(List.of("a", "b"), local.sent(), "both are appended without waiting for one another");
        local.pending.get("b").complete("B");
        local.pending.get("a").complete("A");
        assertEquals("A", a.join());
        assertEquals("B", b.join());
    }

    @Test
    void throughTheClientABatchWaitsForTheOneBeforeIt() {
        leads = false;
        proposals.propose("a");
        CompletableFuture<String> b = proposals.propose("b");
        assertEquals(List.of("a"), remote.sent(), "b must not overtake a on its way to another leader");
        remote.pending.get("a").completeExceptionally(new RuntimeException("leader lost"));
        assertEquals(List.of("a", "b"), remote.sent(), "a has its outcome (a failure): b goes");
        remote.pending.get("b").complete("B");
        assertEquals("B", b.join());
    }

    @Test
    void aBatchTheLocalServerRefusedHoldsBackTheLaterOnes() {
        proposals.propose("a");
        proposals.propose("b");
        local.pending.get("a").complete(null); // stepped down before appending a
        assertEquals(List.of("a"), remote.sent(), "nothing was before a: it goes to the client at once");
        local.pending.get("b").complete(null);
        assertEquals(List.of("a"), remote.sent(), "b falls back too, but only once a has its outcome");
        CompletableFuture<String> c = proposals.propose("c");
        assertEquals(List.of("a", "b"), local.sent(), "c waits as well, even if the local server leads again");
        remote.pending.get("a").complete("A");
        assertEquals(List.of("a", "b"), remote.sent());
        remote.pending.get("b").complete("B");
        assertEquals(List.of("a", "b", "c"), local.sent(), "a and b settled: c goes to the local leader");
        local.pending.get("c").complete("C");
        assertEquals("C", c.join());
    }
}
