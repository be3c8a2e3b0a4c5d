package org.lockwitness.kernel;

/**
 * Interrupt vectors. Device interrupt sources take vectors 0..255 in creation order; the IPIs and
 * the per-CPU hardclock take the vectors above.
 *
 * <p>Thread-safety: constants only.
 */
public final class Irq {

    /** The per-CPU clock interrupt that drives timeouts. */
    public static final int HARDCLOCK = 0x100;
    /** {@code IPI_PREEMPT}: run {@code sched_preempt}. */
    public static final int IPI_PREEMPT = 0x101;
    /** {@code IPI_AST}: post an AST. */
    public static final int IPI_AST = 0x102;
    /** {@code IPI_RENDEZVOUS}: run {@code smp_rendezvous_action}. */
    public static final int IPI_RENDEZVOUS = 0x103;

    static final int[] IPI_ORDER = {IPI_RENDEZVOUS, IPI_PREEMPT, IPI_AST, HARDCLOCK};

    private Irq() {
    }

    static int bit(int vector) {
        return 1 << (vector - HARDCLOCK);
    }

    /**
     * @param vector a vector
     * @return a readable name for it
     */
    public static String name(int vector) {
        switch (vector) {
            case HARDCLOCK:
                return "hardclock";
            case IPI_PREEMPT:
                return "IPI_PREEMPT";
            case IPI_AST:
                return "IPI_AST";
            case IPI_RENDEZVOUS:
                return "IPI_RENDEZVOUS";
            default:
                return "irq" + vector;
        }
    }
}
