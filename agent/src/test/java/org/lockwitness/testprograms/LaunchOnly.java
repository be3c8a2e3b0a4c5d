package org.lockwitness.testprograms;

import org.lockwitness.kernel.probe.Checker;

/** A program that only starts other checked JVMs (it starts none here) and says so through the SPI. */
public final class LaunchOnly {

    private LaunchOnly() {
    }

    public static void main(String[] args) {
        Checker.installed().launcherOnly();
        System.out.println("launched");
    }
}
