package org.lockwitness.kernel.probe;

/**
 * What the next machine run is, for the reports: the schedule a program is about to run.
 *
 * @param command  the command that started it
 * @param seed     the scheduling seed
 * @param strategy the scheduling strategy's name
 * @param replay   the command that replays it exactly
 * @param index    its position in the program's sequence of schedules, from 1 (an exploration's
 *                 schedule number; 1 for a single run)
 */
public record ScheduleInfo(String command, long seed, String strategy, String replay, int index) {
}
