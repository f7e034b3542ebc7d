package io.perfweave.bootstrap;

/**
 * A mutable histogram in {@link DurationBuckets} layout whose chunks (one per power of two) are
 * allocated only when a count first lands in them: the accumulator a reader sums cells or window
 * deltas into. Owned by one thread at a time; {@link #clear()} keeps the chunks for the next use,
 * so a reader that sums many operations allocates only what its result needs.
 */
public final class ChunkedCounts {
    private final long[][] chunks = new long[DurationBuckets.CHUNKS][];
    /** Bit c set: chunk c holds a count since the last clear. */
    private long used;

    public void add(int index, long count) {
        int c = index >>> 6;
        long[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new long[DurationBuckets.SUB_BUCKETS];
            chunks[c] = chunk;
        }
        chunk[index & (DurationBuckets.SUB_BUCKETS - 1)] += count;
        used |= 1L << c;
    }

    /** Adds a whole chunk of counters (64 of them) to chunk {@code c}. */
    void addChunk(int c, long[] counters, java.lang.invoke.VarHandle reader) {
        long[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new long[DurationBuckets.SUB_BUCKETS];
            chunks[c] = chunk;
        }
        for (int i = 0; i < DurationBuckets.SUB_BUCKETS; i++) {
            chunk[i] += (long) reader.getOpaque(counters, i);
        }
        used |= 1L << c;
    }

    /** The non-empty buckets, as an immutable sparse copy. */
    public BucketCounts toBucketCounts() {
        int size = 0;
        for (long bits = used; bits != 0; bits &= bits - 1) {
            long[] chunk = chunks[Long.numberOfTrailingZeros(bits)];
            for (long count : chunk) {
                if (count != 0) {
                    size++;
                }
            }
        }
        int[] indexes = new int[size];
        long[] counts = new long[size];
        int n = 0;
        for (long bits = used; bits != 0; bits &= bits - 1) {
            int c = Long.numberOfTrailingZeros(bits);
            long[] chunk = chunks[c];
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] != 0) {
                    indexes[n] = c * DurationBuckets.SUB_BUCKETS + i;
                    counts[n++] = chunk[i];
                }
            }
        }
        return BucketCounts.of(indexes, counts, size);
    }

    /** Empties the counts, keeping the chunks allocated for reuse. */
    public void clear() {
        for (long bits = used; bits != 0; bits &= bits - 1) {
            java.util.Arrays.fill(chunks[Long.numberOfTrailingZeros(bits)], 0L);
        }
        used = 0;
    }
}
