package org.lockwitness.testprograms;

/** A program that does not use the kernel model. */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
