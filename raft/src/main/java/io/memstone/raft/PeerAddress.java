package io.memstone.raft;

/** A member of the cluster as Raft sees it: id, zone tag and Raft (gRPC) address. */
public record PeerAddress(String id, String zone, String host, int raftPort) {
    String address() {
        return host + ":" + raftPort;
    }
}
