/**
 * The agent's entry point and options: {@link org.lockwitness.agent.LockwitnessAgent} (the
 * manifest's {@code Premain-Class} and {@code Agent-Class}) hands over to {@code Boot}, which
 * parses {@code AgentOptions}, creates the witness, gives it to the run-time side
 * ({@code org.lockwitness.agent.runtime}), installs the transformation of the weave side
 * ({@code org.lockwitness.agent.weave}), installs the model's checker SPI ({@code AgentChecker})
 * when the model is on the class path, and writes the reports and the exit summary
 * ({@code ExitSummary}) at exit, and once more when the launched {@code main} returns
 * ({@link org.lockwitness.agent.MainReturn}, which the exit call woven into main calls, so it is public with
 * {@code LockwitnessAgent}).
 *
 * <p>Exit statuses: 0 ok; 1 findings of a {@code fail=} rule; 2 bad options; 3 the report could not
 * be written. An explicit {@code System.exit(n)} keeps {@code n}.
 *
 * <p>This package uses both sides; the run-time side uses neither this package nor the weave
 * side, so a probe never loads a class-file library.
 *
 * <p>Thread-safety: the start runs once, synchronized; the options are immutable; the checker SPI
 * is thread-safe as the witness is; the exit summary runs on the shutdown-hook thread. Nothing here
 * throws into the host: a failed start is reported on stderr and the program runs unchecked.
 */
package org.lockwitness.agent;
