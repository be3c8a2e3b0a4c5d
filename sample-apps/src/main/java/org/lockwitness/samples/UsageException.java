package org.lockwitness.samples;

/** Bad command-line arguments: the message says what is wrong; the CLI prints it and the usage. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
