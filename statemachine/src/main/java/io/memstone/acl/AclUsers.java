package io.memstone.acl;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * Every ACL user, by name in byte order (as ACL LIST and USERS list them). Immutable: a change
 * makes a new set, so readers on any thread see one consistent set. Replicas that apply the
 * same changes in the same order hold the same users.
 */
public final class AclUsers {
    private final AclCommandTable table;
    private final TreeMap<String, AclUser> users;

    private AclUsers(AclCommandTable table, TreeMap<String, AclUser> users) {
        this.table = table;
        this.users = users;
    }

    /** Only the default user, as a fresh Redis has. */
    public static AclUsers initial() {
        AclCommandTable table = AclCommandTable.redis();
        TreeMap<String, AclUser> users = new TreeMap<>();
        users.put(AclUser.DEFAULT, AclUser.defaultUser(table));
        return new AclUsers(table, users);
    }

    /** The user, or null if there is none of that name. */
    public AclUser get(String name) {
        return users.get(name);
    }

    public Collection<AclUser> all() {
        return Collections.unmodifiableCollection(users.values());
    }

    /**
     * Redis' ACLStringSetUser: every rule applied to a copy of the user (a new one if none
     * exists), all or nothing.
     *
     * @throws AclRuleException with Redis' message for the first refused rule
     */
    public AclUsers setUser(String name, List<String> rules) throws AclRuleException {
        if (AclRules.hasSpacesOrNul(name)) throw new AclRuleException("Usernames can't contain spaces or null characters");
        AclUser current = users.get(name);
        AclUser next = current == null ? AclUser.create(name, table) : current.copy();
        for (String rule : AclRules.merge(rules)) {
            try {
                next.apply(rule);
            } catch (AclRuleException e) {
                throw new AclRuleException("Error in ACL SETUSER modifier '" + rule + "': " + e.getMessage());
            }
        }
        TreeMap<String, AclUser> changed = new TreeMap<>(users);
        changed.put(name, next);
        return new AclUsers(table, changed);
    }

    /**
     * Without the named users.
     *
     * @throws AclRuleException if one of them is the default user, which cannot be removed
     */
    public AclUsers delete(Collection<String> names) throws AclRuleException {
        if (names.contains(AclUser.DEFAULT)) throw new AclRuleException("The 'default' user cannot be removed");
        TreeMap<String, AclUser> changed = new TreeMap<>(users);
        changed.keySet().removeAll(names);
        return new AclUsers(table, changed);
    }

    /** How many distinct users of these names exist (what ACL DELUSER deletes). */
    public int existing(Collection<String> names) {
        return (int) names.stream().distinct().filter(users::containsKey).count();
    }

    /** Commands of a category by full name, for ACL CAT. */
    public List<String> commandsIn(int category) {
        return table.namesIn(category);
    }
}
