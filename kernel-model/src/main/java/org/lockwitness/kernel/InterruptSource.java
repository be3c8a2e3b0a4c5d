package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.List;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * A device interrupt ({@code struct intr_event}) routed to one CPU, with handlers that each have a
 * filter, an interrupt-thread part, or both. Handlers without {@link #INTR_MPSAFE} run their thread
 * part under Giant, as {@code ithread_execute_handlers} does.
 *
 * <p>Thread-safety: {@link #raise()} may be called from any kernel thread; handlers are added before
 * the interrupt is first raised. {@link #addHandler} is synchronized: a leaf section (a record, and
 * at most one {@link Ithread}, whose creation takes no scheduling point), never held across one.
 */
@NoWindows
public final class InterruptSource {

    /** The handler does not need Giant. */
    public static final int INTR_MPSAFE = 0x0200;

    /** One handler of the event. */
    record Handler(String name, Filter filter, Runnable handler, int flags, Serializer serializer) {
    }

    final Machine machine;
    final String name;
    final int vector;
    final Cpu cpu;
    final int ithreadPriority;
    final List<Handler> handlers = new ArrayList<>();
    /** What a stack shows where this source's handlers interrupted a thread ({@link KThread#interruptLabel}). */
    final String boundary;
    volatile boolean pending;
    volatile boolean masked;
    private volatile Ithread ithread;

    InterruptSource(Machine machine, String name, int vector, Cpu cpu, int ithreadPriority) {
        this.machine = machine;
        this.name = name;
        this.vector = vector;
        this.cpu = cpu;
        this.ithreadPriority = ithreadPriority;
        this.boundary = "--- interrupt " + vector + " (" + name + ") ---";
    }

    /**
     * Adds a handler ({@code bus_setup_intr}). At least one of {@code filter} and {@code handler}.
     *
     * @param handlerName the handler's name
     * @param filter      the primary handler, or null (then the thread part always runs)
     * @param handler     the interrupt-thread part, or null
     * @param flags       {@link #INTR_MPSAFE} or 0
     * @return this source
     */
    public InterruptSource addHandler(String handlerName, Filter filter, Runnable handler, int flags) {
        return addHandler(handlerName, filter, handler, flags, null);
    }

    /**
     * Adds a handler whose thread part runs inside a serializer, as DragonFly's ithread does with
     * {@code lwkt_serialize_handler_call}: only while the serializer's handler is enabled. Such a
     * handler needs no Giant.
     *
     * @param handlerName the handler's name
     * @param filter      the primary handler, or null
     * @param handler     the interrupt-thread part, or null
     * @param flags       {@link #INTR_MPSAFE} or 0
     * @param serializer  the serializer, or null
     * @return this source
     */
    public synchronized InterruptSource addHandler(String handlerName, Filter filter, Runnable handler, int flags,
            Serializer serializer) {
        if (filter == null && handler == null) {
            throw new IllegalArgumentException("a handler needs a filter or a thread part");
        }
        handlers.add(new Handler(handlerName, filter, handler, flags, serializer));
        if (handler != null && ithread == null) {
            ithread = new Ithread(machine, "irq" + vector + ": " + name, ithreadPriority, this::executeHandlers,
                    cpu);
        }
        return this;
    }

    /** Asserts the interrupt line: the interrupt becomes pending on its CPU. */
    public void raise() {
        pending = true;
    }

    /** @return the vector */
    public int vector() {
        return vector;
    }

    /** @return the interrupt thread, or null when every handler is a pure filter */
    public KThread ithread() {
        Ithread it = ithread;
        return it == null ? null : it.td;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** Runs the filters; @return whether the thread must be scheduled. */
    boolean runFilters() {
        boolean thread = false;
        for (int i = 0, n = handlers.size(); i < n; i++) {
            Handler h = handlers.get(i);
            if (h.filter() == null) {
                thread = true;
            } else {
                int rv = h.filter().filter();
                if ((rv & Filter.FILTER_SCHEDULE_THREAD) != 0 && h.handler() != null) {
                    thread = true;
                }
            }
        }
        return thread;
    }

    /** {@code intr_event_schedule_thread}. */
    void scheduleThread() {
        ithread.schedule();
    }

    /** {@code ithread_execute_handlers}, then unmask ({@code post_ithread}). */
    private void executeHandlers() {
        for (int i = 0, n = handlers.size(); i < n; i++) {
            Handler h = handlers.get(i);
            if (h.handler() == null) {
                continue;
            }
            if (h.serializer() != null) {
                h.serializer().handlerCall(h.handler());
                continue;
            }
            boolean giant = (h.flags() & INTR_MPSAFE) == 0;
            if (giant) {
                machine.giant.lock();
            }
            h.handler().run();
            if (giant) {
                machine.giant.unlock();
            }
        }
        masked = false;
    }
}
