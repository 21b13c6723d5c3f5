package io.memstone.gateway;

import io.memstone.acl.AclRuleException;
import io.memstone.acl.AclRules;
import io.memstone.acl.AclUsers;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** ACL users held by a standalone gateway alone (no meta group), starting with the default user. */
public final class LocalAclStore implements AclStore {
    private volatile AclUsers users = AclUsers.initial();
    private final List<Consumer<AclUsers>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public AclUsers users() {
        return users;
    }

    /** Checked with the rules as given first, so that a refusal quotes them, not their hashes. */
    @Override
    public synchronized CompletableFuture<Void> setUser(String name, List<String> rules) {
        try {
            users.setUser(name, rules);
            changed(users.setUser(name, AclRules.hashPasswords(rules)));
            return CompletableFuture.completedFuture(null);
        } catch (AclRuleException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage()));
        }
    }

    @Override
    public synchronized CompletableFuture<Integer> deleteUsers(List<String> names) {
        try {
            int existing = users.existing(names);
            changed(users.delete(names));
            return CompletableFuture.completedFuture(existing);
        } catch (AclRuleException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage()));
        }
    }

    private void changed(AclUsers next) {
        users = next;
        listeners.forEach(l -> l.accept(next));
    }

    @Override
    public void addListener(Consumer<AclUsers> listener) {
        listeners.add(listener);
    }
}
