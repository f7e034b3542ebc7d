package io.perfweave.agent.select;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ConfigLoader;
import io.perfweave.it.apps.startup.HierarchyClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which loading classes go to the weaver, for rules without a class glob: judged from the class
 * files of {@link HierarchyClasses} as their loader finds them, before any of them is loaded.
 */
class ClassCandidatesTest {
    private static final String GEN = HierarchyClasses.PACKAGE.replace('.', '/') + "/";
    @TempDir
    static Path dir;
    private static Path classes;
    private static ClassLoader loader;

    @BeforeAll
    static void compile() throws Exception {
        classes = HierarchyClasses.compile(dir, 30);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }

    private static ClassCandidates candidates(String rules) throws Exception {
        AgentConfig config = new ConfigLoader().parse("operations:\n" + rules, "candidates.yaml");
        return new ClassCandidates(config.operations());
    }

    private static boolean mayMatch(ClassCandidates candidates, String simpleName) throws Exception {
        return candidates.mayMatch(loader, GEN + simpleName, Files.readAllBytes(classes.resolve(GEN + simpleName + ".class")));
    }

    @Test
    void onlySubtypesGoToTheWeaver() throws Exception {
        ClassCandidates repository = candidates("  - {name: r, subtype_of: " + HierarchyClasses.REPOSITORY + ", method: find}\n");
        assertTrue(mayMatch(repository, "K0"), "implements Repository");
        assertTrue(mayMatch(repository, "Repository"), "the type itself");
        for (String other : new String[] {"K1", "K17", "K29", "Base9", "Handler", "Named"}) {
            assertFalse(mayMatch(repository, other), other + " cannot be a Repository");
        }
        // through a chain of superclasses and an interface that extends another
        ClassCandidates named = candidates("  - {name: n, subtype_of: " + HierarchyClasses.PACKAGE + ".Named, method: name}\n");
        assertTrue(mayMatch(named, "K7"), "K7 extends Base7, which extends ... Base0, which implements Named");
        assertTrue(mayMatch(named, "Base3"));
        assertFalse(mayMatch(named, "Handler"));
        ClassCandidates ordered = candidates("  - {name: o, subtype_of: " + HierarchyClasses.PACKAGE + ".Ordered, method: order}\n");
        assertTrue(mayMatch(ordered, "Base1"), "Base1 extends Base0, which implements Ordered");
    }

    @Test
    void aSupertypeThatCannotBeReadIsLeftToTheWeaver() throws Exception {
        ClassCandidates repository = candidates("  - {name: r, subtype_of: " + HierarchyClasses.REPOSITORY + ", method: find}\n");
        ClassLoader blind = new ClassLoader(null) { }; // finds no class file at all
        byte[] k5 = Files.readAllBytes(classes.resolve(GEN + "K5.class"));
        assertTrue(repository.mayMatch(blind, GEN + "K5", k5), "Base5 unreadable: maybe");
        assertTrue(repository.mayMatch(loader, GEN + "K0", new byte[] {1, 2, 3}), "not a class file: maybe");
    }

    @Test
    void onlyClassesThatMentionTheAnnotationGoToTheWeaver() throws Exception {
        ClassCandidates marked = candidates("  - {name: m, annotated_with: " + HierarchyClasses.MARKER + ", method: '*'}\n");
        assertTrue(mayMatch(marked, "K0"));
        assertFalse(mayMatch(marked, "K1"));
        assertFalse(mayMatch(marked, "Base0"));
    }

    @Test
    void aClassGlobStillSelectsByNameWhateverTheHierarchy() throws Exception {
        ClassCandidates both = candidates(String.join("\n",
                "  - {name: r, subtype_of: " + HierarchyClasses.REPOSITORY + ", method: find}",
                "  - {name: g, class: '" + HierarchyClasses.PACKAGE + ".K1*', method: handle}",
                ""));
        assertTrue(mayMatch(both, "K12"), "the glob names K12");
        assertFalse(mayMatch(both, "K2"), "neither the glob nor the hierarchy selects K2");
        assertFalse(both.mayMatch(loader, "java/lang/String", new byte[0]), "the JDK is never woven");
    }
}
