package io.memstone.gateway;

/** The three subscription namespaces of Redis 7.0 and the words their pushes use. */
public enum PubSubKind {
    CHANNEL("subscribe", "unsubscribe", "message"),
    PATTERN("psubscribe", "punsubscribe", "pmessage"),
    SHARD("ssubscribe", "sunsubscribe", "smessage");

    final String subscribed;
    final String unsubscribed;
    final String message;

    PubSubKind(String subscribed, String unsubscribed, String message) {
        this.subscribed = subscribed;
        this.unsubscribed = unsubscribed;
        this.message = message;
    }
}
