package io.perfweave.orchestrator;

/** A command-line flag that is unknown, lacks its value, or has a value that makes no sense. */
public class InvalidFlagException extends Exception {

    public InvalidFlagException(String message) {
        super(message);
    }
}
