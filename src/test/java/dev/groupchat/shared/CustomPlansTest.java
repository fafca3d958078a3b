package dev.groupchat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groupchat.support.EndToEndTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trap {@link CustomPlans} gets a queue out of, in the suite's real PostgreSQL: a
 * statement prepared and run while its table was analyzed empty keeps a plan that reads
 * every row and sorts them, however many rows arrive later; in a transaction that plans
 * for its data the same statement reads the due rows through their index.
 */
class CustomPlansTest extends EndToEndTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aQueueThatFilledAfterItsPlanWasMadeIsStillReadThroughItsIndex() {
		List<String> plans = transactions.execute(tx -> {
			jdbc.sql("create temporary table due_test (id bigint primary key, due_at bigint not null) on commit drop")
				.update();
			jdbc.sql("create index due_test_by_due on due_test (due_at)").update();
			jdbc.sql("analyze due_test").update();
			jdbc.sql(
					"prepare claim_test(bigint) as select id from due_test where due_at <= $1 order by due_at limit 50")
				.update();
			for (int i = 0; i < 6; i++) {
				// the first five runs are planned for their values; then the cached
				// generic plan takes over
				jdbc.sql("execute claim_test(" + i + ")").query(Long.class).list();
			}
			jdbc.sql("insert into due_test select i, i from generate_series(1, 100000) i").update();
			String stale = plan();
			CustomPlans.forThisTransaction(jdbc);
			String planned = plan();
			jdbc.sql("deallocate claim_test").update();
			return List.of(stale, planned);
		});
		assertThat(plans.get(0)).as("the generic plan made for the empty table").contains("Seq Scan on due_test");
		assertThat(plans.get(1)).contains("Index Scan using due_test_by_due").doesNotContain("Seq Scan");
	}

	private String plan() {
		return String.join("\n", jdbc.sql("explain execute claim_test(100000)").query(String.class).list());
	}

}
