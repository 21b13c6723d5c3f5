package io.memstone.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupChangeTest {
    private static final List<String> THREE = List.of("n1", "n2", "n3");

    @Test
    void aNewNodeVotesUntilTheGroupHasItsVotersThenListens() {
        GroupChange voter = GroupChange.adding("meta", THREE, List.of(), "n4", 5);
        assertEquals(List.of("n1", "n2", "n3", "n4"), voter.newVoters());
        assertEquals(List.of("n4"), voter.joining());
        GroupChange listener = GroupChange.adding("meta", List.of("n1", "n2", "n3", "n4", "n5"), List.of(), "n6", 5);
        assertEquals(List.of("n6"), listener.newListeners());
        assertTrue(GroupChange.adding("meta", THREE, List.of(), "n2", 5).isNoop(), "adding a member changes nothing");
    }

    @Test
    void aListenerTakesTheVoteOfARemovedVoter() {
        GroupChange c = GroupChange.removing("meta", List.of("n1", "n2", "n3", "n4", "n5"), List.of("n6"), "n2");
        assertEquals(List.of("n1", "n3", "n4", "n5", "n6"), c.newVoters());
        assertEquals(List.of(), c.newListeners());
        assertEquals(List.of("n2"), c.leaving());
    }

    @Test
    void aReplacementTakesTheReplacedNodesPlace() {
        GroupChange c = GroupChange.replacing("shard-0", THREE, List.of(), "n3", "n4");
        assertEquals(List.of("n1", "n2", "n4"), c.newVoters());
        assertEquals(List.of("n4"), c.joining());
        assertEquals(List.of("n3"), c.leaving());
    }

    @Test
    void aChangeThatWouldLeaveNoLiveMajorityIsRefused() {
        GroupChange removeLive = GroupChange.removing("shard-0", THREE, List.of(), "n1");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> removeLive.checkSafe(Set.of("n1", "n3")));
        assertEquals("the change would leave shard-0 without a live majority: voters [n2, n3], of which [n2] unreachable", e.getMessage());
        removeLive.checkSafe(Set.of("n1", "n2", "n3"));

        GroupChange removeDead = GroupChange.removing("shard-0", THREE, List.of(), "n3");
        removeDead.checkSafe(Set.of("n1", "n2"));

        GroupChange replaceDead = GroupChange.replacing("shard-0", THREE, List.of(), "n3", "n4");
        replaceDead.checkSafe(Set.of("n1", "n2"));
        IllegalStateException lost = assertThrows(IllegalStateException.class, () -> replaceDead.checkSafe(Set.of("n1")));
        assertTrue(lost.getMessage().startsWith("shard-0 has lost its majority"), lost.getMessage());

        assertThrows(IllegalStateException.class, () -> GroupChange.removing("shard-9", List.of("n1"), List.of(), "n1").checkSafe(Set.of("n1")),
                "the last voter cannot leave");
    }
}
