package org.lockwitness.agent.weave.jlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;

class StateSlotTest {

    @Test
    void aFrameGetsTheSlotAfterTopPadding_countingLongsAndDoublesAsTwoSlots() {
        StateSlot slot = new StateSlot(6);
        Object[] locals = {"A", Opcodes.LONG, Opcodes.DOUBLE};
        assertArrayEquals(new Object[] {"A", Opcodes.LONG, Opcodes.DOUBLE, Opcodes.TOP, "java/lang/Object"},
                slot.frame(locals), "A, the long's two slots and the double's two: slot 5 padded, slot 6 ours");
        assertArrayEquals(new Object[] {Opcodes.TOP, Opcodes.TOP, Opcodes.TOP, Opcodes.TOP, Opcodes.TOP, Opcodes.TOP,
                "java/lang/Object"}, slot.frame(new Object[0]));
        assertArrayEquals(new Object[] {Opcodes.INTEGER, Opcodes.LONG, Opcodes.LONG, Opcodes.INTEGER, "java/lang/Object"},
                slot.frame(new Object[] {Opcodes.INTEGER, Opcodes.LONG, Opcodes.LONG, Opcodes.INTEGER}),
                "a frame that fills every slot before ours needs no padding");
        assertEquals(7, slot.maxLocals(6));
    }

    @Test
    void aMethodWhoseLocalsFillTheClassFilesLimit_getsNoSlot_andItsFramesStayAsTheyAre() {
        StateSlot none = new StateSlot(0xFFFF);
        Object[] locals = {"A"};
        assertArrayEquals(locals, none.frame(locals));
        assertEquals(0xFFFF, none.maxLocals(0xFFFF));
        assertEquals(3, new StateSlot(-1).maxLocals(3), "a method without monitor hooks keeps its locals");
    }
}
