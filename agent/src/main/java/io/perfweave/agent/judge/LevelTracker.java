package io.perfweave.agent.judge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers each threshold's last level and tells what changed in a new judgement. A threshold
 * not seen before starts at {@link Level#NO_DATA}. Moving between {@code no_data} and
 * {@code target} is not a change worth telling (an operation getting its first calls, or a quiet
 * window): both are met. Thresholds that leave the config are forgotten, so the memory is bounded
 * by the config.
 */
final class LevelTracker {
    private final Map<String, Level> levels = new HashMap<>();

    List<LevelChange> observe(Judgement judgement) {
        List<LevelChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ThresholdCheck check : judgement.checks()) {
            String key = (check.operation() == null ? "resources" : "operation:" + check.operation()) + "\u0000"
                    + check.threshold();
            seen.add(key);
            Level before = levels.getOrDefault(key, Level.NO_DATA);
            levels.put(key, check.level());
            if (before != check.level() && !(before.met() && check.level().met())) {
                changes.add(new LevelChange(check, before));
            }
        }
        levels.keySet().retainAll(seen);
        return changes;
    }
}
