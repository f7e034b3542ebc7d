package io.perfweave.agent.select;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * An operation name with {@code {class}}, {@code {simpleClass}}, {@code {method}} and
 * {@code {descriptor}} placeholders; the descriptor is the method's parameter types, as in
 * {@code (java.lang.String,int)}, so that overloads get names of their own.
 */
final class NameTemplate {
    private final String template;
    private final boolean literal;

    NameTemplate(String template) {
        this.template = template;
        this.literal = template.indexOf('{') < 0;
    }

    String apply(TypeDescription type, MethodDescription method) {
        if (literal) {
            return template;
        }
        String simple = type.getName().substring(type.getName().lastIndexOf('.') + 1);
        String methodName = method.isConstructor() ? "<init>" : method.getName();
        String named = template.replace("{class}", type.getName())
                .replace("{simpleClass}", simple)
                .replace("{method}", methodName);
        return named.contains("{descriptor}") ? named.replace("{descriptor}", parameters(method)) : named;
    }

    private static String parameters(MethodDescription method) {
        StringBuilder text = new StringBuilder("(");
        method.getParameters().forEach(p -> {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(p.getType().asErasure().getActualName());
        });
        return text.append(')').toString();
    }
}
