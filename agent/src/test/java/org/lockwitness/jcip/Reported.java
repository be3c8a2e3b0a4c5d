package org.lockwitness.jcip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** For drivers that deadlock for real: waits until the agent's JSON report names a rule. */
final class Reported {

    private Reported() {
    }

    /** Whether {@code report} named {@code rule} within 30 s. */
    static boolean await(Path report, String rule) throws IOException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(report) && Files.readString(report, StandardCharsets.UTF_8).contains("\"" + rule + "\"")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
