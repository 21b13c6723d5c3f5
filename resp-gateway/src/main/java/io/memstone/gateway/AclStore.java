package io.memstone.gateway;

import io.memstone.acl.AclUsers;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where a gateway's ACL users live. A node keeps them in the meta group, so a change made
 * through one node applies on all; a standalone gateway keeps them to itself ({@link LocalAclStore}).
 */
public interface AclStore {

    /** The users as they are now here. */
    AclUsers users();

    /**
     * ACL SETUSER with the rules as the client gave them (passwords in clear: the store hashes
     * them before they leave the node); completes once the change applies here, or fails with
     * Redis' reason ({@link IllegalArgumentException}).
     */
    CompletableFuture<Void> setUser(String name, List<String> rules);

    /** ACL DELUSER: completes with how many of the users existed, once they are gone here. */
    CompletableFuture<Integer> deleteUsers(List<String> names);

    /** Runs after every change, with the new users, on the thread that applied it. */
    void addListener(Consumer<AclUsers> listener);
}
