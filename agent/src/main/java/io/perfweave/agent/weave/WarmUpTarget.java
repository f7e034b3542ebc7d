package io.perfweave.agent.weave;

/**
 * A method the weaver weaves once while it sets up and throws the result away (see
 * {@link Weaver#warmUp}): the classes that weaving needs are then loaded before the first class
 * of the application waits for them.
 */
// a generic interface, a field, an annotated method and a generic one: what real classes have,
// so that the type pool's classes for them are loaded too
final class WarmUpTarget implements Comparable<WarmUpTarget> {
    private final java.util.List<String> names = new java.util.ArrayList<>();

    private WarmUpTarget() {
    }

    static int sample(int x) {
        return x * 31 + 7;
    }

    @Override
    @Deprecated
    public int compareTo(WarmUpTarget other) {
        return Integer.compare(names.size(), other.names.size());
    }

    <T extends Comparable<T>> T larger(T a, T b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
