package io.perfweave.agent.weave;

/**
 * A method the weaver weaves once while it sets up and throws the result away (see
 * {@link Weaver#warmUp}): the classes that weaving needs are then loaded before the first class
 * of the application waits for them.
 */
final class WarmUpTarget {
    private WarmUpTarget() {
    }

    static int sample(int x) {
        return x * 31 + 7;
    }
}
