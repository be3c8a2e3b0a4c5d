package org.lockwitness.witness;

/**
 * The machine run a finding was first seen in, as the caller described it: its ordinal among the
 * JVM's machine runs, the machine's seed and strategy, and, when the program named its schedule,
 * the schedule's index and the command that replays it. Immutable and thread-safe.
 *
 * @param run the run's ordinal among the machine runs the witness was told of, from 1
 * @param seed the machine's seed
 * @param strategy the machine's scheduling strategy
 * @param schedule the schedule's index given by the program, or null when it gave none
 * @param replay the command that replays the run, or null when the program gave none
 */
public record RunRef(long run, long seed, String strategy, Integer schedule, String replay) {
}
