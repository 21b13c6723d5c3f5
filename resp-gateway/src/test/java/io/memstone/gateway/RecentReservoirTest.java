package io.memstone.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecentReservoirTest {
    @Test
    void fillsInOrderThenReplacesOldValuesWithNewOnes() {
        RecentReservoir r = new RecentReservoir(4);
        r.update(1);
        r.update(2);
        assertEquals(2, r.size());
        assertArrayEquals(new long[] {1, 2}, r.getSnapshot().getValues());
        for (long v = 3; v <= 1000; v++) r.update(v);
        assertEquals(4, r.size());
        long[] kept = r.getSnapshot().getValues();
        assertTrue(kept[0] > 4, "after a thousand updates none of the first four is likely left: " + Arrays.toString(kept));
        assertEquals(1000, r.getSnapshot().getMax(), "the newest value is always kept");
    }

    @Test
    void opsRateIsTheCommandRateOverTheLastSamples() {
        OpsRate rate = new OpsRate();
        rate.sample(0, 1_000);
        assertEquals(0, rate.perSecond(), "one sample is no rate yet");
        rate.sample(50, 1_100);
        assertEquals(500, rate.perSecond());
        for (int i = 2; i <= 20; i++) rate.sample(50 + (i - 1) * 10L, 1_000 + i * 100L);
        assertEquals(100, rate.perSecond(), "the early burst has left the 16-sample window");
    }
}
