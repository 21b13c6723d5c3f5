package io.memstone.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MembershipNemesisTest {
    @Test
    void removesTheShardLeaderUnlessItMakesTheChange() {
        Random random = new Random(1);
        assertEquals(2, MembershipNemesis.target(3, OptionalInt.of(2), OptionalInt.of(0), random));
        for (int i = 0; i < 50; i++) {
            assertNotEquals(1, MembershipNemesis.target(3, OptionalInt.of(1), OptionalInt.of(1), random),
                    "the meta group's leader runs the change: it is not the one removed");
            assertNotEquals(0, MembershipNemesis.target(3, OptionalInt.empty(), OptionalInt.of(0), random));
        }
    }
}
