package org.lockwitness.agent.weave;

import org.lockwitness.agent.runtime.ColdProbes;
import org.lockwitness.agent.runtime.PairProbes;
import org.lockwitness.agent.runtime.Probes;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * The code woven into one probe-annotated method: each piece calls one {@link PairProbes} method
 * (the events of a lock pair), one {@link Probes} method (the other lock events and the context
 * events) or one {@link ColdProbes} method (the rest), on entry, before each normal
 * return, or both, with constants chosen per method by {@link ProbeAdvisor} and arguments loaded
 * from the method's own parameters. The woven code has no branch and no handler of its own, so
 * every stack map frame of the method stays valid: a decision on a result ({@code tryLock}
 * succeeded, an upgrade both allowed and done) is passed to the run time, which makes it; and
 * every run-time method catches what it throws, so no exception of the witness reaches the model.
 * The launched {@code main}'s exit call is woven by {@link MainExitWeaver}.
 *
 * <p>Thread-safety: an instance serves one method of one transformation (an upgrade keeps the index
 * of its local there).
 */
abstract class ProbeAdvice {

    private static final String PROBES = Type.getInternalName(Probes.class);
    private static final String PAIR = Type.getInternalName(PairProbes.class);
    private static final String COLD = Type.getInternalName(ColdProbes.class);
    private static final String LOCK = "Lorg/lockwitness/kernel/LockObject;";
    private static final String STRING = "Ljava/lang/String;";
    private static final String OBJECT = "Ljava/lang/Object;";

    /** An int argument of a probe: a constant, or one of the method's parameters. */
    record IntArg(int constant, int parameter) {
        static IntArg of(int constant) {
            return new IntArg(constant, -1);
        }

        static IntArg parameter(int index) {
            return new IntArg(0, index);
        }

        void load(GeneratorAdapter g) {
            if (parameter >= 0) {
                g.loadArg(parameter);
            } else {
                g.push(constant);
            }
        }
    }

    /** Emits the code that runs when the method is entered (after a constructor's super call). */
    void enter(GeneratorAdapter g) {
    }

    /** Emits the code that runs before each normal return; the return value, if any, is on the stack. */
    void exit(GeneratorAdapter g) {
    }

    /** A release: its own entry point. */
    static ProbeAdvice release(int flags) {
        return new ProbeAdvice() {
            @Override
            void enter(GeneratorAdapter g) {
                g.loadThis();
                g.push(flags);
                g.visitMethodInsn(Opcodes.INVOKESTATIC, PAIR, "release", "(" + LOCK + "I)V", false);
            }
        };
    }

    /** A lock event on entry (downgrade, destroy, assertion, spin wait). */
    static ProbeAdvice lockEnter(int event, IntArg arg) {
        return new ProbeAdvice() {
            @Override
            void enter(GeneratorAdapter g) {
                lockEvent(g, event, arg);
            }
        };
    }

    /** A blocking acquire: the order check on entry, the hold on normal return. */
    static ProbeAdvice acquire(int flags) {
        return new ProbeAdvice() {
            private int state;

            @Override
            void enter(GeneratorAdapter g) {
                g.loadThis();
                g.push(flags);
                g.visitMethodInsn(Opcodes.INVOKESTATIC, PAIR, "acquire", "(" + LOCK + "I)" + OBJECT, false);
                state = g.newLocal(Type.getType(Object.class));
                g.storeLocal(state);
            }

            @Override
            void exit(GeneratorAdapter g) {
                g.loadLocal(state);
                g.loadThis();
                g.push(flags);
                g.visitMethodInsn(Opcodes.INVOKESTATIC, PAIR, "acquired", "(" + OBJECT + LOCK + "I)V", false);
            }
        };
    }

