package dev.groupchat.shared;

import java.util.Map;

/**
 * A refusal with a stable problem type. Modules throw it through static factories that
 * name the situation ({@code GroupProblems.full(...)}); the web layer maps it once to RFC
 * 9457.
 */
public class DomainException extends RuntimeException {

	private final ProblemType problem;

	private final Map<String, Object> properties;

	public DomainException(ProblemType problem, String detail) {
		this(problem, detail, Map.of());
	}

	public DomainException(ProblemType problem, String detail, Map<String, Object> properties) {
		super(detail, null, false, false);
		this.problem = problem;
		this.properties = Map.copyOf(properties);
	}

	public ProblemType problem() {
		return problem;
	}

	/** Extra members of the problem document, such as {@code retryAfterSeconds}. */
	public Map<String, Object> properties() {
		return properties;
	}

	public static DomainException notFound(String what, Object id) {
		return new DomainException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
	}

	public static DomainException forbidden(String detail) {
		return new DomainException(ProblemType.FORBIDDEN, detail);
	}

	public static DomainException invalid(String detail) {
		return new DomainException(ProblemType.VALIDATION, detail);
	}

	public static DomainException conflict(String detail) {
		return new DomainException(ProblemType.CONFLICT, detail);
	}

}
