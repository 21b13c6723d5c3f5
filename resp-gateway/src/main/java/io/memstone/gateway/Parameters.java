package io.memstone.gateway;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The server parameters CONFIG GET/SET read and change ({@link ParameterTable} lists them).
 * Values are canonical, as {@link ParameterTable#canonical} writes them and CONFIG GET shows
 * them. A node keeps them in the meta group, so a change made through one node applies on all;
 * a standalone gateway keeps them to itself ({@link LocalParameters}).
 */
public interface Parameters {

    /** The current value of a parameter of {@link ParameterTable}. */
    String get(String name);

    /**
     * Changes several parameters together, all or none; completes once they apply here (and,
     * cluster-wide, once the change is committed) with the parameters' new version (higher for
     * each change), or fails with why they were not changed.
     */
    CompletableFuture<Long> set(Map<String, String> values);

    /** Runs after every change, on the thread that applied it. */
    void addListener(Runnable listener);
}
