package org.lockwitness.agent.weave.jlock;

import java.util.Arrays;
import org.lockwitness.agent.runtime.jlock.JavaLockRuntime;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites one method's Java locks (see {@link org.lockwitness.agent.runtime.jlock.JavaMonitors}
 * and {@link org.lockwitness.agent.runtime.jlock.JavaLocks} for what each hook reports):
 * <ul>
 *   <li>{@code monitorenter}: {@code dup, site, name, thread, monitorEnter, store thread;
 *       monitorenter}, with no hook after it; {@code monitorexit}: {@code dup; monitorexit; site,
 *       thread, monitorExit}, on the compiler's exception paths too, which are
 *       {@code monitorexit}s like any other. The call after {@code monitorexit} is owed until the
 *       next event and goes after the label that follows the instruction, if one does: there
 *       {@code javac} ends a block's catch-all range. So the call, made once the monitor is
 *       released, lies outside that range and outside the handler's range over itself. An invoke is
 *       an exception edge: one inside the range would reach the handler, which releases the
 *       monitor again (unbalanced monitors, which HotSpot's compilers refuse), and C1 gives up on a
 *       handler block that covers an invoke inside itself; either way the method would run
 *       interpreted for ever. Only when a frame sits at that label does the call stay before it, as
 *       a frame describes the label's own offset and stack;</li>
 *   <li>a {@code synchronized} method: {@code methodEntered} first, {@code monitorExit} before every
 *       return, and a catch-all handler, last in the exception table so that the method's own
 *       handlers keep precedence, that calls {@code monitorExit} and rethrows;</li>
 *   <li>a call in {@link Targets}: replaced by its hook, with the site (and the lock's name) pushed
 *       after the call's own operands.</li>
 * </ul>
 *
 * <p>A lock's name comes from the instructions that produced the operand, as far as a streaming
 * pass can tell: a monitor pushed by {@code getfield}/{@code getstatic} (then {@code dup},
 * {@code astore}, as {@code javac} compiles {@code synchronized (this.lock)}) or by {@code ldc}
 * of a class; a {@code java.util.concurrent} lock fetched from a lock-typed field, possibly through
 * {@code readLock()}/{@code writeLock()}, with only constants, primitive loads and
 * {@code TimeUnit} constants (a timeout) pushed after it. Anything else, or a label in between,
 * forgets the name, and the lock is named at run time (allocation site, else runtime class).
 *
 * <p>The thread's state: a method with monitor hooks gets one more local, after the method's own
 * ({@link Scan} counted them), set to null on entry; {@code methodEntered} and {@code monitorEnter}
 * return the calling thread's state and it is stored there, and every monitor hook takes it as its
 * last argument. So the hooks after the first in one call of the method reach the thread's state
 * without looking it up: a frame runs on one thread from its entry to its return (a virtual thread
 * is one thread whatever carrier it runs on), and a side-by-side run put the two lookups saved at
 * about 2 ns of a {@code synchronized} pair of about 27.
 *
 * <p>Frames: the only new branch target is the catch-all handler, whose frame holds just
 * {@code this} (or nothing, for a static method, which loads its class again), the thread's local
 * and the exception; the class is read with expanded frames so that this frame can be written in the
 * same form, and every frame of a method with the thread's local gets it too: {@code TOP} up to its
 * slot, then an {@code Object}, which it is from the method's first instruction on. The stack
 * grows by at most five slots at any hook.
 *
 * <p>Thread-safety: one instance per method per transformation.
 */
final class LockMethodVisitor extends MethodVisitor {

    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String TIME_UNIT = "Ljava/util/concurrent/TimeUnit;";
    private static final int EXTRA_STACK = 5;
    private static final String THREAD_ARG = OBJECT + ")";

    private final LockClassVisitor cls;
    private final String method;
    private final boolean isStatic;
    private final boolean sync;
    private final int firstLine;
    /** The local that carries the thread's state from one monitor hook to the next. */
    private final StateSlot state;
    private int line;
    private boolean added;
    private String pendingMonitor;
    private String pendingLock;
    private Label start;
    private int syncSite;
    private int syncName;
    /** The hook owed since the last {@code monitorenter} or {@code monitorexit}, or null. */
    private String owed;
    private int owedSite;
    /** The label right after that instruction, held back until the next event. */
    private Label owedLabel;

    /**
     * @param maxLocals the method's own {@code max_locals} when it has monitor hooks (the slot of
     *     the local they share), else -1
     */
    LockMethodVisitor(MethodVisitor next, LockClassVisitor cls, String method, boolean isStatic, boolean sync,
            int firstLine, int maxLocals) {
        super(Opcodes.ASM9, next);
        this.cls = cls;
        this.method = method;
        this.isStatic = isStatic;
        this.sync = sync;
        this.firstLine = firstLine;
        this.line = firstLine;
        this.state = new StateSlot(maxLocals);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        state.init(mv);
        if (sync) {
            syncSite = cls.site(firstLine, "synchronized " + method);
            syncName = isStatic ? JavaLockRuntime.name(LockClassVisitor.binary(cls.owner) + ".class") : 0;
            start = new Label();
            super.visitLabel(start);
            pushMonitor();
            super.visitLdcInsn(syncSite);
            super.visitLdcInsn(syncName);
            monitorHook("methodEntered", "(" + OBJECT + "II" + THREAD_ARG + OBJECT);
            added = true;
        }
    }

    @Override
    public void visitLineNumber(int number, Label label) {
        placeOwed();
        line = number;
        super.visitLineNumber(number, label);
    }

    @Override
    public void visitLabel(Label label) {
        forget();
        if (owed != null && owedLabel == null) {
            owedLabel = label;
            return;
        }
        placeOwed();
        super.visitLabel(label);
    }

    @Override
    public void visitInsn(int opcode) {
        placeOwed();
        if (opcode == Opcodes.MONITORENTER) {
            int site = cls.site(line, "synchronized");
            int name = pendingMonitor == null ? 0 : JavaLockRuntime.name(pendingMonitor);
            super.visitInsn(Opcodes.DUP);
            super.visitLdcInsn(site);
            super.visitLdcInsn(name);
            monitorHook("monitorEnter", "(" + OBJECT + "II" + THREAD_ARG + OBJECT);
            super.visitInsn(opcode);
            added = true;
            forget();
            return;
        }
        if (opcode == Opcodes.MONITOREXIT) {
            super.visitInsn(Opcodes.DUP);
            super.visitInsn(opcode);
            owe("monitorExit", cls.site(line, "synchronized end"));
            added = true;
            forget();
            return;
        }
        if (sync && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            exitHook(cls.site(line, "synchronized " + method + " return"));
        }
        boolean constant = opcode >= Opcodes.ACONST_NULL && opcode <= Opcodes.DCONST_1 || opcode == Opcodes.I2L;
        if (opcode != Opcodes.DUP) {
            pendingMonitor = null;
        }
        if (!constant) {
            pendingLock = null;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        placeOwed();
        pendingMonitor = null;
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        placeOwed();
        if (opcode != Opcodes.ASTORE) {
            pendingMonitor = null;
        }
        if (opcode != Opcodes.ILOAD && opcode != Opcodes.LLOAD) {
            pendingLock = null;
        }
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        placeOwed();
        boolean get = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC;
        boolean reference = descriptor.startsWith("L") || descriptor.startsWith("[");
        String field = LockClassVisitor.binary(owner) + "." + name;
        pendingMonitor = get && reference ? field : null;
        if (get && Targets.LOCK_FIELD_TYPES.contains(descriptor)) {
            pendingLock = field;
        } else if (!(opcode == Opcodes.GETSTATIC && descriptor.equals(TIME_UNIT))) {
            pendingLock = null;
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitLdcInsn(Object value) {
        placeOwed();
        if (value instanceof Type t && t.getSort() == Type.OBJECT) {
            pendingMonitor = LockClassVisitor.binary(t.getInternalName()) + ".class";
            pendingLock = null;
        } else {
            pendingMonitor = null;
        }
        super.visitLdcInsn(value);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        placeOwed();
        Targets.Hook hook = Targets.of(opcode, owner, name, descriptor);
        if (hook == null) {
            pendingMonitor = null;
            if (!Targets.keepsName(owner, name)) {
                pendingLock = null;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            return;
        }
        super.visitLdcInsn(cls.site(line, owner.substring(owner.lastIndexOf('/') + 1) + "." + name));
        if (hook.named()) {
            super.visitLdcInsn(pendingLock == null ? 0 : JavaLockRuntime.name(pendingLock));
        }
        if (hook.threaded()) {
            state.load(mv);
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, hook.owner(), hook.name(), hook.descriptor(), false);
        if (hook.threaded() && hook.descriptor().endsWith(OBJECT)) {
            state.store(mv);
        }
        added = true;
        forget();
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
        placeOwed();
        forget();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        placeOwed();
        forget();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        placeOwed();
        forget();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        placeOwed();
        forget();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        placeOwed();
        forget();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        placeOwed();
        forget();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        placeOwed();
        forget();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        placeOwed();
        if (sync) {
            Label end = new Label();
            Label handler = new Label();
            super.visitLabel(end);
            super.visitLabel(handler);
            if (cls.version >= Opcodes.V1_6) {
                Object[] locals = state.frame(isStatic ? new Object[0] : new Object[] {cls.owner});
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            }
            exitHook(syncSite);
            super.visitInsn(Opcodes.ATHROW);
            super.visitTryCatchBlock(start, end, handler, null);
        }
        super.visitMaxs(added ? maxStack + EXTRA_STACK : maxStack, state.maxLocals(maxLocals));
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (owedLabel != null) {
            emitOwed();
            super.visitLabel(owedLabel);
            owedLabel = null;
        } else {
            placeOwed();
        }
        if (type == Opcodes.F_NEW) {
            Object[] locals = state.frame(Arrays.copyOf(local, numLocal));
            super.visitFrame(type, locals.length, locals, numStack, stack);
        } else {
            super.visitFrame(type, numLocal, local, numStack, stack);
        }
    }

    private void owe(String hook, int site) {
        owed = hook;
        owedSite = site;
    }

    /** Emits the owed hook, after the label held back, if any. */
    private void placeOwed() {
        if (owed == null) {
            return;
        }
        if (owedLabel != null) {
            super.visitLabel(owedLabel);
            owedLabel = null;
        }
        emitOwed();
    }

    private void emitOwed() {
        super.visitLdcInsn(owedSite);
        monitorHook(owed, "(" + OBJECT + "I" + THREAD_ARG + "V");
        owed = null;
    }

    private void exitHook(int site) {
        pushMonitor();
        super.visitLdcInsn(site);
        monitorHook("monitorExit", "(" + OBJECT + "I" + THREAD_ARG + "V");
        added = true;
    }

    /**
     * Calls a monitor hook with the thread's state last ({@link StateSlot}); a hook that returns
     * the state has it stored.
     */
    private void monitorHook(String hook, String descriptor) {
        state.load(mv);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, Targets.MONITORS, hook, descriptor, false);
        if (descriptor.endsWith(OBJECT)) {
            state.store(mv);
        }
    }

    /** The monitor of this synchronized method: {@code this}, or the class of a static one. */
    private void pushMonitor() {
        if (isStatic) {
            super.visitLdcInsn(Type.getObjectType(cls.owner));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    private void forget() {
        pendingMonitor = null;
        pendingLock = null;
    }
}
