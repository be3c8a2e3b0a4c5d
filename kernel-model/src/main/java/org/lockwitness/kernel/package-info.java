/**
 * The simulated SMP kernel: one flat package, as {@code sys/kern} is one directory. Its
 * package-private fields (a thread's {@code td_critnest}, a CPU's interrupt flag) are what keep raw
 * state changes away from users; they reach the model only through its public primitives.
 *
 * <p>Each class mirrors one FreeBSD (or, where named, DragonFly) source file or structure:
 *
 * <table>
 *   <caption>Classes and the kernel sources they follow</caption>
 *   <tr><th>class</th><th>FreeBSD / DragonFly source</th></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Machine}, {@link org.lockwitness.kernel.MachineBuilder}, {@code SchedulingPoints},
 *       {@link org.lockwitness.kernel.Cpu}</td>
 *       <td>the machine itself, its settings and its scheduling points (the model's; {@code hardclock}
 *       is posted there); {@code struct pcpu} ({@code sys/pcpu.h})</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.KThread}, {@code Kthreads}</td><td>{@code struct thread}
 *       ({@code sys/proc.h}, {@code kern_thread.c}); {@code kthread_add}/{@code kthread_exit}
 *       ({@code kern_kthread.c}), {@code fork_exit} ({@code kern_fork.c})</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Sched}, {@code RunQueue}</td><td>{@code sched_4bsd.c},
 *       {@code kern_switch.c} ({@code mi_switch}, run queues)</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Critical}</td><td>{@code kern_switch.c}
 *       ({@code critical_enter}, {@code critical_exit})</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Spinlock}, {@link org.lockwitness.kernel.Intr}</td>
 *       <td>{@code amd64/amd64/machdep.c} ({@code spinlock_enter}/{@code spinlock_exit}),
 *       {@code amd64/include/cpufunc.h} ({@code intr_disable}, {@code intr_restore})</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.InterruptSource}, {@link org.lockwitness.kernel.Interrupts},
 *       {@link org.lockwitness.kernel.Ithread}, {@link org.lockwitness.kernel.Filter}</td>
 *       <td>{@code kern_intr.c} ({@code intr_event_handle}, {@code ithread_loop}), {@code x86/x86/local_apic.c}
 *       (IPIs, EOI)</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Smp}</td><td>{@code subr_smp.c} ({@code smp_rendezvous_cpus},
 *       {@code smp_rendezvous_action})</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Mtx}</td><td>{@code kern_mutex.c}</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Sx}, {@link org.lockwitness.kernel.Rw}, {@code LockWord}</td>
 *       <td>{@code kern_sx.c}, {@code kern_rwlock.c}</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.RmLock}, {@link org.lockwitness.kernel.RmTracker}</td>
 *       <td>{@code kern_rmlock.c}</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.LockMgr}, {@code LkInterlock}</td><td>{@code kern_lock.c} (lockmgr,
 *       {@code lk_interlock}); DragonFly's token interlock of 2005</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.LockObject}, {@link org.lockwitness.kernel.LockClass}</td>
 *       <td>{@code sys/_lock.h}, {@code sys/lock.h} ({@code struct lock_object}, {@code struct lock_class})</td></tr>
 *   <tr><td>{@code Turnstile}</td><td>{@code subr_turnstile.c}</td></tr>
 *   <tr><td>{@code Sleepq}, {@link org.lockwitness.kernel.Synch}</td><td>{@code subr_sleepqueue.c},
 *       {@code kern_synch.c} ({@code tsleep}, {@code msleep}, {@code wakeup})</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Cv}</td><td>{@code kern_condvar.c}</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Token}, {@link org.lockwitness.kernel.Serializer}</td>
 *       <td>DragonFly {@code lwkt_token.c}, {@code lwkt_serialize.c}</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Callout}, {@code Softclock}, {@code StartSoftclock},
 *       {@code Clock}</td>
 *       <td>{@code kern_timeout.c} ({@code start_softclock}), {@code kern_clock.c} ({@code hardclock})</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Taskqueue}, {@link org.lockwitness.kernel.Task},
 *       {@link org.lockwitness.kernel.TaskqGroup}, {@link org.lockwitness.kernel.GroupTask}</td>
 *       <td>{@code subr_taskqueue.c}, {@code subr_gtaskqueue.c}</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Pcpu}</td><td>{@code sys/pcpu.h} ({@code PCPU_GET}, {@code DPCPU})</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.KernelPanic}</td><td>{@code kern_shutdown.c} ({@code panic})</td></tr>
 *   <tr><td>{@link org.lockwitness.kernel.Strategy}, {@link org.lockwitness.kernel.RandomStrategy},
 *       {@link org.lockwitness.kernel.Trace}, {@link org.lockwitness.kernel.RunResult}</td>
 *       <td>none: the simulator's own scheduling decisions and results</td></tr>
 * </table>
 *
 * <p>Thread-safety: each kernel thread runs on its own Java platform thread, and only while it holds
 * its CPU's baton; in DETERMINISTIC mode one CPU runs at a time, so model state needs no host lock.
 * No Java monitor or {@code java.util.concurrent} lock is ever held across a scheduling point (that
 * would hang the JVM); cross-CPU state that PARALLEL mode touches uses atomics or volatile fields.
 * Classes say more where they differ.
 */
package org.lockwitness.kernel;
