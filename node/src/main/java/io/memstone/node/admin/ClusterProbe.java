package io.memstone.node.admin;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.memstone.proto.admin.HealthReply;
import io.memstone.proto.admin.HealthRequest;
import io.memstone.proto.meta.NodeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Every node's Health, asked of all at once: a node that does not answer within the deadline is
 * unreachable, and the reason is kept. What describe shows and what membership changes count as live.
 */
record ClusterProbe(Map<String, HealthReply> replies, Map<String, String> errors) {
    private static final long DEADLINE_MS = 2000;

    static ClusterProbe of(AdminChannels channels, List<NodeInfo> nodes) {
        Map<String, ListenableFuture<HealthReply>> asked = new LinkedHashMap<>();
        for (NodeInfo n : nodes) {
            asked.put(n.getId(), channels.future(n).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                    .health(HealthRequest.getDefaultInstance()));
        }
        Map<String, HealthReply> replies = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<String, ListenableFuture<HealthReply>> a : asked.entrySet()) {
            try {
                replies.put(a.getKey(), a.getValue().get());
            } catch (ExecutionException e) {
                errors.put(a.getKey(), AdminChannels.reason(Status.fromThrowable(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.put(a.getKey(), "interrupted");
            }
        }
        return new ClusterProbe(replies, errors);
    }

    /** Ids of the nodes that answered. */
    Set<String> live() {
        return replies.keySet();
    }
}
