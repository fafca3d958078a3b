package dev.groupchat.shared;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plans the statements of the current transaction for the data they find, not from the
 * statistics of when they were first prepared. The driver prepares a statement it runs
 * often, and after five runs PostgreSQL keeps a generic plan, made once and kept until
 * the table is analyzed again. A queue table (an outbox, the pending pushes) is often
 * analyzed while empty, and a plan made for an empty table reads every row and sorts it
 * once the table holds 100,000: 350 ms a step for the push sender instead of 1 ms, with
 * nothing to fix it until autovacuum analyzes the table (never, where it is off).
 * Planning each statement costs well under a millisecond. {@code set local} ends with the
 * transaction, so call it inside one.
 */
public final class CustomPlans {

	private CustomPlans() {
	}

	public static void forThisTransaction(JdbcClient jdbc) {
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
	}

}
