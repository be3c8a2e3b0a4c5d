package org.lockwitness.junit5.cases;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of the forked JVMs: runs the named test classes on the JUnit Platform (its
 * configuration parameters come from system properties) and prints one line per test,
 * {@code RESULT uniqueId STATUS message}, the message on one line.
 */
public final class Launch {

    private Launch() {
    }

    public static void main(String[] args) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String c : args) {
            selectors.add(selectClass(c));
        }
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            String message = result.getThrowable().map(String::valueOf).orElse("")
                                    .replace("\n", "\\n");
                            System.out.println("RESULT " + id.getUniqueId() + " " + result.getStatus() + " "
                                    + message);
                        }
                    }
                });
        System.out.flush();
    }
}
