package org.lockwitness.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessOptions;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Call-site weaving keeps the site it replaces in a local of the caller: the woven class passes the
 * JVM's verifier where a branch target before the first call site is reached both with and without
 * the local stored (a loop, a handler), and each call gets {@code enter} storing into, and {@code exit}
 * loading from, the same local.
 */
class CallSiteBytecodeTest {

    private static final String ENTER = "org/lockwitness/agent/runtime/Sites.enter";
    private static final String EXIT = "org/lockwitness/agent/runtime/Sites.exit";

    /** Call sites inside a loop, behind a branch, in a handler and as another call's argument. */
    static final class Host {
        static volatile boolean stop;

        static void loop(Mtx m) {
            while (!stop) {
                m.lock();
                m.unlock();
            }
        }

        static int handler(Mtx m, int n) {
            int done = 0;
            try {
                if (n > 0) {
                    m.lock();
                }
            } catch (IllegalStateException e) {
                m.unlock();
                done = -1;
            }
            return done + (m.owned() ? 1 : 0);
        }
    }

    @Test
    void theWovenClassPassesTheVerifier() throws Exception {
        Class<?> woven = new Loader(weave()).loadClass(Host.class.getName());
        assertSame(woven, Class.forName(woven.getName(), true, woven.getClassLoader()));
        assertEquals(woven.getName(), Host.class.getName());
    }

    @Test
    void eachCallStoresTheSiteItReplacesAndHandsItBack() throws Exception {
        List<String> code = code(weave(), "loop");
        int enter = code.indexOf("INVOKESTATIC " + ENTER + "(I)I");
        String store = code.get(enter + 1);
        assertEquals(Opcodes.ISTORE, Integer.parseInt(store.split(" ")[0]), code.toString());
        String local = store.split(" ")[1];
        assertEquals("INVOKEVIRTUAL org/lockwitness/kernel/Mtx.lock()V", code.get(enter + 2));
        assertEquals(Opcodes.ILOAD + " " + local, code.get(enter + 3));
        assertEquals("INVOKESTATIC " + EXIT + "(I)V", code.get(enter + 4));
        assertEquals(2, code.stream().filter(("INVOKESTATIC " + ENTER + "(I)I")::equals).count(), code.toString());
        assertEquals(2, code.stream().filter((Opcodes.ILOAD + " " + local)::equals).count(), code.toString());
    }

    private static byte[] weave() throws Exception {
        Witness witness = Witness.create(WitnessOptions.defaults());
        Weaver weaver = Weaving.weaver(witness, new WeaveSettings(Windows.PROBES, ClassPatterns.ALL, ClassPatterns.NONE,
                null), new Counters());
        return weaver.weave(Host.class.getClassLoader(), ClassBytes.of(Host.class));
    }

    /** The method and variable instructions of one method, in order. */
    private static List<String> code(byte[] bytes, String method) {
        List<String> code = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return !name.equals(method) ? null : new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        code.add((opcode == Opcodes.INVOKESTATIC ? "INVOKESTATIC " : "INVOKEVIRTUAL ") + owner + "."
                                + n + d);
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        code.add(opcode + " " + var);
                    }
                };
            }
        }, 0);
        return code;
    }

    /** Defines the woven {@link Host} itself and leaves every other class to its parent. */
    private static final class Loader extends ClassLoader {
        private final byte[] host;

        Loader(byte[] host) {
            super(CallSiteBytecodeTest.class.getClassLoader());
            this.host = host;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.equals(Host.class.getName())) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                return c != null ? c : defineClass(name, host, 0, host.length);
            }
        }
    }
}
