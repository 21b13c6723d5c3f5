package io.memstone.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The (first key, last key, step) triple COMMAND INFO still reports, derived from the key specs
 * the way Redis does (server.c populateCommandLegacyRangeSpec), and whether the keys are
 * "movable" (not fully described by that triple).
 */
record LegacyKeyRange(int first, int last, int step, boolean movable) {

    static LegacyKeyRange of(JsonNode keySpecs) {
        if (keySpecs.size() == 0) return new LegacyKeyRange(0, 0, 0, false);
        boolean movable = false;
        int first = Integer.MAX_VALUE;
        long last = 0;
        long previousLast = 0;
        for (JsonNode ks : keySpecs) {
            JsonNode index = ks.path("begin_search").path("index");
            JsonNode range = ks.path("find_keys").path("range");
            if (index.isMissingNode() || range.isMissingNode()) {
                movable = true;
                continue;
            }
            int pos = index.path("pos").asInt();
            int step = range.path("step").asInt();
            boolean single = keySpecs.size() == 1;
            if (!single && (step != 1 || (previousLast != 0 && previousLast != pos - 1))) {
                movable = true;
                continue;
            }
            for (JsonNode flag : ks.path("flags")) {
                if (flag.asText().equals("INCOMPLETE")) movable = true;
            }
            if (single) {
                int lastKey = range.path("lastkey").asInt();
                return new LegacyKeyRange(pos, lastKey >= 0 ? lastKey + pos : lastKey, step, movable);
            }
            first = Math.min(first, pos);
            int lastKey = range.path("lastkey").asInt();
            long absolute = Integer.toUnsignedLong(lastKey >= 0 ? lastKey + pos : lastKey);
            // Redis compares as unsigned so that -1 ("to the end") wins over any index.
            last = Math.max(last, absolute);
            previousLast = last;
        }
        if (first == Integer.MAX_VALUE) return new LegacyKeyRange(0, 0, 0, true);
        return new LegacyKeyRange(first, (int) last, 1, movable);
    }
}
