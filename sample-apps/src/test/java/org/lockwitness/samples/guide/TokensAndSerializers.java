package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Serializer;
import org.lockwitness.kernel.Token;

/** Guide, "Tokens and serializers". */
public final class TokensAndSerializers {

    private TokensAndSerializers() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        Serializer em0 = new Serializer("em0 serializer");
        Serializer em1 = new Serializer("em1 serializer");
        Token em0Token = new Token("em0 token");
        Token em1Token = new Token("em1 token");
        m.spawn("bridge em0 to em1", KThread.PRI_MIN_KERN, () -> {
            if (buggy) {
                em0.enter();
                em1.enter();
                em1.exit();
                em0.exit();
            } else {
                em0Token.get();
                em1Token.get();
                em1Token.rel();
                em0Token.rel();
            }
        });
        m.spawn("bridge em1 to em0", KThread.PRI_MIN_KERN, () -> {
            if (buggy) {
                em1.enter();
                em0.enter();
                em0.exit();
                em1.exit();
            } else {
                em1Token.get();
                em0Token.get();
                em0Token.rel();
                em1Token.rel();
            }
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, TokensAndSerializers::run);
    }
}
