package io.memstone.chaos.checker;

import io.memstone.chaos.history.OpPair;
import java.util.List;

/** Pure logic: a verdict on one workload's history (invocations paired with completions). */
public interface Checker {
    CheckResult check(List<OpPair> history);
}
