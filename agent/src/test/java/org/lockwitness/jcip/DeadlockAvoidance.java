package org.lockwitness.jcip;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** JCIP's DeadlockAvoidance: transfers back off with tryLock (untimed, then timed) instead of blocking. */
public final class DeadlockAvoidance {

    static final class Account {
        final Lock lock = new ReentrantLock();
        int balance = 100;
    }

    static boolean transferMoney(Account from, Account to, int amount) throws InterruptedException {
        long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            if (from.lock.tryLock()) {
                try {
                    if (to.lock.tryLock(1, TimeUnit.MILLISECONDS)) {
                        try {
                            from.balance -= amount;
                            to.balance += amount;
                            return true;
                        } finally {
                            to.lock.unlock();
                        }
                    }
                } finally {
                    from.lock.unlock();
                }
            }
            if (System.nanoTime() > stop) {
                return false;
            }
            Thread.sleep(1);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Account a = new Account();
        Account b = new Account();
        Drivers.inTurn(() -> transfer(a, b, 10), () -> transfer(b, a, 20));
        System.out.println("balances " + a.balance + " " + b.balance);
    }

    private static void transfer(Account from, Account to, int amount) {
        try {
            transferMoney(from, to, amount);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
