package io.perfweave.it.apps.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;

/**
 * Calls interfaces through JDK dynamic proxies: {@link OrderRepository}, which only a proxy
 * implements, and {@link PriceService}, whose proxy hands each call to the real {@link PriceList}.
 * Prints what the handlers see and what the callers get back, exceptions and stack traces
 * included: its standard output must be the same with and without the agent.
 *
 * <p>Each line on standard input "again" makes one more round of the same calls; "exit" ends it.
 */
public final class ProxyApp {
    static OrderRepository orders;
    static Throwable lastThrownByHandler;
    static int countCalls;

    /** The handler behind {@link OrderRepository}: answers from the method's name, and throws for some arguments. */
    static final class OrderHandler implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            System.out.println("handler saw " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + " " + Arrays.toString(args) + " on the proxy itself " + (proxy == orders));
            switch (method.getName()) {
                case "findById": {
                    long id = (Long) args[0];
                    if (id < 0) {
                        throw thrown(new IllegalArgumentException("no order " + id));
                    }
                    if (id == 2) {
                        Thread.sleep(5); // a measurable call
                    }
                    return "order-" + id;
                }
                case "findByCustomer":
                    return List.of(args[0] + "-1", args[0] + "-2");
                case "save":
                    if (args[0].equals("bad")) {
                        throw thrown(new IOException("cannot save " + args[0])); // declared by save
                    }
                    return null;
                case "count":
                    if (++countCalls % 2 == 0) {
                        throw thrown(new Exception("count unavailable")); // declared by nothing
                    }
                    return 2;
                case "describe":
                    return InvocationHandler.invokeDefault(proxy, method, args);
                case "toString":
                    return "OrderRepository proxy";
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        }

        private static Throwable thrown(Throwable failure) {
            lastThrownByHandler = failure;
            return failure;
        }
    }

    /** The handler in front of {@link PriceList}, as an interceptor would be: it calls the real method. */
    static final class Forwarding implements InvocationHandler {
        private final Object target;

        Forwarding(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        orders = (OrderRepository) Proxy.newProxyInstance(ProxyApp.class.getClassLoader(),
                new Class<?>[] {OrderRepository.class}, new OrderHandler());
        PriceList priceList = new PriceList();
        PriceService prices = (PriceService) Proxy.newProxyInstance(ProxyApp.class.getClassLoader(),
                new Class<?>[] {PriceService.class}, new Forwarding(priceList));
        System.out.println("proxy class " + withoutNumbers(orders.getClass().getName()) + " is a proxy "
                + Proxy.isProxyClass(orders.getClass()));
        round(orders, prices, priceList);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            if (line.equals("again")) {
                round(orders, prices, priceList);
                System.out.println("again done");
                System.out.flush();
            }
        }
    }

    /**
     * One round: findById 3 calls (1 fails), findByCustomer 1, save 2 (1 fails), count 2 (1 fails),
     * describe 1, toString 1; price through the proxy 4 (1 fails), price on the real class 2.
     */
    static void round(OrderRepository orders, PriceService prices, PriceList priceList) {
        System.out.println("findById " + orders.findById(1) + " " + orders.findById(2));
        try {
            orders.findById(-1);
        } catch (IllegalArgumentException e) {
            printFailure(e);
        }
        System.out.println("findByCustomer " + orders.findByCustomer("acme"));
        try {
            orders.save("o-1");
            orders.save("bad");
        } catch (IOException e) {
            printFailure(e);
        }
        System.out.println("count " + orders.count());
        try {
            orders.count();
        } catch (RuntimeException e) {
            System.out.println("count failed with " + e.getClass().getName() + " caused by " + e.getCause());
            printFailure(e.getCause());
        }
        System.out.println("describe " + orders.describe());
        System.out.println("toString " + orders);

        long sum = prices.price("apple") + prices.price("apple") + prices.price("pear");
        try {
            prices.price("durian");
        } catch (RuntimeException e) {
            System.out.println("price failed with " + e);
        }
        sum += priceList.price("apple") + priceList.price("pear");
        System.out.println("prices " + sum);
    }

    private static void printFailure(Throwable e) {
        System.out.println("same instance " + (e == lastThrownByHandler));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        System.out.print(withoutNumbers(trace.toString()));
    }

    /**
     * The JDK numbers proxy classes (and their modules) in the order it makes them, and the agent
     * makes a few of its own: {@code jdk.proxy1.$Proxy0} without it may be {@code jdk.proxy2.$Proxy7}
     * with it. The numbers are left out; every other character of a trace is compared.
     */
    static String withoutNumbers(String text) {
        return text.replaceAll("jdk\\.proxy\\d+", "jdk.proxyN").replaceAll("\\$Proxy\\d+", "\\$ProxyN");
    }
}
