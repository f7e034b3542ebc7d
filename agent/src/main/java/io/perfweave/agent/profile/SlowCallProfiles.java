package io.perfweave.agent.profile;

import io.perfweave.agent.record.OperationCatalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The profiles of slow calls, one per operation that has a {@code profile}: what the port serves
 * and what recommendations or a dashboard read. Reading never creates a profile.
 */
public final class SlowCallProfiles {
    private final OperationCatalog catalog;
    private final Map<String, StackProfile> byOperation = new ConcurrentHashMap<>();

    public SlowCallProfiles(OperationCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether the current config gives this operation a {@code profile}. */
    public boolean isProfiled(String operation) {
        OperationCatalog.Operation known = catalog.get(operation);
        return known != null && known.rule().profile() != null;
    }

    /**
     * The operation's profile now; an empty one while it has no samples. Null when the operation
     * is unknown or has no {@code profile}.
     */
    public ProfileSnapshot snapshot(String operation) {
        if (!isProfiled(operation)) {
            return null;
        }
        StackProfile profile = byOperation.get(operation);
        return profile == null ? new ProfileSnapshot(operation, 0, java.util.List.of()) : profile.snapshot();
    }

    /**
     * The samples of every operation that has a {@code profile}, in the catalog's order (0 while it
     * has none): what {@code /health} says under {@code profiles}, so that a dashboard knows
     * which flame graphs to draw without asking every operation.
     */
    public Map<String, Long> samplesByOperation() {
        Map<String, Long> samples = new java.util.LinkedHashMap<>();
        for (OperationCatalog.Operation operation : catalog.all()) {
            if (operation.rule().profile() != null) {
                StackProfile profile = byOperation.get(operation.name());
                samples.put(operation.name(), profile == null ? 0L : profile.samples());
            }
        }
        return samples;
    }

    /** Forgets the operation's samples; false when it is unknown or has no {@code profile}. */
    public boolean reset(String operation) {
        if (!isProfiled(operation)) {
            return false;
        }
        StackProfile profile = byOperation.get(operation);
        if (profile != null) {
            profile.reset();
        }
        return true;
    }

    /** Forgets every operation's samples, as {@code POST /reset} does with the statistics. */
    public void resetAll() {
        byOperation.values().forEach(StackProfile::reset);
    }

    /** The profile the sampler adds this operation's samples to, made on its first sample. */
    StackProfile writing(String operation) {
        return byOperation.computeIfAbsent(operation, StackProfile::new);
    }
}
