package io.perfweave.it.apps.select;

/**
 * Methods of every visibility, an overloaded method, and two nested classes of which a rule
 * excludes one: for the selector keys {@code visibility}, {@code exclude}, {@code exclude_methods}
 * and the {@code {descriptor}} placeholder. Each method is called a known number of times; then
 * the app prints {@code ready} and waits for a line on standard input.
 */
public final class SelectorApp {
    private SelectorApp() {
    }

    public static int openly(int x) {
        return x + 1;
    }

    protected static int protectedly(int x) {
        return x + 2;
    }

    static int packaged(int x) {
        return x + 3;
    }

    private static int privately(int x) {
        return x + 4;
    }

    public static int helperOne(int x) {
        return x + 5;
    }

    public static String find(String key) {
        return "found " + key;
    }

    public static String find(int index) {
        return "found #" + index;
    }

    /** Timed by a rule over {@code SelectorApp$*}. */
    public static final class Kept {
        public int work(int x) {
            return x * 2;
        }
    }

    /** Left out of that rule by its {@code exclude}. */
    public static final class Skipped {
        public int work(int x) {
            return x * 3;
        }
    }

    public static void main(String[] args) throws Exception {
        long sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += openly(i) + protectedly(i) + packaged(i) + privately(i) + helperOne(i);
        }
        for (int i = 0; i < 4; i++) {
            sum += find("k" + i).length();
        }
        for (int i = 0; i < 2; i++) {
            sum += find(i).length();
        }
        Kept kept = new Kept();
        Skipped skipped = new Skipped();
        for (int i = 0; i < 5; i++) {
            sum += kept.work(i) + skipped.work(i);
        }
        System.out.println("sum " + sum);
        System.out.println("ready");
        System.in.read();
    }
}
