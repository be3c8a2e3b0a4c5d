/**
 * The lockmgr-interlock workload (seed 002): DragonFly's buffer cache in November 2005
 * ({@code vfs_bio.c} {@code getnewbuf}, {@code brelse}, {@code buf_daemon}), its lockmgr interlock
 * as an LWKT token or a spin lock, and {@code tsleep_interlock}.
 *
 * <p>Thread-safety: model code; it runs on the model's kernel threads.
 */
package org.lockwitness.samples.lockmgr;
