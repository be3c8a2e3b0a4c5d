package org.lockwitness.cli;

/**
 * The exit statuses of every command, the project's table: 0 ok, 1 findings of a failing rule, 2 bad
 * usage, 3 infrastructure (an unreadable report, an unwritable output, data required but absent).
 */
final class ExitStatus {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int INFRASTRUCTURE = 3;

    private ExitStatus() {
    }
}
