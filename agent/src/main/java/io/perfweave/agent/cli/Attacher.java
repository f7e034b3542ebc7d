package io.perfweave.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the agent into a running JVM, or lists the JVMs it could be loaded into. Loading it into
 * a JVM that already runs it reloads that agent's config instead of installing a second agent.
 */
final class Attacher {
    /** Where the agent in the target tells how its start went (see {@code core.AttachStatus}). */
    private static final String STATUS_PROPERTY = "perfweave.attach.status";

    private final PrintStream out;
    private final PrintStream err;

    Attacher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int list() {
        List<VirtualMachineDescriptor> machines = VirtualMachine.list();
        long self = ProcessHandle.current().pid();
        for (VirtualMachineDescriptor machine : machines) {
            if (!machine.id().equals(String.valueOf(self))) {
                String name = machine.displayName().isBlank() ? "(main class unknown)" : machine.displayName();
                out.println(machine.id() + "\t" + name);
            }
        }
        return 0;
    }

    int attach(String pid, Path config, String extraArguments) {
        if (!pid.matches("\\d+")) {
            err.println("attach: '" + pid + "' is not a process id; 'attach --list' shows the JVMs you can attach to");
            return 2;
        }
        if (!Files.isRegularFile(config)) {
            err.println("attach: no config file at " + config);
            return 2;
        }
        boolean known = VirtualMachine.list().stream().anyMatch(vm -> vm.id().equals(pid));
        if (!known) {
            err.println("attach: no JVM with pid " + pid + " can be attached to. It may not be running, may run as"
                    + " another user, or in another container or temporary directory; 'attach --list' shows the JVMs you can attach to");
            return 1;
        }
        File agentJar = agentJar();
        if (agentJar == null) {
            err.println("attach: cannot find perfweave-agent.jar; run this command as java -jar perfweave-agent.jar attach ...");
            return 1;
        }
        // the target JVM resolves paths against its own working directory
        String arguments = "config=" + config.toAbsolutePath().normalize()
                + (extraArguments == null || extraArguments.isBlank() ? "" : "," + extraArguments);
        String status;
        try {
            status = load(pid, agentJar, arguments);
        } catch (Exception e) {
            err.println("attach: could not load the agent into " + pid + ": " + describe(e));
            return 1;
        }
        // the agent's agentmain returns once it has woven the classes already loaded, so every
        // call from now on is measured; it leaves word of how that went in the target
        out.println("perfweave loaded into " + pid + " with " + arguments + ": "
                + (status == null ? "loaded (it said nothing of its weaving)" : status)
                + "; the target's standard error shows the agent's log");
        out.println("note: JDK 21 and later print a warning in the target about a dynamically loaded agent (JEP 451);"
                + " starting it with -XX:+EnableDynamicAgentLoading allows it explicitly");
        return 0;
    }

    /** Loads the agent and answers what it told of its start, or null. */
    private static String load(String pid, File agentJar, String arguments) throws Exception {
        VirtualMachine machine = VirtualMachine.attach(pid);
        try {
            machine.loadAgent(agentJar.getPath(), arguments);
            return machine.getSystemProperties().getProperty(STATUS_PROPERTY);
        } finally {
            machine.detach();
        }
    }

    private static String describe(Throwable e) {
        String all = e.toString();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            all += " <- " + cause;
        }
        if (all.contains("Permission denied") || all.contains("AttachNotSupported") || all.contains("Unable to open socket")) {
            return all + ". Attaching needs the same user (and, in containers, the same temporary directory) as the"
                    + " target, and a target not started with -XX:+DisableAttachMechanism";
        }
        return all;
    }

    private static File agentJar() {
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            File file = new File(entry);
            if (file.getName().endsWith(".jar") && file.isFile()) {
                return file.getAbsoluteFile();
            }
        }
        return null;
    }
}
