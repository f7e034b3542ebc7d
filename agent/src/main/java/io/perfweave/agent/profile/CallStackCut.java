package io.perfweave.agent.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a thread's stack to one call of an operation: from the operation's method (the outermost
 * frame of one of its woven methods, so that a recursive call is one call) down to the running
 * frame, without the agent's own frames, each named {@code com.acme.Class.method}.
 */
final class CallStackCut {
    private final Set<String> methods;

    private CallStackCut(Set<String> methods) {
        this.methods = methods;
    }

    /**
     * @param wovenMethods the operation's woven methods as {@code com.acme.Type#name(descriptor)};
     *                     a stack frame names no descriptor, so overloads are one method here
     */
    static CallStackCut of(Set<String> wovenMethods) {
        Set<String> methods = new HashSet<>();
        for (String signature : wovenMethods) {
            int paren = signature.indexOf('(');
            methods.add(paren < 0 ? signature : signature.substring(0, paren));
        }
        return new CallStackCut(methods);
    }

    /**
     * The call's frames, root first; null when the stack holds none of the operation's methods
     * (the call ended between finding it slow and taking the stack).
     */
    List<String> cut(StackTraceElement[] stack) {
        int root = -1;
        for (int i = stack.length - 1; i >= 0; i--) {
            if (methods.contains(stack[i].getClassName() + "#" + stack[i].getMethodName())) {
                root = i;
                break;
            }
        }
        if (root < 0) {
            return null;
        }
        List<String> frames = new ArrayList<>(root + 1);
        for (int i = root; i >= 0; i--) {
            String type = stack[i].getClassName();
            if (!isAgentFrame(type)) {
                frames.add(name(type, stack[i].getMethodName()));
            }
        }
        return frames;
    }

    /** The agent's advice is inlined, but what it calls (the bootstrap API) may be running when sampled. */
    private static boolean isAgentFrame(String type) {
        return type.startsWith("io.perfweave.bootstrap.") || type.startsWith("io.perfweave.agent.");
    }

    /** {@code Class.method}, with the characters that the collapsed format gives a meaning (';', blanks) replaced. */
    static String name(String type, String method) {
        String name = type + "." + method;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ';' || Character.isWhitespace(c)) {
                return name.replace(';', '_').replaceAll("\\s", "_");
            }
        }
        return name;
    }
}
