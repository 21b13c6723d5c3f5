package io.memstone.gateway;

import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The connected clients of one server, by id (ids start at 1 and are never reused), and
 * which of them are in MONITOR mode.
 */
final class ClientRegistry {
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, ClientSession> clients = new ConcurrentSkipListMap<>();
    private final Set<ClientSession> monitors = ConcurrentHashMap.newKeySet();
    private final List<Consumer<ClientSession>> closeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClientSession>> openListeners = new CopyOnWriteArrayList<>();

    ClientSession open(SocketAddress remote, SocketAddress local, ClientChannel channel) {
        ClientSession s = new ClientSession(nextId.getAndIncrement(), remote, local, System.currentTimeMillis(), channel);
        for (Consumer<ClientSession> listener : openListeners) listener.accept(s);
        clients.put(s.id, s);
        return s;
    }

    void close(ClientSession s) {
        if (clients.remove(s.id) == null) return; // closed already: cut off before its channel went inactive
        monitors.remove(s);
        for (Consumer<ClientSession> listener : closeListeners) listener.accept(s);
    }

    /** Runs {@code listener} for every new connection, before it runs anything. */
    void onOpen(Consumer<ClientSession> listener) {
        openListeners.add(listener);
    }

    /** Runs {@code listener} for every connection that closes (to drop what it held elsewhere). */
    void onClose(Consumer<ClientSession> listener) {
        closeListeners.add(listener);
    }

    Collection<ClientSession> all() {
        return clients.values();
    }

    ClientSession byId(long id) {
        return clients.get(id);
    }

    void startMonitor(ClientSession s) {
        s.monitor = true;
        monitors.add(s);
    }

    /** The MONITOR clients; usually none, which callers check first. */
    Set<ClientSession> monitors() {
        return monitors;
    }

    int count() {
        return clients.size();
    }
}
