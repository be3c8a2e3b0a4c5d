package org.lockwitness.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.Mtx;
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
        Class<?> woven = new Loader(WovenCode.weave(Host.class)).loadClass(Host.class.getName());
        assertSame(woven, Class.forName(woven.getName(), true, woven.getClassLoader()));
        assertEquals(woven.getName(), Host.class.getName());
    }

    @Test
    void eachCallStoresTheSiteItReplacesAndHandsItBack() throws Exception {
        List<String> code = WovenCode.code(WovenCode.weave(Host.class), "loop");
        int enter = code.indexOf(ENTER + "(I)I");
        String store = code.get(enter + 1);
        assertEquals(Opcodes.ISTORE, Integer.parseInt(store.split(" ")[0]), code.toString());
        String local = store.split(" ")[1];
        assertEquals("org/lockwitness/kernel/Mtx.lock()V", code.get(enter + 2));
        assertEquals(Opcodes.ILOAD + " " + local, code.get(enter + 3));
        assertEquals(EXIT + "(I)V", code.get(enter + 4));
        assertEquals(2, code.stream().filter((ENTER + "(I)I")::equals).count(), code.toString());
        assertEquals(2, code.stream().filter((Opcodes.ILOAD + " " + local)::equals).count(), code.toString());
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
