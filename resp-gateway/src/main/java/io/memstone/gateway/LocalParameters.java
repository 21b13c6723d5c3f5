package io.memstone.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Parameters held by a standalone gateway alone (no meta group), starting from the defaults. */
public final class LocalParameters implements Parameters {
    private final Map<String, String> values = new ConcurrentHashMap<>(ParameterTable.defaults());
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long version;

    @Override
    public String get(String name) {
        String v = values.get(name);
        if (v == null) throw new IllegalArgumentException("no parameter " + name);
        return v;
    }

    @Override
    public synchronized CompletableFuture<Long> set(Map<String, String> changes) {
        for (String name : changes.keySet()) get(name);
        values.putAll(changes);
        listeners.forEach(Runnable::run);
        return CompletableFuture.completedFuture(++version);
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }
}
