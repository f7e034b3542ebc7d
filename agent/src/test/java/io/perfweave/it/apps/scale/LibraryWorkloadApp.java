package io.perfweave.it.apps.scale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * A deterministic jackson-databind workload: builds {@code orders} nested orders, serializes each,
 * parses it back both as the bean and as a tree, and prints figures that depend on every byte
 * (a CRC32 of all the JSON, a sum read from the trees, the round trips that differed), the first
 * order pretty-printed, and two parse errors' messages. Run with and without the agent weaving
 * Jackson itself, the output must be the same.
 *
 * <p>Usage: {@code LibraryWorkloadApp orders [wait]}; with {@code wait} it then serves
 * {@link Commands}.
 */
public final class LibraryWorkloadApp {
    private LibraryWorkloadApp() {
    }

    public enum Status { NEW, PAID, SHIPPED }

    /** Public fields and a no-argument constructor: Jackson's bean (de)serializers do the work. */
    public static final class Customer {
        public String name;
        public List<String> tags = new ArrayList<>();
    }

    public static final class Line {
        public String sku;
        public int quantity;
        public double price;
    }

    public static final class Order {
        public String id;
        public Status status;
        public Customer customer;
        public List<Line> lines = new ArrayList<>();
        public Map<String, Object> attributes = new TreeMap<>();
        public long[] history;
    }

    static Order order(int i) {
        Order order = new Order();
        order.id = "order-" + i;
        order.status = Status.values()[i % Status.values().length];
        order.customer = new Customer();
        order.customer.name = "customer \"" + (i % 97) + "\" \u00e9";
        for (int t = 0; t < i % 4; t++) {
            order.customer.tags.add("tag" + (i + t) % 11);
        }
        for (int l = 0; l < 1 + i % 5; l++) {
            Line line = new Line();
            line.sku = "sku-" + (i * 7 + l) % 1000;
            line.quantity = 1 + (i + l) % 9;
            line.price = (i % 50) * 1.25 + l * 0.5;
            order.lines.add(line);
        }
        order.attributes.put("priority", i % 3);
        order.attributes.put("gift", i % 2 == 0);
        order.attributes.put("note", i % 5 == 0 ? null : "note " + i);
        order.history = new long[] {i, i * 2L, i * 3L};
        return order;
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.parseInt(args[0]);
        ObjectMapper mapper = new ObjectMapper();
        CRC32 crc = new CRC32();
        long bytes = 0;
        long quantities = 0;
        int mismatches = 0;
        for (int i = 0; i < orders; i++) {
            String json = mapper.writeValueAsString(order(i));
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            crc.update(utf8);
            bytes += utf8.length;
            Order back = mapper.readValue(json, Order.class);
            if (!mapper.writeValueAsString(back).equals(json)) {
                mismatches++;
            }
            JsonNode tree = mapper.readTree(json);
            for (JsonNode line : tree.path("lines")) {
                quantities += line.path("quantity").asLong();
            }
        }
        System.out.println("first " + mapper.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(order(0)));
        System.out.println("orders=" + orders + " json_bytes=" + bytes + " crc32=" + Long.toHexString(crc.getValue())
                + " quantity_sum=" + quantities + " roundtrip_mismatches=" + mismatches);
        System.out.println("error " + parseError(mapper, "{\"id\": "));
        System.out.println("error " + parseError(mapper, "{\"id\": \"x\", \"unknown\": 1}"));
        System.out.println("done");
        if (args.length > 1 && args[1].equals("wait")) {
            Commands.serve();
        }
    }

    /** The failure as the application sees it: exception type and Jackson's message. */
    private static String parseError(ObjectMapper mapper, String json) {
        try {
            mapper.readValue(json, Order.class);
            return "none";
        } catch (JsonProcessingException e) {
            return e.getClass().getName() + ": " + e.getOriginalMessage();
        }
    }
}
