package io.perfweave.bootstrap;

/**
 * The last failure of an operation as the agent keeps it: the exception's class name, its
 * message (cut to {@link #MAX_MESSAGE} characters) and when it happened. Holding these rather
 * than the {@link Throwable} keeps neither its cause chain nor its class loader alive.
 */
public final class ErrorRecord {
    public static final int MAX_MESSAGE = 500;

    public final String type;
    /** Null when the exception had none. */
    public final String message;
    /** {@code System.nanoTime()} at the end of the failed call. */
    public final long atNanos;

    public ErrorRecord(String type, String message, long atNanos) {
        this.type = type;
        this.message = message;
        this.atNanos = atNanos;
    }

    /** Reads what is kept of {@code failure}; the exception's own code may throw, and that is told as the message. */
    public static ErrorRecord of(Throwable failure, long atNanos) {
        String message;
        try {
            message = failure.getMessage();
        } catch (RuntimeException | LinkageError unreadable) {
            message = "(message unavailable: " + unreadable.getClass().getName() + ")";
        }
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return new ErrorRecord(failure.getClass().getName(), message, atNanos);
    }

    /** The later of two records, either of which may be null. */
    static ErrorRecord later(ErrorRecord a, ErrorRecord b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.atNanos - a.atNanos > 0 ? b : a;
    }
}
