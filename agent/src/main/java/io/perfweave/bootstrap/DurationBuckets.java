package io.perfweave.bootstrap;

/**
 * The fixed log-linear bucket layout every duration histogram uses.
 *
 * <p>Durations are nanoseconds. Values below 64 ns get one bucket each (exact). Above that, every
 * power of two is split into 64 equal sub-buckets, so a bucket is at most 1/64 of its lower bound
 * wide and its midpoint is within 1/128 (0.78 %) of any value recorded in it. The layout covers the
 * whole positive {@code long} range in {@link #CHUNKS} chunks of {@link #SUB_BUCKETS} counters;
 * recorders allocate a chunk only when a value first lands in it, so a method whose durations span
 * three powers of two costs three chunks (3 x 512 bytes), not the whole range.
 *
 * <p>The index math is two shifts and a leading-zero count: cheap enough for the hot path.
 */
public final class DurationBuckets {
    /** Sub-buckets per power of two, and the size of one chunk. */
    public static final int SUB_BUCKETS = 64;
    private static final int SUB_BITS = 6;
    /** Chunk 0 holds 0..63 ns exactly; chunk c >= 1 holds [2^(c+5), 2^(c+6)). */
    public static final int CHUNKS = 62 - SUB_BITS + 2; // the largest exponent of a positive long is 62
    /** Total number of buckets: the length of a flattened histogram. */
    public static final int BUCKETS = CHUNKS * SUB_BUCKETS;
    /** Relative precision of a bucket midpoint, as stated in the docs. */
    public static final double RELATIVE_PRECISION = 1.0 / (2 * SUB_BUCKETS);

    private DurationBuckets() {
    }

    /** Chunk holding {@code nanos} (must be >= 0). */
    public static int chunk(long nanos) {
        int exponent = 63 - Long.numberOfLeadingZeros(nanos | 1L);
        return exponent < SUB_BITS ? 0 : exponent - SUB_BITS + 1;
    }

    /** Sub-bucket of {@code nanos} inside {@code chunk}. */
    public static int subBucket(long nanos, int chunk) {
        return chunk == 0 ? (int) nanos : (int) (nanos >>> (chunk - 1)) - SUB_BUCKETS;
    }

    /** Flattened index of {@code nanos}. */
    public static int index(long nanos) {
        int chunk = chunk(nanos);
        return chunk * SUB_BUCKETS + subBucket(nanos, chunk);
    }

    /** Smallest value that lands in the bucket with the given flattened index. */
    public static long lowerBound(int index) {
        int chunk = index / SUB_BUCKETS;
        int sub = index % SUB_BUCKETS;
        return chunk == 0 ? sub : ((long) (SUB_BUCKETS + sub)) << (chunk - 1);
    }

    /** Number of distinct values in the bucket with the given flattened index. */
    public static long width(int index) {
        int chunk = index / SUB_BUCKETS;
        return chunk == 0 ? 1 : 1L << (chunk - 1);
    }

    /** Largest value that lands in the bucket (inclusive). */
    public static long upperBound(int index) {
        return lowerBound(index) + width(index) - 1;
    }

    /** The value reported for the bucket: its midpoint. */
    public static double midpoint(int index) {
        return lowerBound(index) + (width(index) - 1) / 2.0;
    }
}
