package io.perfweave.it.apps;

/**
 * A small application for start-up measurements: it says it has started, then makes its first call
 * of a measured method (in a class of its own, as an application's business logic would be) and
 * says so too.
 */
public final class StartupApp {
    private StartupApp() {
    }

    /** The measured class. */
    static final class Service {
        private Service() {
        }

        static int answer() {
            return 42;
        }
    }

    public static void main(String[] args) {
        System.out.println("started");
        System.out.println("answered " + Service.answer());
    }
}
