package io.memstone.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test where what it needs is missing, saying why in the build's output as well as in its report. */
public final class Skip {
    private Skip() {}

    /** @param why what is missing, or null when nothing is */
    public static void unless(String test, String why) {
        if (why != null) System.out.println(test + ": SKIPPING: " + why);
        assumeTrue(why == null, () -> "SKIPPING: " + why);
    }
}
