package org.lockwitness.samples.guide;

import java.util.function.Function;
import org.lockwitness.kernel.RunResult;

/**
 * The {@code main} of every guide example: {@code buggy} or {@code fixed} as the only argument, the
 * machine's {@link RunResult} on stdout (its first line starts with the status).
 */
final class GuideMain {

    private GuideMain() {
    }

    static void main(String[] args, Function<Boolean, RunResult> example) {
        if (args.length != 1 || !(args[0].equals("buggy") || args[0].equals("fixed"))) {
            throw new IllegalArgumentException("usage: buggy|fixed");
        }
        System.out.println(example.apply(args[0].equals("buggy")));
    }
}
