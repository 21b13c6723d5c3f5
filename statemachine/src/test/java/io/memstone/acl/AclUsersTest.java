package io.memstone.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memstone.command.CommandSpec;
import io.memstone.command.CommandTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules, descriptions and checks of the ACL model; expected strings are what redis-server 7.0 answers. */
class AclUsersTest {
    private static final String P1 = "f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a";

    private static AclUser user(String... rules) throws AclRuleException {
        return AclUsers.initial().setUser("u", List.of(rules)).get("u");
    }

    private static Denial check(AclUser u, String... argv) {
        byte[][] args = new byte[argv.length][];
        for (int i = 0; i < argv.length; i++) args[i] = argv[i].getBytes(StandardCharsets.UTF_8);
        CommandSpec spec = CommandTable.redis().lookup(argv[0]);
        if (!spec.subcommands().isEmpty()) spec = spec.subcommand(argv[1]);
        return u.check(spec, args);
    }

    @Test
    void theDefaultUserMayDoAnything() {
        AclUser d = AclUsers.initial().get("default");
        assertEquals("on nopass ~* &* +@all", d.describe());
        assertTrue(d.accepts("anything".getBytes()));
        assertNull(check(d, "set", "k", "v"));
        assertNull(check(d, "publish", "c", "m"));
    }

    @Test
    void aNewUserIsOffWithoutPermissions() throws Exception {
        AclUser u = user();
        assertEquals("off resetchannels -@all", u.describe());
        assertFalse(u.accepts("x".getBytes()));
        assertEquals(Denial.Reason.COMMAND, check(u, "get", "k").reason());
    }

    @Test
    void passwordsAreStoredAsSha256AndChecked() throws Exception {
        AclUser u = user("on", ">p1");
        assertEquals(List.of(P1), u.passwordHashes());
        assertTrue(u.accepts("p1".getBytes()));
        assertFalse(u.accepts("p2".getBytes()));
        assertTrue(user("on", "#" + P1).accepts("p1".getBytes()));
        assertFalse(user(">p1").accepts("p1".getBytes()), "a disabled user accepts no password");
        assertEquals(List.of(), user(">p1", "<p1").passwordHashes());
        assertEquals(List.of(), user(">p1", "!" + P1).passwordHashes());
        assertTrue(user("on", ">p1", "nopass").accepts("other".getBytes()));
        assertFalse(user("on", "nopass", "resetpass").accepts("other".getBytes()));
    }

    @Test
    void describesLikeRedis() throws Exception {
        assertEquals("on #" + P1 + " ~a* %R~b* %W~c* resetchannels &ch* -@all +@read +config|get -get +select|0"
                        + " (~x* resetchannels -@all +set)",
                user("on", ">p1", "~a*", "%R~b*", "%W~c*", "%RW~a*", "&ch*", "+@read", "-get", "+config|get",
                        "+select|0", "(~x*", "+set)").describe());
        assertEquals("off ~* resetchannels +@all -@dangerous", user("+@all", "-@dangerous", "allkeys").describe());
        assertEquals("off sanitize-payload resetchannels -@all", user("reset").describe());
        assertEquals("off resetchannels -@all +@hash +get -hget +set", user("+get", "+set", "+@hash", "-hget").describe());
    }

    @Test
    void keyPermissionsFollowKeySpecFlags() throws Exception {
        AclUser u = user("on", "+@all", "%R~r*", "%W~w*", "~rw*");
        assertNull(check(u, "get", "r1"));
        assertEquals(new Denial(Denial.Reason.KEY, 1), check(u, "get", "w1"));
        assertNull(check(u, "set", "w1", "v"));
        assertEquals(new Denial(Denial.Reason.KEY, 1), check(u, "set", "w1", "v", "get"), "SET ... GET reads");
        assertNull(check(u, "bitfield", "r1", "get", "u8", "0"));
        assertEquals(new Denial(Denial.Reason.KEY, 1), check(u, "bitfield", "r1", "set", "u8", "0", "1"));
        assertEquals(new Denial(Denial.Reason.KEY, 1), check(u, "set", "r1", "v"));
        assertNull(check(u, "copy", "r1", "w1"));
        assertEquals(new Denial(Denial.Reason.KEY, 2), check(u, "copy", "r1", "r2"));
        assertNull(check(u, "lmove", "rw1", "rw2", "left", "right"));
    }

    @Test
    void channelsArePatternsForPublishAndLiteralForPsubscribe() throws Exception {
        AclUser u = user("on", "+@all", "&news.*");
        assertNull(check(u, "publish", "news.1", "m"));
        assertEquals(new Denial(Denial.Reason.CHANNEL, 1), check(u, "publish", "other", "m"));
        assertNull(check(u, "subscribe", "news.a", "news.b"));
        assertEquals(new Denial(Denial.Reason.CHANNEL, 2), check(u, "subscribe", "news.a", "x"));
        assertNull(check(u, "psubscribe", "news.*"));
        assertEquals(new Denial(Denial.Reason.CHANNEL, 1), check(u, "psubscribe", "news.1*"));
        assertNull(check(u, "unsubscribe", "anything"));
        assertEquals(new Denial(Denial.Reason.CHANNEL, 1), user("on", "+@all", "&news.*", "%R~x").check(
                CommandTable.redis().lookup("spublish"), new byte[][] {"spublish".getBytes(), "c".getBytes(), "m".getBytes()}),
                "SPUBLISH's channel is no key: only channel patterns cover it");
    }

