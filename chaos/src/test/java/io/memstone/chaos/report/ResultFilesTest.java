package io.memstone.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memstone.chaos.ChaosOptions;
import io.memstone.chaos.ChaosResult;
import io.memstone.chaos.FailoverTimes;
import io.memstone.chaos.checker.CheckResult;
import io.memstone.chaos.checker.SetChecker;
import io.memstone.chaos.history.History;
import io.memstone.chaos.history.Op;
import io.memstone.chaos.nemesis.FaultWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
    private static final long SECOND = 1_000_000_000L;

    /** A set history that lost an acknowledged element, with a leader kill between two writes. */
    private static ChaosResult lostWriteRun() {
        History h = History.of(List.of(
                new Op(Op.Type.INVOKE, 0, Op.Fn.ADD, "s", "a", 1 * SECOND, null),
                new Op(Op.Type.OK, 0, Op.Fn.ADD, "s", "a", 2 * SECOND, null),
                new Op(Op.Type.INVOKE, 0, Op.Fn.ADD, "s", "b", 5 * SECOND, null),
                new Op(Op.Type.OK, 0, Op.Fn.ADD, "s", "b", 7 * SECOND, null),
                new Op(Op.Type.INVOKE, -1, Op.Fn.READ, "s", null, 9 * SECOND, null),
                new Op(Op.Type.OK, -1, Op.Fn.READ, "s", List.of("b"), 10 * SECOND, null)));
        List<FaultWindow> faults = List.of(new FaultWindow("kill-leader", "killed n1", true, 3 * SECOND, 6 * SECOND));
        CheckResult check = new SetChecker().check(h.pairs());
        return new ChaosResult(ChaosOptions.defaults(), Map.of("set", check), null, faults, List.of(),
                FailoverTimes.of(faults, List.of(h)), List.of(), Map.of("set", h), 10 * SECOND);
    }

    @Test
    void failoverTimeRunsFromTheLeaderFaultToTheFirstWriteAcknowledgedAfterIt() {
        assertEquals(Map.of("kill-leader", List.of(4000L)), lostWriteRun().failoverMillis());
    }

    @Test
    void writesVerdictHistoryAndReportWithPlotsAndFaultWindows(@TempDir Path dir) throws Exception {
        ChaosResult run = lostWriteRun();
        assertFalse(run.valid());
        ResultFiles.write(run, dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        assertFalse(json.get("valid").asBoolean());
        assertEquals(1, json.at("/checks/set/stats/lost").asInt());
        assertEquals(1, json.get("fault-cycles").asInt());
        assertEquals(6, Files.readAllLines(dir.resolve("history-set.jsonl")).size());

        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("NOT valid"));
        assertEquals(2, html.split("<svg").length - 1, "latency and throughput plots");
        assertTrue(html.contains("<title>killed n1</title>"), "fault window shaded and labelled");
        assertTrue(html.contains("lost a"), "anomaly listed");
    }
}
