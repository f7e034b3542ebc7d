package io.perfweave.agent.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agent's arguments: {@code key=value} pairs separated by commas, as in
 * {@code -javaagent:perfweave-agent.jar=config=agent.yaml,port=9500}. The config path may also
 * come from the system property {@code perfweave.config} or the environment variable
 * {@code PERFWEAVE_CONFIG}; an argument wins over both.
 */
public record AgentArguments(String config, String host, Integer port, String token) {
    private static final Set<String> KEYS = Set.of("config", "host", "port", "token");

    /** The same arguments with another config file. */
    public AgentArguments withConfig(String path) {
        return new AgentArguments(path, host, port, token);
    }

    public static AgentArguments parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("agent argument '" + pair + "' is not key=value; expected e.g. config=agent.yaml,port=9404");
                }
                String key = pair.substring(0, eq).trim();
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown agent argument '" + key + "'; expected one of " + KEYS);
                }
                values.put(key, pair.substring(eq + 1).trim());
            }
        }
        String config = values.get("config");
        if (config == null || config.isEmpty()) {
            config = System.getProperty("perfweave.config");
        }
        if (config == null || config.isEmpty()) {
            config = System.getenv("PERFWEAVE_CONFIG");
        }
        Integer port = null;
        if (values.containsKey("port")) {
            try {
                port = Integer.parseInt(values.get("port"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("agent argument port='" + values.get("port") + "' is not a number");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("agent argument port=" + port + " is not between 0 and 65535");
            }
        }
        return new AgentArguments(config, values.get("host"), port, values.get("token"));
    }
}
