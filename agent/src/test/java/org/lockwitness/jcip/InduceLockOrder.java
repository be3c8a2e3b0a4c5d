package org.lockwitness.jcip;

import java.util.function.ToIntFunction;

/**
 * JCIP's InduceLockOrder: two accounts are locked in the order of their identity hashes, and when
 * the hashes tie, under a tie lock. With the argument {@code tie} every pair ties, so both orders
 * are taken, always under the tie lock.
 */
public final class InduceLockOrder {

    static final class Account {
        private int balance = 100;
    }

    private final Object tieLock = new Object();
    private final ToIntFunction<Object> hash;

    InduceLockOrder(ToIntFunction<Object> hash) {
        this.hash = hash;
    }

    void transferMoney(Account from, Account to, int amount) {
        int fromHash = hash.applyAsInt(from);
        int toHash = hash.applyAsInt(to);
        if (fromHash < toHash) {
            synchronized (from) {
                synchronized (to) {
                    move(from, to, amount);
                }
            }
        } else if (fromHash > toHash) {
            synchronized (to) {
                synchronized (from) {
                    move(from, to, amount);
                }
            }
        } else {
            synchronized (tieLock) {
                synchronized (from) {
                    synchronized (to) {
                        move(from, to, amount);
                    }
                }
            }
        }
    }

    private static void move(Account from, Account to, int amount) {
        from.balance -= amount;
        to.balance += amount;
    }

    public static void main(String[] args) throws InterruptedException {
        boolean tie = args.length > 0 && args[0].equals("tie");
        InduceLockOrder bank = new InduceLockOrder(tie ? o -> 7 : System::identityHashCode);
        Account a = new Account();
        Account b = new Account();
        Drivers.inTurn(() -> bank.transferMoney(a, b, 10), () -> bank.transferMoney(b, a, 20));
        System.out.println("balances " + a.balance + " " + b.balance);
    }
}
