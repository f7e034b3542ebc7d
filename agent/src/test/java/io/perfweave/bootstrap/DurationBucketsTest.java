package io.perfweave.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationBucketsTest {
    @Test
    void smallValuesHaveABucketEach() {
        for (long v = 0; v < 64; v++) {
            assertEquals(v, DurationBuckets.index(v));
            assertEquals(v, DurationBuckets.lowerBound((int) v));
            assertEquals(1, DurationBuckets.width((int) v));
        }
    }

    @Test
    void everyValueLiesInItsBucketAndTheMidpointIsWithinThePrecision() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long value = random.nextLong() >>> (1 + random.nextInt(63));
            int index = DurationBuckets.index(value);
            assertTrue(index >= 0 && index < DurationBuckets.BUCKETS, "index of " + value);
            assertTrue(DurationBuckets.lowerBound(index) <= value && value <= DurationBuckets.upperBound(index),
                    value + " in bucket " + index);
            if (value > 0) {
                double error = Math.abs(DurationBuckets.midpoint(index) - value) / value;
                assertTrue(error <= DurationBuckets.RELATIVE_PRECISION, value + " error " + error);
            }
        }
    }

    @Test
    void bucketsAreContiguousAndCoverTheLongRange() {
        for (int i = 1; i < DurationBuckets.BUCKETS; i++) {
            assertEquals(DurationBuckets.upperBound(i - 1) + 1, DurationBuckets.lowerBound(i), "bucket " + i);
        }
        assertEquals(DurationBuckets.BUCKETS - 1, DurationBuckets.index(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, DurationBuckets.upperBound(DurationBuckets.BUCKETS - 1));
    }
}
