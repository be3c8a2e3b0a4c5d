package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.List;
import org.lockwitness.kernel.probe.KernelCode;

/**
 * A DragonFly LWKT token, shared or exclusive. A token is held only while its holder runs: every
 * switch releases all of the outgoing thread's tokens and the thread gets them all back before it
 * resumes ({@code lwkt_relalltokens}/{@code lwkt_getalltokens}). So tokens cannot deadlock, but
 * atomicity is lost across anything that blocks. Tokens are recursive, released in reverse order,
 * at most {@link #LWKT_MAXTOKENS} references per thread. Acquiring and releasing a token are not
 * lock-order events, and the automatic release and re-take emit nothing.
 *
 * <p>Design: a token's state (exclusive holder, reference counts, waiters) is guarded by the
 * machine's sched lock, the same lock the switch path holds when it releases and re-takes tokens.
 *
 * <p>Thread-safety: for kernel threads of one machine.
 */
@KernelCode
public final class Token {

    /** {@code LWKT_MAXTOKENS}. */
    public static final int LWKT_MAXTOKENS = 32;

    private final String name;
    private KThread exclusive;
    private int exclusiveRefs;
    private int sharedRefs;
    private final List<KThread> waiters = new ArrayList<>();

    /**
     * {@code lwkt_token_init}.
     *
     * @param name the token's description
     */
    public Token(String name) {
        this.name = name;
    }

    /** @return the description */
    public String name() {
        return name;
    }

    /** {@code lwkt_gettoken}: exclusive; blocks (switching out) while another thread holds it. */
    public void get() {
        acquire(false);
    }

    /** {@code lwkt_gettoken_shared}. */
    public void getShared() {
        acquire(true);
    }

    /**
     * {@code lwkt_trytoken}.
     *
     * @return true when the token was taken
     */
    public boolean tryGet() {
        Machine.window();
        KThread td = KThread.curthread();
        Sched.threadLock(td);
        boolean ok = acquirable(td, false);
        if (ok) {
            push(td, false);
            take(td, false);
        }
        Sched.threadUnlock(td);
        return ok;
    }

    /** {@code lwkt_reltoken}: releases this token, which must be the thread's most recent one. */
    public void rel() {
        Machine.window();
        KThread td = KThread.curthread();
        Sched.threadLock(td);
        int top = td.tokenCount - 1;
        if (top < 0) {
            throw Machine.panic("lwkt_reltoken: no tokens to release");
        }
        if (td.tokens[top] != this) {
            throw Machine.panic("lwkt_reltoken: release wants " + td.tokens[top].name + " and got " + name);
        }
        boolean shared = td.tokenShared[top];
        td.tokens[top] = null;
        td.tokenCount = top;
        drop(td, shared);
        Sched.threadUnlock(td);
    }

    /** @return whether the calling thread holds it */
    public boolean held() {
        KThread td = KThread.curthread();
        for (int i = 0; i < td.tokenCount; i++) {
            if (td.tokens[i] == this) {
                return true;
            }
        }
        return false;
    }

    private void acquire(boolean shared) {
        Machine.window();
        KThread td = KThread.curthread();
        if (td.intrNesting > 0) {
            throw Machine.panic("Attempt to acquire token " + name + " not already held in hard code section");
        }
        Sched.threadLock(td);
        if (!shared && holdsShared(td)) {
            throw Machine.panic("Token " + name + " s/x livelock");
        }
        if (acquirable(td, shared)) {
            push(td, shared);
            take(td, shared);
        } else {
            releaseAll(td);
            push(td, shared);
            td.state = KThread.State.LOCK;
            waitFor(td);
            Sched.miSwitch(Sched.SW_VOL | Sched.SWT_TURNSTILE);
        }
        Sched.threadUnlock(td);
    }

    private void push(KThread td, boolean shared) {
        if (td.tokenCount == LWKT_MAXTOKENS) {
            throw Machine.panic("lwkt_gettoken: more than " + LWKT_MAXTOKENS + " tokens");
        }
        td.tokens[td.tokenCount] = this;
        td.tokenShared[td.tokenCount] = shared;
        td.tokenCount++;
    }

    private boolean holdsShared(KThread td) {
        for (int i = 0; i < td.tokenCount; i++) {
            if (td.tokens[i] == this && td.tokenShared[i]) {
                return true;
            }
        }
        return false;
    }

    private boolean acquirable(KThread td, boolean shared) {
        if (exclusive != null && exclusive != td) {
            return false;
        }
        return shared || sharedRefs == 0 || exclusive == td;
    }

    private void take(KThread td, boolean shared) {
        if (shared) {
            sharedRefs++;
        } else {
            exclusive = td;
            exclusiveRefs++;
        }
    }

    private void drop(KThread td, boolean shared) {
        if (shared) {
            sharedRefs--;
        } else if (--exclusiveRefs == 0) {
            exclusive = null;
        }
        if (exclusive == null && !waiters.isEmpty()) {
            for (KThread w : waiters) {
                Sched.setrunnable(w);
            }
            waiters.clear();
        }
    }

    private void waitFor(KThread td) {
        td.waitingFor = "token \"" + name + "\"";
        waiters.add(td);
    }

    /** {@code lwkt_relalltokens}, with the sched lock held, as the thread switches out. */
    static void releaseAll(KThread td) {
        if (!td.tokensAcquired) {
            return;
        }
        td.tokensAcquired = false;
        for (int i = td.tokenCount - 1; i >= 0; i--) {
            Token t = td.tokens[i];
            if (t.exclusive == td || td.tokenShared[i]) {
                t.drop(td, td.tokenShared[i]);
            }
        }
    }

    /**
     * {@code lwkt_getalltokens}, with the sched lock held, before the thread resumes.
     *
     * @return null when every token was taken, else a token to wait for (the thread is queued on it)
     */
    static Token acquireAll(KThread td) {
        for (int i = 0; i < td.tokenCount; i++) {
            Token t = td.tokens[i];
            if (!t.acquirableIgnoringSelf(td, td.tokenShared[i])) {
                t.waitFor(td);
                return t;
            }
        }
        for (int i = 0; i < td.tokenCount; i++) {
            td.tokens[i].take(td, td.tokenShared[i]);
        }
        td.tokensAcquired = true;
        return null;
    }

    private boolean acquirableIgnoringSelf(KThread td, boolean shared) {
        if (exclusive != null && exclusive != td) {
            return false;
        }
        return shared || sharedRefs == 0;
    }
}
