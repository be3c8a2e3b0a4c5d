package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MainClassTest {

    @Test
    void mainClass_isTheFirstWordOrAJarsMainClass() {
        assertEquals("a.B", MainClass.fromCommand("a.B x y"));
        assertNull(MainClass.fromCommand(null));
        assertNull(MainClass.fromCommand("does-not-exist.jar run"));
    }
}
