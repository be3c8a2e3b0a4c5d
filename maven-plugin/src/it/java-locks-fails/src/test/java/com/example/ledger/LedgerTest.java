package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LedgerTest {
    @Test
    void transfersBothWays_onTwoThreads_oneAfterTheOther() throws Exception {
        Ledger ledger = new Ledger();
        CountDownLatch first = new CountDownLatch(1);
        // alive together, sequenced by a latch: both orders happen, never at once
        Thread a = new Thread(() -> {
            ledger.toChecking(10);
            first.countDown();
        }, "to-checking");
        Thread b = new Thread(() -> {
            try {
                assertTrue(first.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ledger.toSavings(5);
        }, "to-savings");
        b.start();
        a.start();
        a.join();
        b.join();
        assertEquals(200, ledger.total());
    }
}
