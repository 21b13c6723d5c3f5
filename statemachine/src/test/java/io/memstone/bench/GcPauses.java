package io.memstone.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The longest stop-the-world GC pause since the last {@link #reset}, from the collectors'
 * notifications: G1's young and full collections, ZGC's pauses (not its concurrent cycles).
 */
final class GcPauses {
    private final AtomicLong longest = new AtomicLong();

    GcPauses() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().endsWith("Cycles")) continue;
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                longest.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
            }, null, null);
        }
    }

    void reset() {
        longest.set(0);
    }

    long longestMillis() {
        return longest.get();
    }
}