    /** A try-acquire: the event when the method returns true. */
    static ProbeAdvice succeeded(int event, int arg) {
        return new ProbeAdvice() {
            @Override
            void exit(GeneratorAdapter g) {
                g.dup();
                g.push(event);
                g.loadThis();
                g.push(arg);
                g.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, "lockEventIf", "(ZI" + LOCK + "I)V", false);
            }
        };
    }

    /** An upgrade: the attempt on entry, the mode change when it returns true and the attempt was allowed. */
    static ProbeAdvice upgrade() {
        return new ProbeAdvice() {
            private int report;

            @Override
            void enter(GeneratorAdapter g) {
                g.loadThis();
                g.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, "upgradeAttempt", "(" + LOCK + ")Z", false);
                report = g.newLocal(Type.BOOLEAN_TYPE);
                g.storeLocal(report);
            }

            @Override
            void exit(GeneratorAdapter g) {
                g.dup();
                g.loadLocal(report);
                g.loadThis();
                g.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, "upgraded", "(ZZ" + LOCK + ")V", false);
            }
        };
    }

    /** A context event on entry ({@code onEntry}) or before each normal return. */
    static ProbeAdvice context(int event, IntArg arg, boolean onEntry) {
        return new ProbeAdvice() {
            @Override
            void enter(GeneratorAdapter g) {
                if (onEntry) {
                    contextEvent(g, event, arg);
                }
            }

            @Override
            void exit(GeneratorAdapter g) {
                if (!onEntry) {
                    contextEvent(g, event, arg);
                }
            }
        };
    }

    /** {@code @Sleep} on entry: the interlock and wait message, each a parameter or null. */
    static ProbeAdvice sleep(int interlock, int wmesg, boolean cv) {
        return new ProbeAdvice() {
            @Override
            void enter(GeneratorAdapter g) {
                objectOrNull(g, interlock);
                objectOrNull(g, wmesg);
                g.push(cv);
                g.visitMethodInsn(Opcodes.INVOKESTATIC, COLD, "sleep", "(Ljava/lang/Object;Ljava/lang/Object;Z)V",
                        false);
            }
        };
    }

    /** {@code @Requires} on entry. */
    static ProbeAdvice requires(String lockName, int site) {
        return new ProbeAdvice() {
            @Override
            void enter(GeneratorAdapter g) {
                g.push(lockName);
                g.push(site);
                g.visitMethodInsn(Opcodes.INVOKESTATIC, COLD, "required", "(" + STRING + "I)V", false);
            }
        };
    }

    /**
     * A machine event on entry ({@code @Deadlock}, {@code @LostWakeup}, {@code @WakeupLost},
     * {@code @Panic}): the method's first parameters, passed on as they are.
     *
     * @param method the {@link ColdProbes} method
     * @param descriptor its descriptor, whose parameters are the woven method's first ones
     */
    static ProbeAdvice machineEvent(String method, String descriptor) {
        int count = Type.getArgumentTypes(descriptor).length;
        return new ProbeAdvice() {
            @Override
            void enter(GeneratorAdapter g) {
                for (int i = 0; i < count; i++) {
                    g.loadArg(i);
                }
                g.visitMethodInsn(Opcodes.INVOKESTATIC, COLD, method, descriptor, false);
            }
        };
    }

    /** {@code @LockInit} when the constructor returns. */
    static ProbeAdvice lockInit() {
        return new ProbeAdvice() {
            @Override
            void exit(GeneratorAdapter g) {
                g.loadThis();
                g.visitMethodInsn(Opcodes.INVOKESTATIC, COLD, "lockInit", "(" + LOCK + ")V", false);
            }
        };
    }

    private static void lockEvent(GeneratorAdapter g, int event, IntArg arg) {
        g.push(event);
        g.loadThis();
        arg.load(g);
        g.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, "lockEvent", "(I" + LOCK + "I)V", false);
    }

    private static void contextEvent(GeneratorAdapter g, int event, IntArg arg) {
        g.push(event);
        arg.load(g);
        g.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, "contextEvent", "(II)V", false);
    }

    private static void objectOrNull(GeneratorAdapter g, int parameter) {
        if (parameter < 0) {
            g.visitInsn(Opcodes.ACONST_NULL);
        } else {
            g.loadArg(parameter);
        }
    }
}
