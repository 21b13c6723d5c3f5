package io.memstone.acl;

import io.memstone.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One ACL user as Redis 7.0 models it: enabled or not, its password hashes (or nopass), and
 * its selectors, the root one first. Built by applying rules to a copy; a user published in
 * {@link AclUsers} is never changed again, so any thread may read it.
 */
public final class AclUser {
    public static final String DEFAULT = "default";

    private final String name;
    private final AclCommandTable table;
    private boolean enabled;
    private boolean nopass;
    /** Redis' sanitize-payload flags: neither until a rule (or reset) sets one. */
    private String sanitize;
    private final List<String> passwords = new ArrayList<>();
    private final List<AclSelector> selectors = new ArrayList<>();

    private AclUser(String name, AclCommandTable table) {
        this.name = name;
        this.table = table;
    }

    /** A new user as ACL SETUSER creates it: off, no password, no permissions. */
    static AclUser create(String name, AclCommandTable table) {
        AclUser u = new AclUser(name, table);
        u.selectors.add(new AclSelector(table));
        return u;
    }

    /** Redis' default user: on, nopass, every key, channel and command. */
    static AclUser defaultUser(AclCommandTable table) {
        AclUser u = create(DEFAULT, table);
        try {
            for (String rule : List.of("+@all", "~*", "&*", "on", "nopass")) u.apply(rule);
        } catch (AclRuleException e) {
            throw new IllegalStateException(e);
        }
        return u;
    }

    AclUser copy() {
        AclUser c = new AclUser(name, table);
        c.enabled = enabled;
        c.nopass = nopass;
        c.sanitize = sanitize;
        c.passwords.addAll(passwords);
        selectors.forEach(s -> c.selectors.add(s.copy()));
        return c;
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean nopass() {
        return nopass;
    }

    /** Applies one rule (Redis' ACLSetUser); passwords arrive hashed ({@code #h}, {@code !h}) or clear. */
    void apply(String op) throws AclRuleException {
        if (op.isEmpty()) return;
        String lower = op.toLowerCase(Locale.ROOT);
        char first = op.charAt(0);
        switch (lower) {
            case "on" -> enabled = true;
            case "off" -> enabled = false;
            case "skip-sanitize-payload", "sanitize-payload" -> sanitize = lower;
            case "nopass" -> {
                nopass = true;
                passwords.clear();
            }
            case "resetpass" -> {
                nopass = false;
                passwords.clear();
            }
            case "clearselectors" -> selectors.subList(1, selectors.size()).clear();
            case "reset" -> {
                for (String r : List.of("resetpass", "resetkeys", "resetchannels", "off", "sanitize-payload",
                        "clearselectors", "-@all")) {
                    apply(r);
                }
            }
            default -> {
                if (first == '>' || first == '#') {
                    String hash = first == '>' ? PasswordHash.of(Latin1.bytes(op.substring(1))) : validHash(op);
                    if (!passwords.contains(hash)) passwords.add(hash);
                    nopass = false;
                } else if (first == '<' || first == '!') {
                    String hash = first == '<' ? PasswordHash.of(Latin1.bytes(op.substring(1))) : validHash(op);
                    if (!passwords.remove(hash)) throw new AclRuleException(AclRuleException.NO_SUCH_PASSWORD);
                } else if (first == '(' && op.charAt(op.length() - 1) == ')') {
                    selectors.add(selectorOf(op.substring(1, op.length() - 1)));
                } else {
                    selectors.get(0).apply(op);
                }
            }
        }
    }

    private static String validHash(String op) throws AclRuleException {
        String hash = op.substring(1);
        if (!PasswordHash.valid(hash)) throw new AclRuleException(AclRuleException.BAD_HASH);
        return hash;
    }

    private AclSelector selectorOf(String rules) throws AclRuleException {
        AclSelector s = new AclSelector(table);
        for (String rule : rules.trim().split("\\s+")) {
            if (!rule.isEmpty()) s.apply(rule);
        }
        return s;
    }

    /** Redis' ACLCheckUserCredentials, for an existing user. */
    public boolean accepts(byte[] password) {
        if (!enabled) return false;
        if (nopass) return true;
        String hash = PasswordHash.of(password);
        boolean match = false;
        for (String p : passwords) match |= PasswordHash.same(p, hash);
        return match;
    }

    /**
     * Redis' ACLCheckAllUserCommandPerm: null if a selector allows the command with these
     * arguments, else the refusal to report.
     */
    public Denial check(CommandSpec spec, byte[][] argv) {
        Denial relevant = new Denial(Denial.Reason.COMMAND, 0);
        for (AclSelector s : selectors) {
            Denial d = s.check(spec, argv);
            if (d == null) return null;
            if (d.outranks(relevant)) relevant = d;
        }
        return relevant;
    }

    /** The user as ACL LIST describes it, after {@code user <name> }. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (String flag : flags()) out.append(flag).append(' ');
        passwords.forEach(p -> out.append('#').append(p).append(' '));
        out.append(selectors.get(0).describe());
        for (AclSelector s : selectors.subList(1, selectors.size())) out.append(" (").append(s.describe()).append(')');
        return out.toString();
    }

    /** Flags in Redis' order: on or off, nopass, the sanitize-payload flag. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        flags.add(enabled ? "on" : "off");
        if (nopass) flags.add("nopass");
        if (sanitize != null) flags.add(sanitize);
        return flags;
    }

    public List<String> passwordHashes() {
        return List.copyOf(passwords);
    }

    /** A selector as ACL GETUSER shows it. */
    public record SelectorView(String commands, String keys, String channels) {}

    public List<SelectorView> selectorViews() {
        return selectors.stream()
                .map(s -> new SelectorView(s.describeCommands(), s.describeKeys(), s.describeChannels())).toList();
    }
}
