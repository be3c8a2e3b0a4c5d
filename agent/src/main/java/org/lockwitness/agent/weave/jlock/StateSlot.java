package org.lockwitness.agent.weave.jlock;

import java.util.Arrays;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The local a woven method's monitor hooks share to carry the calling thread's state from one
 * hook to the next (see {@link LockMethodVisitor}): one slot after the method's own locals, null on
 * entry, an {@code Object} from the method's first instruction on. A method whose locals already
 * fill the 65,535 slots a class file allows gets none, and its hooks are passed null.
 *
 * <p>Thread-safety: one instance per method per transformation.
 */
final class StateSlot {

    private static final int MAX_LOCALS = 0xFFFF;

    private final int slot;

    /** @param maxLocals the method's own {@code max_locals}, or -1 for a method without monitor hooks */
    StateSlot(int maxLocals) {
        this.slot = maxLocals >= 0 && maxLocals < MAX_LOCALS ? maxLocals : -1;
    }

    /** On entry: sets the slot to null. */
    void init(MethodVisitor mv) {
        if (slot >= 0) {
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitVarInsn(Opcodes.ASTORE, slot);
        }
    }

    /** Pushes the state for a hook: the slot's, or null without one. */
    void load(MethodVisitor mv) {
        if (slot >= 0) {
            mv.visitVarInsn(Opcodes.ALOAD, slot);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
    }

    /** Keeps the state a hook returned: in the slot, or drops it without one. */
    void store(MethodVisitor mv) {
        if (slot >= 0) {
            mv.visitVarInsn(Opcodes.ASTORE, slot);
        } else {
            mv.visitInsn(Opcodes.POP);
        }
    }

    /** The method's {@code max_locals} with the slot. */
    int maxLocals(int original) {
        return slot >= 0 ? Math.max(original, slot + 1) : original;
    }

    /**
     * An expanded frame's locals with the slot: padded with {@code TOP} up to it (a {@code long} or
     * {@code double} is one entry for two slots), then an {@code Object}. Unchanged without a slot.
     */
    Object[] frame(Object[] locals) {
        if (slot < 0) {
            return locals;
        }
        int slots = 0;
        for (Object l : locals) {
            slots += l == Opcodes.LONG || l == Opcodes.DOUBLE ? 2 : 1;
        }
        Object[] out = Arrays.copyOf(locals, locals.length + slot - slots + 1);
        Arrays.fill(out, locals.length, out.length - 1, Opcodes.TOP);
        out[out.length - 1] = "java/lang/Object";
        return out;
    }
}
