package io.memstone.gateway;

import java.net.SocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The connected clients of one server, by id (ids start at 1 and are never reused). */
final class ClientRegistry {
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, ClientSession> clients = new ConcurrentSkipListMap<>();

    ClientSession open(SocketAddress remote, SocketAddress local) {
        ClientSession s = new ClientSession(nextId.getAndIncrement(), remote, local, System.currentTimeMillis());
        clients.put(s.id, s);
        return s;
    }

    void close(ClientSession s) {
        clients.remove(s.id);
    }

    Collection<ClientSession> all() {
        return clients.values();
    }

    int count() {
        return clients.size();
    }
}
