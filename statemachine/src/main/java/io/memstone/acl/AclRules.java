package io.memstone.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of ACL SETUSER before they are applied: selectors spread over several arguments
 * joined into one, and clear passwords replaced by their hashes before the rules leave the
 * node that received them (the meta group's log holds no password).
 */
public final class AclRules {
    private AclRules() {}

    /**
     * Redis' ACLMergeSelectorArguments: {@code "(~a" "+get)"} becomes {@code "(~a +get)"}.
     *
     * @throws AclRuleException for a {@code (} never closed
     */
    static List<String> merge(List<String> rules) throws AclRuleException {
        List<String> merged = new ArrayList<>();
        StringBuilder selector = null;
        String opening = null;
        for (String op : rules) {
            if (selector == null && op.startsWith("(") && !op.endsWith(")")) {
                selector = new StringBuilder(op);
                opening = op;
                continue;
            }
            if (selector != null) {
                selector.append(' ').append(op);
                if (op.endsWith(")")) {
                    merged.add(selector.toString());
                    selector = null;
                }
                continue;
            }
            merged.add(op);
        }
        if (selector != null) {
            throw new AclRuleException("Unmatched parenthesis in acl selector starting at '" + opening + "'.");
        }
        return merged;
    }

    /**
     * The rules with selectors merged, {@code >pass} as {@code #sha256} and {@code <pass} as
     * {@code !sha256}; the same user results from either.
     *
     * @throws AclRuleException for a {@code (} never closed
     */
    public static List<String> hashPasswords(List<String> rules) throws AclRuleException {
        List<String> out = new ArrayList<>(rules.size());
        for (String r : merge(rules)) {
            if (r.startsWith(">")) {
                out.add("#" + PasswordHash.of(Latin1.bytes(r.substring(1))));
            } else if (r.startsWith("<")) {
                out.add("!" + PasswordHash.of(Latin1.bytes(r.substring(1))));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Redis' ACLStringHasSpaces: names and patterns may hold neither whitespace nor NUL. */
    static boolean hasSpacesOrNul(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == ' ' || (c >= '\t' && c <= '\r')) return true;
        }
        return false;
    }
}
