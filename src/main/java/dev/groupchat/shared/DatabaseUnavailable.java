package dev.groupchat.shared;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot answer now (down, paused, restarting, out of connections,
 * a statement or socket timeout) from a refusal of the data itself. The first is worth a
 * retry by the client and says nothing about the request; the second is not.
 */
public final class DatabaseUnavailable {

	/**
	 * SQLState classes and codes of PostgreSQL that mean "not now" rather than "not
	 * this".
	 */
	private static final String[] TRANSIENT_STATES = { "08", "53", "57P", "57014", "58" };

	private DatabaseUnavailable() {
	}

	/**
	 * True when {@code failure} or one of its causes says the database could not be
	 * reached in time.
	 */
	public static boolean isCause(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
					|| t instanceof QueryTimeoutException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLRecoverableException || t instanceof SQLTimeoutException
					|| t instanceof SocketTimeoutException) {
				return true;
			}
			if (t instanceof SQLException sql && (transientState(sql.getSQLState()) || closedByPool(sql))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Hikari's answer (without an SQLState) on a connection it already evicted as broken,
	 * such as the rollback after a statement lost its connection.
	 */
	private static boolean closedByPool(SQLException sql) {
		return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
	}

	private static boolean transientState(String state) {
		if (state == null) {
			return false;
		}
		for (String prefix : TRANSIENT_STATES) {
			if (state.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The 503 a client gets: nothing was stored; send again (with the same clientMsgId)
	 * shortly.
	 */
	public static DomainException problem() {
		return new DomainException(ProblemType.UNAVAILABLE,
				"the database is not answering; retry in a second (a resend with the same clientMsgId is never stored twice)",
				Map.of("retryAfterSeconds", 1));
	}

}
