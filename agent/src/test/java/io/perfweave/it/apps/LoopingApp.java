package io.perfweave.it.apps;

/** Keeps calling three methods from a worker thread, as a long-lived service would, until told to exit. */
public final class LoopingApp {
    private static volatile boolean running = true;

    private LoopingApp() {
    }

    static int alpha(int i) {
        return i + 1;
    }

    static int beta(int i) {
        return i * 2;
    }

    static int gamma(int i) {
        return i - 3;
    }

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(() -> {
            int i = 0;
            long sum = 0;
            while (running) {
                sum += alpha(i) + beta(i) + gamma(i);
                i++;
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.out.println("sum " + sum);
        }, "looping-worker");
        worker.start();
        AwaitExit.await();
        running = false;
        worker.join();
    }
}
