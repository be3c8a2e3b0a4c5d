package com.example.ledger;

import java.util.concurrent.locks.ReentrantLock;

/** Two accounts' books, each behind its own lock; the two transfers take the locks in opposite orders. */
public final class Ledger {
    private final ReentrantLock savings = new ReentrantLock();
    private final ReentrantLock checking = new ReentrantLock();
    private long savingsBalance = 100;
    private long checkingBalance = 100;

    public void toChecking(long amount) {
        savings.lock();
        try {
            checking.lock();
            try {
                savingsBalance -= amount;
                checkingBalance += amount;
            } finally {
                checking.unlock();
            }
        } finally {
            savings.unlock();
        }
    }

    public void toSavings(long amount) {
        checking.lock();
        try {
            savings.lock();
            try {
                checkingBalance -= amount;
                savingsBalance += amount;
            } finally {
                savings.unlock();
            }
        } finally {
            checking.unlock();
        }
    }

    public long total() {
        savings.lock();
        try {
            return savingsBalance + checkingBalance;
        } finally {
            savings.unlock();
        }
    }
}
