package org.lockwitness.jcip;

/** JCIP's LeftRightDeadlock: two fields' monitors taken in both orders. */
public final class LeftRightDeadlock {

    private final Object left = new Object();
    private final Object right = new Object();
    private int work;

    void leftRight() {
        synchronized (left) {
            synchronized (right) { // SITE:leftRight
                work++;
            }
        }
    }

    void rightLeft() {
        synchronized (right) {
            synchronized (left) { // SITE:rightLeft
                work--;
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        LeftRightDeadlock d = new LeftRightDeadlock();
        Drivers.inTurn(d::leftRight, d::rightLeft);
        System.out.println("work " + d.work);
    }
}
