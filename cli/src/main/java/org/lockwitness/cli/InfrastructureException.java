package org.lockwitness.cli;

/**
 * A failure outside the findings: a report that cannot be read, an output that cannot be written,
 * data required but absent. Ends a command with {@link ExitStatus#INFRASTRUCTURE} and its message.
 */
final class InfrastructureException extends RuntimeException {
    InfrastructureException(String message) {
        super(message);
    }

    InfrastructureException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
