package io.memstone.gateway;

import io.memstone.acl.AclUser;
import io.memstone.acl.AclUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connections of users that were deleted or turned off, whichever node changed
 * them: they apply here through the store's listener.
 */
final class UserSessions {
    private static final Logger LOG = LoggerFactory.getLogger(UserSessions.class);
    private final ClientRegistry clients;

    UserSessions(ClientRegistry clients) {
        this.clients = clients;
    }

    void usersChanged(AclUsers users) {
        for (ClientSession s : clients.all()) {
            AclUser user = users.get(s.user);
            if (user != null && user.enabled() || s.killed) continue;
            LOG.info("client {} ({}) closed: its user {} was {}", s.id, s.addr, s.user, user == null ? "deleted" : "disabled");
            s.killed = true;
            s.channel.close();
        }
    }
}
