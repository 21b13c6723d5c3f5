package io.memstone.gateway;

import io.memstone.acl.AclUser;
import io.memstone.acl.Denial;
import io.memstone.acl.Latin1;
import io.memstone.engine.Reply;

/** AUTH's and HELLO AUTH's check (Redis' ACLAuthenticateUser): a failure is logged as an ACL LOG auth entry. */
final class Authenticator {
    static final Reply WRONGPASS = Reply.error("WRONGPASS invalid username-password pair or user is disabled.");

    private final AclStore store;
    private final AclLog log;

    Authenticator(AclStore store, AclLog log) {
        this.store = store;
        this.log = log;
    }

    /** True when the connection is now authenticated as {@code username}. */
    boolean authenticate(ClientSession session, byte[] command, byte[] username, byte[] password) {
        String name = Latin1.text(username);
        AclUser user = store.users().get(name);
        if (user != null && user.accepts(password)) {
            session.authenticated = true;
            session.user = name;
            return true;
        }
        log.add(Denial.Reason.AUTH, session.transaction != null ? "multi" : "toplevel", command, username, session);
        return false;
    }

    /** Whether AUTH with a password alone makes sense: Redis refuses it while the default user needs none. */
    boolean defaultUserHasPassword() {
        return !store.users().get(AclUser.DEFAULT).nopass();
    }
}
