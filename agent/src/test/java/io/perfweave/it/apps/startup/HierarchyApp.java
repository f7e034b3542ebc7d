package io.perfweave.it.apps.startup;

/**
 * Loads {@code K1} .. {@code K<n-1>} of {@link HierarchyClasses} (from the class path), then
 * {@code K0}, the one {@code Repository}, as an application loads many classes before the one
 * selected; prints "started", then calls {@code K0.find} and prints "answered ...".
 */
public final class HierarchyApp {
    private HierarchyApp() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Class<?>[] loaded = new Class<?>[count];
        for (int k = 1; k <= count; k++) {
            loaded[k % count] = Class.forName(HierarchyClasses.PACKAGE + ".K" + (k % count));
        }
        System.out.println("started " + loaded.length);
        System.out.flush();
        Object repository = loaded[0].getConstructor().newInstance();
        int found = (int) loaded[0].getMethod("find", int.class).invoke(repository, 6);
        System.out.println("answered " + found);
    }
}
