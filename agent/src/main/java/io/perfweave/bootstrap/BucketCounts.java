package io.perfweave.bootstrap;

import java.util.Arrays;

/**
 * Immutable, sparse counts of a duration histogram: only the {@link DurationBuckets} buckets that
 * hold something, in increasing order of their index. A method whose durations span three powers
 * of two has at most 192 entries, whatever the number of calls; an idle operation has none.
 */
public final class BucketCounts {
    public static final BucketCounts EMPTY = new BucketCounts(new int[0], new long[0], 0);

    private final int[] indexes;
    private final long[] counts;
    private final long total;

    private BucketCounts(int[] indexes, long[] counts, long total) {
        this.indexes = indexes;
        this.counts = counts;
        this.total = total;
    }

    /** Counts from parallel arrays: indexes strictly increasing, counts positive. Takes the arrays. */
    static BucketCounts of(int[] indexes, long[] counts, int size) {
        if (size == 0) {
            return EMPTY;
        }
        long total = 0;
        for (int i = 0; i < size; i++) {
            total += counts[i];
        }
        return new BucketCounts(size == indexes.length ? indexes : Arrays.copyOf(indexes, size),
                size == counts.length ? counts : Arrays.copyOf(counts, size), total);
    }

    /** Counts from a dense array indexed by bucket, as tests and converters hold them. */
    public static BucketCounts ofDense(long[] dense) {
        int size = 0;
        for (long count : dense) {
            if (count != 0) {
                size++;
            }
        }
        int[] indexes = new int[size];
        long[] counts = new long[size];
        int n = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0) {
                indexes[n] = i;
                counts[n++] = dense[i];
            }
        }
        return of(indexes, counts, size);
    }

    /** Number of buckets that hold something. */
    public int size() {
        return indexes.length;
    }

    /** Flattened {@link DurationBuckets} index of the {@code i}-th non-empty bucket. */
    public int index(int i) {
        return indexes[i];
    }

    public long count(int i) {
        return counts[i];
    }

    /** Sum of all counts. */
    public long total() {
        return total;
    }

    /** What these counts hold beyond {@code earlier} (which they must contain), bucket by bucket. */
    public BucketCounts minus(BucketCounts earlier) {
        if (earlier.total == 0) {
            return this;
        }
        int[] outIndexes = new int[indexes.length];
        long[] outCounts = new long[indexes.length];
        int n = 0;
        int j = 0;
        for (int i = 0; i < indexes.length; i++) {
            long count = counts[i];
            while (j < earlier.indexes.length && earlier.indexes[j] < indexes[i]) {
                j++;
            }
            if (j < earlier.indexes.length && earlier.indexes[j] == indexes[i]) {
                count -= earlier.counts[j];
            }
            if (count > 0) {
                outIndexes[n] = indexes[i];
                outCounts[n++] = count;
            }
        }
        return of(outIndexes, outCounts, n);
    }

    /** Adds these counts into {@code into}. */
    public void addTo(ChunkedCounts into) {
        for (int i = 0; i < indexes.length; i++) {
            into.add(indexes[i], counts[i]);
        }
    }
}
