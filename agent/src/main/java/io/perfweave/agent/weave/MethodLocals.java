package io.perfweave.agent.weave;

import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;

/**
 * The local variables that woven code adds to a method, after the method's own (from its
 * {@code max_locals} on, so that no slot of the method's changes meaning), and what stack map
 * frames say of them. Locals set on entry hold their type through the whole method and every frame
 * names it; scratch locals live only between a store and the next load and are left out of frames.
 */
final class MethodLocals {
    private final int first;
    private int next;
    /** Frame types of the locals set on entry, in slot order. */
    private final List<Object> entryTypes = new ArrayList<>();
    private boolean scratchClaimed;

    /** @param first the method's own {@code max_locals} */
    MethodLocals(int first) {
        this.first = first;
        this.next = first;
    }

    /**
     * A local set on entry and read at the exits.
     *
     * @param frameType its stack-map frame type: {@link Opcodes#INTEGER}, {@link Opcodes#LONG} or an
     *                  internal class name
     */
    int claim(Object frameType) {
        if (scratchClaimed) {
            throw new IllegalStateException("entry locals come before scratch locals");
        }
        int index = next;
        next += frameType == Opcodes.LONG || frameType == Opcodes.DOUBLE ? 2 : 1;
        entryTypes.add(frameType);
        return index;
    }

    /** A reference-typed local used only within a straight run of woven code. */
    int claimScratch() {
        scratchClaimed = true;
        return next++;
    }

    /**
     * The locals of a frame of the method's own code, extended with the entry locals: the method's
     * locals padded with TOP to its {@code max_locals}, then the entry locals' types.
     */
    Object[] extend(List<Object> ownLocals) {
        List<Object> locals = new ArrayList<>(ownLocals.size() + first + entryTypes.size());
        int slots = 0;
        for (Object type : ownLocals) {
            locals.add(type);
            slots += type == Opcodes.LONG || type == Opcodes.DOUBLE ? 2 : 1;
        }
        return withEntryLocals(locals, slots);
    }

    /** The locals of a frame where nothing of the method's own is needed: TOP, then the entry locals. */
    Object[] entryLocalsOnly() {
        return withEntryLocals(new ArrayList<>(first + entryTypes.size()), 0);
    }

    private Object[] withEntryLocals(List<Object> locals, int slots) {
        for (int slot = slots; slot < first; slot++) {
            locals.add(Opcodes.TOP);
        }
        locals.addAll(entryTypes);
        return locals.toArray();
    }
}
