package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.tools.attach.VirtualMachine;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code agentmain}: the agent attached to a program that started without it. */
class AttachIT {

    @Test
    void dynamicAttach_findsAbbaInAProgramStartedWithoutTheAgent() throws Exception {
        Path dir = Forked.dir("attach");
        List<String> jvm = new ArrayList<>();
        if (Runtime.version().feature() >= 21) {
            jvm.add("-XX:+EnableDynamicAgentLoading");
        }
        Forked f = Forked.start(dir, jvm, true, "org.lockwitness.testprograms.Abba", "attach");
        try {
            f.awaitOutput("waiting");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(f.process.pid()));
            try {
                vm.loadAgent(Forked.agentJar().toString(), "report=" + f.report());
            } finally {
                vm.detach();
            }
            try (OutputStream in = f.process.getOutputStream()) {
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(0, f.await(), f.stderr());
        } finally {
            f.process.destroyForcibly();
        }
        AbbaIT.assertReversal(f);
    }
}
