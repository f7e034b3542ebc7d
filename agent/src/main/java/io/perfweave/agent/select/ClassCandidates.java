package io.perfweave.agent.select;

import io.perfweave.agent.config.OperationConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether some rule of a config may select a class that is being loaded: the test every class
 * load meets before it waits for, or goes to, the weaver. By name first ({@link NameFilter}); a
 * class that only rules without a class glob ({@code subtype_of}, {@code annotated_with}) could
 * select is then judged by its class file: whether it mentions the annotation at all, and whether
 * its declared supertypes can lead to the type ({@link KnownSubtypes}). Such a class that cannot
 * match loads at once, without the weaver; one that may goes to the weaver, which decides as
 * before.
 */
public final class ClassCandidates {
    private final NameFilter names;
    private final List<HierarchyRule> hierarchyRules = new ArrayList<>();
    /** Also accepted: what another config accepts (while a reload re-weaves); null for none. */
    private final ClassCandidates alternative;

    /** One rule without a class glob, as far as a class file can show that it cannot select a class. */
    private record HierarchyRule(String annotationInternalName, KnownSubtypes subtypes) {
        boolean maybe(ClassLoader loader, String internalName, ClassFileHeader header) {
            return (annotationInternalName == null || header.mentionsDescriptor(annotationInternalName))
                    && (subtypes == null || subtypes.maybe(loader, internalName, header));
        }
    }

    public ClassCandidates(List<OperationConfig> rules) {
        this.names = new NameFilter(rules);
        this.alternative = null;
        Map<String, KnownSubtypes> byTarget = new HashMap<>();
        for (OperationConfig rule : rules) {
            if (rule.className() == null) {
                String annotation = rule.annotatedWith() == null ? null : rule.annotatedWith().replace('.', '/');
                KnownSubtypes subtypes = rule.subtypeOf() == null ? null
                        : byTarget.computeIfAbsent(rule.subtypeOf(), KnownSubtypes::new);
                hierarchyRules.add(new HierarchyRule(annotation, subtypes));
            }
        }
    }

    private ClassCandidates(ClassCandidates first, ClassCandidates second) {
        this.names = first.names;
        this.hierarchyRules.addAll(first.hierarchyRules);
        this.alternative = second;
    }

    /** Classes that this or {@code other} may select. */
    public ClassCandidates or(ClassCandidates other) {
        return new ClassCandidates(this, other);
    }

    public NameFilter names() {
        return names;
    }

    /**
     * @param internalName the class's name with slashes, as the JVM hands it to a transformer
     * @param classFile its bytes
     */
    public boolean mayMatch(ClassLoader loader, String internalName, byte[] classFile) {
        return matches(loader, internalName, classFile)
                || (alternative != null && alternative.mayMatch(loader, internalName, classFile));
    }

    private boolean matches(ClassLoader loader, String internalName, byte[] classFile) {
        String name = internalName.replace('/', '.');
        if (!names.test(name)) {
            return false;
        }
        if (hierarchyRules.isEmpty() || names.matchesNamedRule(name)) {
            return true;
        }
        ClassFileHeader header;
        try {
            header = ClassFileHeader.parse(classFile);
        } catch (IllegalArgumentException unreadable) {
            return true; // the weaver will say what it makes of it
        }
        for (HierarchyRule rule : hierarchyRules) {
            if (rule.maybe(loader, internalName, header)) {
                return true;
            }
        }
        return false;
    }
}