    @Test
    void subcommandsAndFirstArgs() throws Exception {
        AclUser u = user("on", "+config|get", "+select|0", "+client");
        assertNull(check(u, "config", "get", "x"));
        assertEquals(Denial.Reason.COMMAND, check(u, "config", "set", "x", "y").reason());
        assertNull(check(u, "select", "0"));
        assertEquals(Denial.Reason.COMMAND, check(u, "select", "1").reason());
        assertNull(check(u, "client", "id"), "+container allows its subcommands");
        assertNull(check(u, "auth", "p"), "no-auth commands are always allowed");
    }

    @Test
    void aCommandRunsWhenOneSelectorAllowsAllOfIt() throws Exception {
        AclUser u = user("on", "+get", "~a*", "(+set ~b*)");
        assertNull(check(u, "get", "a1"));
        assertNull(check(u, "set", "b1", "v"));
        assertEquals(new Denial(Denial.Reason.KEY, 1), check(u, "get", "b1"),
                "the key refusal outranks the command refusal of the other selector");
        assertEquals(Denial.Reason.COMMAND, check(u, "del", "a1").reason());
        assertEquals("off ~a* resetchannels -@all +get", user("+get", "~a*", "(+set ~b*)", "clearselectors").describe());
    }

    @Test
    void refusedRulesSayWhyInRedisWords() {
        assertRefused("Error in ACL SETUSER modifier '+config|get|x': Allowing first-arg of a subcommand is not supported",
                "+config|get|x");
        assertRefused("Error in ACL SETUSER modifier 'foo': Syntax error", "foo");
        assertRefused("Error in ACL SETUSER modifier '~a': " + AclRuleException.KEY_AFTER_ALLKEYS, "~*", "~a");
        assertRefused("Error in ACL SETUSER modifier '&a': " + AclRuleException.CHANNEL_AFTER_ALLCHANNELS, "&*", "&a");
        assertRefused("Unmatched parenthesis in acl selector starting at '(~a'.", "(~a");
        assertRefused("Error in ACL SETUSER modifier '!abc': " + AclRuleException.BAD_HASH, "!abc");
        assertRefused("Error in ACL SETUSER modifier '<nopw': " + AclRuleException.NO_SUCH_PASSWORD, "<nopw");
        assertRefused("Error in ACL SETUSER modifier '+@nosuch': Unknown command or category name in ACL", "+@nosuch");
        assertRefused("Error in ACL SETUSER modifier '-get|x': Unknown command or category name in ACL", "-get|x");
        assertRefused("Error in ACL SETUSER modifier '+get|': Syntax error", "+get|");
        AclRuleException e = assertThrows(AclRuleException.class, () -> AclUsers.initial().setUser("a b", List.of()));
        assertEquals("Usernames can't contain spaces or null characters", e.getMessage());
    }

    @Test
    void aRefusedRuleChangesNothing() throws Exception {
        AclUsers users = AclUsers.initial().setUser("u", List.of("on", "+get"));
        assertThrows(AclRuleException.class, () -> users.setUser("u", List.of("+set", "bogus")));
        assertEquals("on resetchannels -@all +get", users.get("u").describe());
    }

    @Test
    void deletingKeepsTheDefaultUser() throws Exception {
        AclUsers users = AclUsers.initial().setUser("a", List.of()).setUser("b", List.of());
        assertEquals(2, users.existing(List.of("a", "b", "a", "c")));
        assertEquals(List.of("default"), users.delete(List.of("a", "b")).all().stream().map(AclUser::name).toList());
        assertThrows(AclRuleException.class, () -> users.delete(List.of("a", "default")));
    }

    @Test
    void clearPasswordsAreHashedBeforeTheyAreLogged() throws Exception {
        assertEquals(List.of("on", "#" + P1, "!" + P1, "~*"), AclRules.hashPasswords(List.of("on", ">p1", "<p1", "~*")));
        assertEquals(List.of("(~a >p1)"), AclRules.hashPasswords(List.of("(~a", ">p1)")), "a selector is left as it is");
    }

    @Test
    void everyCategoryHasCommandsAndCategoriesCoverEveryCommand() {
        AclUsers users = AclUsers.initial();
        for (int c = 0; c < AclCategories.NAMES.size(); c++) {
            assertFalse(users.commandsIn(c).isEmpty(), AclCategories.NAMES.get(c));
        }
        assertTrue(users.commandsIn(AclCategories.index("read")).contains("get"));
    }

    private static void assertRefused(String message, String... rules) {
        AclRuleException e = assertThrows(AclRuleException.class, () -> user(rules));
        assertEquals(message, e.getMessage());
    }
}
