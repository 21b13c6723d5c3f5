package io.memstone.acl;

import io.memstone.command.CommandSpec;
import io.memstone.command.KeySpec;
import io.memstone.engine.Glob;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One set of permissions of a user (Redis' aclSelector): the commands it allows, the keys and
 * the channels it may name. A user has a root selector and any number of {@code (...)} ones;
 * a command runs when one selector allows all of it.
 */
final class AclSelector {
    private final AclCommandTable table;
    private boolean allKeys;
    private boolean allChannels;
    /** Set by {@code +@all}, cleared by any denied command: then no bit needs testing. */
    private boolean allCommands;
    private final BitSet allowed;
    /** Redis' allowed_firstargs: for a denied command without subcommands, first arguments it may take. */
    private final Map<Integer, List<String>> firstArgs = new TreeMap<>();
    private final List<KeyPattern> patterns = new ArrayList<>();
    private final List<String> channels = new ArrayList<>();

    AclSelector(AclCommandTable table) {
        this.table = table;
        this.allowed = new BitSet(table.size() + 1);
    }

    AclSelector copy() {
        AclSelector c = new AclSelector(table);
        c.allKeys = allKeys;
        c.allChannels = allChannels;
        c.allCommands = allCommands;
        c.allowed.or(allowed);
        firstArgs.forEach((id, args) -> c.firstArgs.put(id, new ArrayList<>(args)));
        patterns.forEach(p -> c.patterns.add(p.copy()));
        c.channels.addAll(channels);
        return c;
    }

    /** Applies one rule (Redis' ACLSetSelector); a refused rule may have changed nothing yet. */
    void apply(String op) throws AclRuleException {
        String lower = op.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "allkeys", "~*" -> {
                allKeys = true;
                patterns.clear();
            }
            case "resetkeys" -> {
                allKeys = false;
                patterns.clear();
            }
            case "allchannels", "&*" -> {
                allChannels = true;
                channels.clear();
            }
            case "resetchannels" -> {
                allChannels = false;
                channels.clear();
            }
            case "allcommands", "+@all" -> {
                allowed.set(0, table.future() + 1);
                allCommands = true;
                firstArgs.clear();
            }
            case "nocommands", "-@all" -> {
                allowed.clear();
                allCommands = false;
                firstArgs.clear();
            }
            default -> applyPattern(op);
        }
    }

    private void applyPattern(String op) throws AclRuleException {
        char first = op.isEmpty() ? 0 : op.charAt(0);
        char second = op.length() > 1 ? op.charAt(1) : 0;
        if (first == '~' || first == '%') {
            addKeyPattern(op);
        } else if (first == '&') {
            if (allChannels) throw new AclRuleException(AclRuleException.CHANNEL_AFTER_ALLCHANNELS);
            String pattern = op.substring(1);
            if (AclRules.hasSpacesOrNul(pattern)) throw new AclRuleException(AclRuleException.SYNTAX);
            if (!channels.contains(pattern)) channels.add(pattern);
            allChannels = false;
        } else if (first == '+' && second != '@') {
            allowCommand(op.substring(1));
        } else if (first == '-' && second != '@') {
            int id = table.lookup(op.substring(1));
            if (id < 0) throw new AclRuleException(AclRuleException.UNKNOWN_COMMAND);
            changePermission(id, false);
        } else if ((first == '+' || first == '-') && second == '@') {
            int category = AclCategories.index(op.substring(2));
            if (category < 0) throw new AclRuleException(AclRuleException.UNKNOWN_COMMAND);
            for (int id = 0; id < table.size(); id++) {
                if (table.inCategory(id, category)) changePermission(id, first == '+');
            }
        } else {
            throw new AclRuleException(AclRuleException.SYNTAX);
        }
    }

    private void addKeyPattern(String op) throws AclRuleException {
        if (allKeys) throw new AclRuleException(AclRuleException.KEY_AFTER_ALLKEYS);
        int permissions = 0;
        int offset = 1;
        if (op.charAt(0) == '%') {
            for (; offset < op.length(); offset++) {
                char c = Character.toUpperCase(op.charAt(offset));
                if (c == 'R' && (permissions & KeyPattern.READ) == 0) {
                    permissions |= KeyPattern.READ;
                } else if (c == 'W' && (permissions & KeyPattern.WRITE) == 0) {
                    permissions |= KeyPattern.WRITE;
                } else if (op.charAt(offset) == '~') {
                    offset++;
                    break;
                } else {
                    throw new AclRuleException(AclRuleException.SYNTAX);
                }
            }
        } else {
            permissions = KeyPattern.ALL;
        }
        String pattern = offset > op.length() ? "" : op.substring(offset);
        if (AclRules.hasSpacesOrNul(pattern)) throw new AclRuleException(AclRuleException.SYNTAX);
        for (KeyPattern existing : patterns) {
            if (existing.pattern.equals(pattern)) {
                existing.permissions |= permissions;
                return;
            }
        }
        patterns.add(new KeyPattern(pattern, permissions));
        allKeys = false;
    }

    /** {@code +cmd}, {@code +container|sub}, or {@code +cmd|firstarg} for a command without subcommands. */
    private void allowCommand(String name) throws AclRuleException {
        int bar = name.lastIndexOf('|');
        if (bar < 0) {
            int id = table.lookup(name);
            if (id < 0) throw new AclRuleException(AclRuleException.UNKNOWN_COMMAND);
            changePermission(id, true);
            return;
        }
        int id = table.lookup(name.substring(0, bar));
        if (id < 0) throw new AclRuleException(AclRuleException.UNKNOWN_COMMAND);
        if (table.isSubcommand(id)) throw new AclRuleException(AclRuleException.FIRST_ARG_OF_SUBCOMMAND);
        String sub = name.substring(bar + 1);
        if (sub.isEmpty()) throw new AclRuleException(AclRuleException.SYNTAX);
        if (table.hasSubcommands(id)) {
            int subId = table.lookup(name);
            if (subId < 0) throw new AclRuleException(AclRuleException.UNKNOWN_COMMAND);
            changePermission(subId, true);
            return;
        }
        List<String> args = firstArgs.computeIfAbsent(id, k -> new ArrayList<>());
        if (args.stream().noneMatch(a -> a.equalsIgnoreCase(sub))) args.add(sub);
    }

    /** Redis' ACLChangeSelectorPerm: a container's subcommands go with it. */
    private void changePermission(int id, boolean allow) {
        setBit(id, allow);
        firstArgs.remove(id);
        if (table.hasSubcommands(id)) {
            for (int sub : table.subcommands(id)) setBit(sub, allow);
        }
    }

    private void setBit(int id, boolean allow) {
        allowed.set(id, allow);
        if (!allow) allCommands = false;
    }

    /** Redis' ACLSelectorCheckCmd: null when this selector allows the command with these arguments. */
    Denial check(CommandSpec spec, byte[][] argv) {
        int id = table.id(spec);
        if (!allCommands && !spec.flags().contains("NO_AUTH") && (id < 0 || !allowed.get(id))
                && !firstArgAllowed(id, argv)) {
            return new Denial(Denial.Reason.COMMAND, 0);
        }
        if (!allKeys) {
            for (KeySpec ks : spec.keySpecs()) {
                if (ks.notKey()) continue;
                int needed = KeyAccess.needed(spec, ks, argv);
                for (int pos : ks.positions(argv)) {
                    if (!keyAllowed(argv[pos], needed)) return new Denial(Denial.Reason.KEY, pos);
                }
            }
        }
        ChannelArgs channelArgs = ChannelArgs.of(spec.fullName());
        if (!allChannels && channelArgs != null) {
            for (int pos = channelArgs.first(); pos <= channelArgs.last(argv.length); pos++) {
                if (!channelAllowed(argv[pos], channelArgs.patterns())) return new Denial(Denial.Reason.CHANNEL, pos);
            }
        }
        return null;
    }

    private boolean firstArgAllowed(int id, byte[][] argv) {
        List<String> args = id < 0 ? null : firstArgs.get(id);
        if (args == null || argv.length < 2) return false;
        String first = Latin1.text(argv[1]);
        return args.stream().anyMatch(a -> a.equalsIgnoreCase(first));
    }

    private boolean keyAllowed(byte[] key, int needed) {
        for (KeyPattern p : patterns) {
            if (p.grants(key, needed)) return true;
        }
        return false;
    }

    /** Whether this selector may use the channel; a pattern only if the user has that very pattern. */
    boolean channelAllowed(byte[] channel, boolean isPattern) {
        if (allChannels) return true;
        String name = Latin1.text(channel);
        for (String p : channels) {
            if (isPattern ? p.equals(name) : Glob.matches(Latin1.bytes(p), channel)) return true;
        }
        return false;
    }

    boolean allowsAllChannels() {
        return allChannels;
    }

    /** ACL LIST's form: keys, channels, then command rules. */
    String describe() {
        StringBuilder out = new StringBuilder();
        if (allKeys) {
            out.append("~* ");
        } else {
            patterns.forEach(p -> out.append(p).append(' '));
        }
        if (allChannels) {
            out.append("&* ");
        } else {
            out.append("resetchannels ");
            channels.forEach(c -> out.append('&').append(c).append(' '));
        }
        return out.append(describeCommands()).toString();
    }

    /** GETUSER's "keys": the patterns separated by spaces, {@code ~*} for all keys. */
    String describeKeys() {
        if (allKeys) return "~*";
        return String.join(" ", patterns.stream().map(KeyPattern::toString).toList());
    }

    /** GETUSER's "channels". */
    String describeChannels() {
        if (allChannels) return "&*";
        return String.join(" ", channels.stream().map(c -> "&" + c).toList());
    }

    /**
     * Rules that rebuild exactly this selector's allowed commands (Redis'
     * ACLDescribeSelectorCommandRules): {@code +@all} or {@code -@all}, then, greedily, the
     * category that fits best while any fits better than not, then single commands.
     */
    String describeCommands() {
        boolean additive = !allowed.get(table.future());
        StringBuilder rules = new StringBuilder(additive ? "-@all " : "+@all ");
        AclSelector fake = new AclSelector(table);
        AclSelector temp = new AclSelector(table);
        temp.allowed.or(allowed);
        try {
            fake.apply(additive ? "-@all" : "+@all");
            boolean[] applied = new boolean[AclCategories.NAMES.size()];
            while (true) {
                int best = -1;
                long minDiff = Integer.MAX_VALUE;
                long maxSame = 0;
                for (int c = 0; c < applied.length; c++) {
                    if (applied[c]) continue;
                    long on = 0;
                    long off = 0;
                    for (int id = 0; id < table.size(); id++) {
                        if (!table.inCategory(id, c)) continue;
                        if (temp.allowed.get(id)) on++; else off++;
                    }
                    long diff = additive ? off : on;
                    long same = additive ? on : off;
                    if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
                        best = c;
                        minDiff = diff;
                        maxSame = same;
                    }
                }
                if (best < 0) break;
                String name = AclCategories.NAMES.get(best);
                fake.apply((additive ? "+@" : "-@") + name);
                temp.apply((additive ? "-@" : "+@") + name);
                rules.append(additive ? "+@" : "-@").append(name).append(' ');
                applied[best] = true;
            }
        } catch (AclRuleException e) {
            throw new IllegalStateException("category rules are always valid", e);
        }
        for (int id = 0; id < table.size(); id++) {
            boolean bit = allowed.get(id);
            if (bit != fake.allowed.get(id)) {
                rules.append(bit ? '+' : '-').append(table.spec(id).fullName()).append(' ');
                fake.changePermission(id, bit);
            }
            List<String> args = firstArgs.get(id);
            if (!bit && args != null) {
                for (String a : args) rules.append('+').append(table.spec(id).fullName()).append('|').append(a).append(' ');
            }
        }
        rules.setLength(rules.length() - 1);
        return rules.toString();
    }
}
