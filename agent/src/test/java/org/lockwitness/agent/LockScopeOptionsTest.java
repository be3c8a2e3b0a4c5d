package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The options that choose what is instrumented: {@code locks}, {@code javaInclude}, {@code javaExclude}. */
class LockScopeOptionsTest {

    @Test
    void locks_defaultsToBoth_andParsesEachScopeInAnyCase() throws Exception {
        assertEquals(LockScope.BOTH, AgentOptions.parse("").locks);
        assertEquals(LockScope.JAVA, AgentOptions.parse("locks=java").locks);
        assertEquals(LockScope.KERNEL, AgentOptions.parse("locks=KERNEL").locks);
        assertTrue(LockScope.BOTH.kernel() && LockScope.BOTH.java());
        assertFalse(LockScope.JAVA.kernel());
        assertFalse(LockScope.KERNEL.java());
        assertFalse(AgentOptions.parse("locks=java").weaving(null).kernel(), "locks=java weaves no model");
        assertTrue(AgentOptions.parse("").weaving(null).kernel());
    }

    @Test
    void badLocks_failsNamingTheValues() {
        AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                () -> AgentOptions.parse("locks=all"));
        assertTrue(e.getMessage().contains("bad value locks=all (kernel, java or both)"), e.getMessage());
    }

    @Test
    void javaIncludeAndExclude_areClassPatterns() throws Exception {
        AgentOptions o = AgentOptions.parse("javaInclude=com.example.*,javaExclude=*Test+*IT");
        assertTrue(o.javaInclude.matches("com.example.Bank"));
        assertFalse(o.javaInclude.matches("org.example.Bank"));
        assertTrue(o.javaExclude.matches("com.example.BankIT"));
        assertThrows(AgentOptions.OptionException.class, () -> AgentOptions.parse("javaInclude=a[b"));
    }
}
