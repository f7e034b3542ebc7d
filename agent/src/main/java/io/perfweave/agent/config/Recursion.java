package io.perfweave.agent.config;


/** Which nested calls of the same operation on one thread are timed. */
public enum Recursion {
    /** Every call, nested or not (the default). */
    ALL,
    /** Only the outermost call; nested calls of the same operation are part of its time. */
    OUTERMOST;
    public static Recursion parse(String text) {
        for (Recursion value : values()) {
            if (value.name().equalsIgnoreCase(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("recursion must be 'all' or 'outermost', was '" + text + "'");
    }
}
