package io.perfweave.agent.select;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/** An operation name with {@code {class}}, {@code {simpleClass}} and {@code {method}} placeholders. */
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
        return template.replace("{class}", type.getName())
                .replace("{simpleClass}", simple)
                .replace("{method}", methodName);
    }
}
