package org.lockwitness.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.Critical;
import org.lockwitness.kernel.RmLock;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessOptions;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The shape of {@code Critical.exit()} after the agent's one transformation: a window between the
 * store of 0 to {@code critnest} and the load of {@code owepreempt} with {@code windows=lines},
 * none there with {@code windows=probes}, none at all with {@code windows=off}, and never one
 * inside the woven advice; likewise in the rmlock reader's raw critnest section.
 */
class WindowsBytecodeTest {

    private static final String WINDOW = "INVOKESTATIC org/lockwitness/kernel/Machine.window";
    private static final String STORE_CRITNEST = "PUTFIELD org/lockwitness/kernel/KThread.critnest";
    private static final String LOAD_OWEPREEMPT = "GETFIELD org/lockwitness/kernel/KThread.owepreempt";
    private static final String PROBE = "INVOKESTATIC org/lockwitness/agent/runtime/Probes.contextEvent";

    @Test
    void lines_putAWindowBetweenTheStoreOfZeroToCritnestAndTheLoadOfOwepreempt() throws Exception {
        List<String> code = criticalExit("lines");
        int store = storeOfZero(code);
        int load = code.subList(store, code.size()).indexOf(LOAD_OWEPREEMPT) + store;
        assertTrue(load > store, code.toString());
        assertTrue(code.subList(store + 1, load).contains(WINDOW), code.subList(store, load + 1).toString());
    }

    @Test
    void lines_putAWindowBetweenTheRmlockReadersCritnestDecrementAndItsLoadOfOwepreempt() throws Exception {
        assertTrue(rmlockReaderGap("lines").contains(WINDOW));
        assertFalse(rmlockReaderGap("probes").contains(WINDOW));
    }

    /** The code of {@code rm_runlock} between its raw critnest decrement and the load of owepreempt. */
    private static List<String> rmlockReaderGap(String mode) throws Exception {
        List<String> code = woven(RmLock.class, "runlock", mode);
        int store = code.lastIndexOf(STORE_CRITNEST);
        int load = code.subList(store, code.size()).indexOf(LOAD_OWEPREEMPT) + store;
        assertTrue(store >= 0 && load > store, code.toString());
        return code.subList(store + 1, load);
    }

    @Test
    void lines_placeNoWindowInsideTheAdvice() throws Exception {
        List<String> code = criticalExit("lines");
        int probe = code.indexOf(PROBE);
        assertTrue(probe >= 0, "the @CriticalExit advice is missing: " + code);
        assertFalse(code.subList(0, probe).contains(WINDOW), code.subList(0, probe + 1).toString());
    }

    @Test
    void probes_leaveNoWindowInTheGap() throws Exception {
        List<String> code = criticalExit("probes");
        int store = storeOfZero(code);
        int load = code.subList(store, code.size()).indexOf(LOAD_OWEPREEMPT) + store;
        assertFalse(code.subList(store + 1, load).contains(WINDOW), code.toString());
        assertEquals(1, code.stream().filter(WINDOW::equals).count(), "the model's own window: " + code);
    }

    @Test
    void excludeAndInclude_narrowTheLineWindows() throws Exception {
        List<String> excluded = woven(Critical.class, "exit", "lines,exclude=org.lockwitness.kernel.Crit*");
        assertEquals(1, excluded.stream().filter(WINDOW::equals).count(), excluded.toString());
        List<String> notIncluded = woven(Critical.class, "exit", "lines,include=*.Smp");
        assertEquals(1, notIncluded.stream().filter(WINDOW::equals).count(), notIncluded.toString());
        List<String> included = woven(Critical.class, "exit", "lines,include=*.Smp+*.Critical");
        assertTrue(included.stream().filter(WINDOW::equals).count() > 1, included.toString());
    }

    @Test
    void lines_placeNoWindowBetweenReadingTheCpuAndWritingItsInterruptFlag() throws Exception {
        for (String method : List.of("disable", "enable", "restore")) {
            List<String> code = woven(org.lockwitness.kernel.Intr.class, method, "lines");
            int write = code.indexOf("PUTFIELD org/lockwitness/kernel/Cpu.intrEnabled");
            assertTrue(write > 0, method + ": " + code);
            assertFalse(code.subList(0, write).contains(WINDOW), method + " has a window before its write: " + code);
        }
    }

    @Test
    void off_removesTheModelsOwnWindows() throws Exception {
        List<String> code = criticalExit("off");
        assertFalse(code.contains(WINDOW), code.toString());
        assertTrue(code.contains(PROBE), code.toString());
    }

    /** The PUTFIELD that stores the constant 0 to critnest; a window may sit between the two. */
    private static int storeOfZero(List<String> code) {
        for (int i = 1; i < code.size(); i++) {
            int value = i - 1;
            while (value > 0 && code.get(value).equals(WINDOW)) {
                value--;
            }
            if (code.get(i).equals(STORE_CRITNEST) && code.get(value).equals("ICONST_0")) {
                return i;
            }
        }
        throw new AssertionError("no store of 0 to critnest in " + code);
    }

    private static List<String> criticalExit(String mode) throws Exception {
        return woven(Critical.class, "exit", mode);
    }

    /** The instructions of one method of a model class as woven with {@code windows=mode} (and more options). */
    private static List<String> woven(Class<?> type, String method, String mode) throws Exception {
        Witness witness = Witness.create(WitnessOptions.defaults());
        Weaver weaver = Weaving.weaver(witness, settings(mode), new Counters());
        byte[] bytes = weaver.weave(type.getClassLoader(), ClassBytes.of(type));
        List<String> code = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return name.equals(method) ? new Listing(code) : null;
            }
        }, 0);
        return code;
    }

    /**
     * The settings of {@code windows=MODE[,include=...][,exclude=...]}, as the agent's options
     * (in the entry package) parse them.
     */
    private static WeaveSettings settings(String mode) {
        String[] items = mode.split(",");
        ClassPatterns include = ClassPatterns.ALL;
        ClassPatterns exclude = ClassPatterns.NONE;
        for (int i = 1; i < items.length; i++) {
            String value = items[i].substring(items[i].indexOf('=') + 1);
            if (items[i].startsWith("include=")) {
                include = ClassPatterns.parse(value);
            } else if (items[i].startsWith("exclude=")) {
                exclude = ClassPatterns.parse(value);
            } else {
                throw new IllegalArgumentException(items[i]);
            }
        }
        return new WeaveSettings(Windows.valueOf(items[0].toUpperCase(Locale.ROOT)), include, exclude, null);
    }

    /** Records instructions as text. */
    private static final class Listing extends MethodVisitor {
        private final List<String> code;

        Listing(List<String> code) {
            super(Opcodes.ASM9);
            this.code = code;
        }

        @Override
        public void visitInsn(int opcode) {
            code.add(opcode == Opcodes.ICONST_0 ? "ICONST_0" : "INSN " + opcode);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            code.add((opcode == Opcodes.PUTFIELD ? "PUTFIELD " : opcode == Opcodes.GETFIELD ? "GETFIELD " : "FIELD ")
                    + owner + "." + name);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            code.add((opcode == Opcodes.INVOKESTATIC ? "INVOKESTATIC " : "INVOKE ") + owner + "." + name);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            code.add("VAR " + opcode + " " + varIndex);
        }

        @Override
        public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
            code.add("JUMP " + opcode);
        }
    }
}
