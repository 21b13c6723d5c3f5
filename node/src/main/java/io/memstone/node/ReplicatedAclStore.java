package io.memstone.node;

import io.memstone.acl.AclRuleException;
import io.memstone.acl.AclRules;
import io.memstone.acl.AclUsers;
import io.memstone.gateway.AclStore;
import io.memstone.raft.RaftNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * ACL users in the meta group: read from this node's meta replica; a change is checked here
 * (so a refusal quotes the rules as given), its passwords hashed, proposed, and answered once
 * this node applied it. Every node's listeners run on every applied change, whoever made it.
 */
final class ReplicatedAclStore implements AclStore, AutoCloseable {
    private final RaftNode raft;
    private final MetaProposer proposer = new MetaProposer("acl-change");

    ReplicatedAclStore(RaftNode raft) {
        this.raft = raft;
    }

    @Override
    public AclUsers users() {
        return raft.users();
    }

    @Override
    public CompletableFuture<Void> setUser(String name, List<String> rules) {
        List<String> hashed;
        try {
            raft.users().setUser(name, rules);
            hashed = AclRules.hashPasswords(rules);
        } catch (AclRuleException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage()));
        }
        return proposer.propose(() -> raft.setUser(name, hashed)).thenApply(outcome -> {
            refusedIfError(outcome);
            return null;
        });
    }

    @Override
    public CompletableFuture<Integer> deleteUsers(List<String> names) {
        return proposer.propose(() -> raft.deleteUsers(names)).thenApply(outcome -> {
            refusedIfError(outcome);
            return Integer.parseInt(outcome.substring("OK ".length()));
        });
    }

    private static void refusedIfError(String outcome) {
        if (outcome.startsWith("ERR ")) throw new IllegalArgumentException(outcome.substring(4));
    }

    @Override
    public void addListener(Consumer<AclUsers> listener) {
        raft.onUsers(listener);
    }

    @Override
    public void close() {
        proposer.close();
    }
}
