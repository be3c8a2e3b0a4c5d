package org.lockwitness.kernel.probe;

/**
 * What a run was, for the reports.
 *
 * @param command  the command that started it
 * @param seed     the scheduling seed
 * @param strategy the scheduling strategy's name
 * @param replay   the command that replays it exactly
 */
public record ScheduleInfo(String command, long seed, String strategy, String replay) {
}
