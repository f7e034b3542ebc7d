package io.perfweave.it.apps;

/** A small application for start-up measurements: its first act is to say it has started. */
public final class StartupApp {
    private StartupApp() {
    }

    static int answer() {
        return 42;
    }

    public static void main(String[] args) {
        System.out.println("started " + answer());
    }
}
