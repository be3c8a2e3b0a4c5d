package org.lockwitness.agent.weave.jlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lockwitness.agent.runtime.jlock.JavaAllocations;
import org.lockwitness.agent.runtime.jlock.JavaLockRuntime;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Records where a method makes lock objects of generic JDK types ({@link #TRACKED}, and the JDK's
 * collections in a class that has a {@code synchronized} block): after the constructor of
 * {@code new T(...)} returns, {@code dup, name, JavaAllocations.allocated}. The
 * name is the field the new object is stored into when the next instruction is that
 * {@code putfield}/{@code putstatic} ({@code Owner.field}, the name a lock loaded from the field
 * gets, so that the lock has one name wherever it is taken), else the allocation site
 * {@code File.java:line} (the line of the {@code new}). A method without line numbers records
 * nothing.
 *
 * <p>A {@code new} and its constructor call are paired on a stack of the types of pending
 * {@code new}s: an {@code invokespecial <init>} of the type on top ends that {@code new}; any
 * other {@code <init>} (a constructor's {@code super(...)} or {@code this(...)}) is not an
 * allocation. The hook is emitted at the next instruction, label or end of the method, in the
 * same basic block as the constructor call; it adds two stack slots and no branch, so no frame.
 *
 * <p>A collection is made for its contents, and most are never locked: recording every one would
 * cost a weak reference and the table's monitor per allocation all over a program. So collections
 * are recorded only where they are made by a class that itself locks something in a
 * {@code synchronized} block, where a collection made to be locked usually is (a local list
 * locked in the same method, a field locked through a getter). A collection made elsewhere and
 * locked without a field at the {@code monitorenter} is named by its class, as before.
 *
 * <p>Thread-safety: one instance per method per transformation.
 */
final class AllocationMethodVisitor extends MethodVisitor {

    /** The generic JDK types whose allocations are recorded: the ones made to be locks. */
    static final Set<String> TRACKED = Set.of("java/lang/Object", "java/util/concurrent/locks/ReentrantLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock", "java/util/concurrent/locks/StampedLock");
    private static final String ALLOCATIONS = JavaAllocations.class.getName().replace('.', '/');
    private static final int EXTRA_STACK = 2;

    private final LockClassVisitor cls;
    /** Whether collections are recorded too: the class has a {@code synchronized} block. */
    private final boolean collections;
    private final List<String> newTypes = new ArrayList<>();
    private final List<Integer> newLines = new ArrayList<>();
    private int line;
    /** The line of a constructed lock object whose hook is not emitted yet, or -1. */
    private int pendingLine = -1;
    private boolean added;

    AllocationMethodVisitor(MethodVisitor next, LockClassVisitor cls) {
        super(Opcodes.ASM9, next);
        this.cls = cls;
        this.collections = cls.scan.monitors;
    }

    /** Whether a class that allocates this type has something to instrument. */
    static boolean tracked(int opcode, String type) {
        return opcode == Opcodes.NEW && TRACKED.contains(type);
    }

    /**
     * @param type an internal class name
     * @return whether it is one of the JDK's collections: a public top-level class of
     *     {@code java.util} or {@code java.util.concurrent} named {@code *List}, {@code *Map},
     *     {@code *Set}, {@code *Queue} or {@code *Deque}, or {@code Vector}, {@code Stack},
     *     {@code Hashtable}
     */
    static boolean collection(String type) {
        String pkg = type.substring(0, Math.max(type.lastIndexOf('/'), 0));
        if (!pkg.equals("java/util") && !pkg.equals("java/util/concurrent") || type.indexOf('$') >= 0) {
            return false;
        }
        String simple = type.substring(pkg.length() + 1);
        return simple.endsWith("List") || simple.endsWith("Map") || simple.endsWith("Set")
                || simple.endsWith("Queue") || simple.endsWith("Deque") || simple.equals("Vector")
                || simple.equals("Stack") || simple.equals("Hashtable");
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        flush();
        if (opcode == Opcodes.NEW) {
            newTypes.add(type);
            newLines.add(line);
        }
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        flush();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        int top = newTypes.size() - 1;
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && top >= 0 && newTypes.get(top).equals(owner)) {
            newTypes.remove(top);
            int at = newLines.remove(top);
            if ((TRACKED.contains(owner) || collections && collection(owner)) && at > 0) {
                pendingLine = at;
            }
        }
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        if (pendingLine > 0 && (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC)) {
            pendingLine = -1;
            hook(LockClassVisitor.binary(owner) + "." + name);
        } else {
            flush();
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitLineNumber(int number, Label start) {
        flush();
        line = number;
        super.visitLineNumber(number, start);
    }

    @Override
    public void visitLabel(Label label) {
        flush();
        super.visitLabel(label);
    }

    @Override
    public void visitInsn(int opcode) {
        flush();
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        flush();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        flush();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitLdcInsn(Object value) {
        flush();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
        flush();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        flush();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        flush();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        flush();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        flush();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        flush();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        flush();
        super.visitMaxs(added ? maxStack + EXTRA_STACK : maxStack, maxLocals);
    }

    /** Emits the pending hook under the allocation site's name. */
    private void flush() {
        if (pendingLine > 0) {
            int at = pendingLine;
            pendingLine = -1;
            hook(cls.file + ":" + at);
        }
    }

    /** {@code dup, name, allocated}: the new object stays on the stack. */
    private void hook(String name) {
        super.visitInsn(Opcodes.DUP);
        super.visitLdcInsn(JavaLockRuntime.name(name));
        super.visitMethodInsn(Opcodes.INVOKESTATIC, ALLOCATIONS, "allocated", "(Ljava/lang/Object;I)V", false);
        added = true;
    }
}
