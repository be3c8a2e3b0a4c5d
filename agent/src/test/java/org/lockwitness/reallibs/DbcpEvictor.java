package org.lockwitness.reallibs;

import java.sql.Connection;
import java.util.Properties;
import org.apache.commons.dbcp.DriverConnectionFactory;
import org.apache.commons.dbcp.PoolableConnectionFactory;
import org.apache.commons.pool.impl.GenericObjectPool;

/**
 * commons-dbcp 1.2 with commons-pool 1.2, DBCP-270: {@code PoolableConnection.close} is
 * {@code synchronized} on the connection and returns it through {@code GenericObjectPool.returnObject},
 * which takes the pool's monitor; the pool's evictor, {@code GenericObjectPool.evict}, is
 * {@code synchronized} on the pool and, testing an idle connection ({@code testWhileIdle}), passivates
 * it, and {@code DelegatingConnection.passivate} calls {@code AbandonedTrace.clearTrace}, which is
 * {@code synchronized} on the connection. One thread borrows a connection and closes it (connection,
 * then pool); the evictor then runs once (pool, then the same connection). Were they to overlap on
 * one connection, each would wait for the other's monitor.
 */
public final class DbcpEvictor {

    private DbcpEvictor() {
    }

    public static void main(String[] args) throws Exception {
        GenericObjectPool pool = new GenericObjectPool();
        pool.setTestWhileIdle(true);
        // the factory installs itself as the pool's; no statement pool, no validation query
        new PoolableConnectionFactory(new DriverConnectionFactory(new FakeDriver(), FakeDriver.URL, new Properties()),
                pool, null, null, false, false);
        Sequence.firstThen("client", () -> {
            Connection c = (Connection) pool.borrowObject();
            c.close();
        }, "evictor", pool::evict);
        System.out.println("idle " + pool.getNumIdle() + ", active " + pool.getNumActive());
    }
}
