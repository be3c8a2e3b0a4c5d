package org.lockwitness.jcip;

/** JCIP's DynamicOrderDeadlock: the lock order depends on the arguments of transferMoney. */
public final class DynamicOrderDeadlock {

    static final class Account {
        private int balance;

        Account(int balance) {
            this.balance = balance;
        }
    }

    static void transferMoney(Account from, Account to, int amount) {
        synchronized (from) {
            synchronized (to) { // SITE:transfer
                if (from.balance >= amount) {
                    from.balance -= amount;
                    to.balance += amount;
                }
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Account a = new Account(100);
        Account b = new Account(100);
        Drivers.inTurn(() -> transferMoney(a, b, 10), () -> transferMoney(b, a, 20));
        System.out.println("balances " + a.balance + " " + b.balance);
    }
}
