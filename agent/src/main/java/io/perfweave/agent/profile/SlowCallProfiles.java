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
