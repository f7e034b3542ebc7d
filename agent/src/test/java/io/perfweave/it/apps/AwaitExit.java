package io.perfweave.it.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

/** Keeps a test application alive until the test closes its standard input or sends "exit". */
final class AwaitExit {
    private AwaitExit() {
    }

    static void await() throws IOException {
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            // wait
        }
    }
}
