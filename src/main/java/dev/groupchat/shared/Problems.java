package dev.groupchat.shared;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 documents of a {@link ProblemType}; the one place that shapes them. */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(ProblemType type, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		problem.setType(type.type());
		problem.setTitle(type.title());
		return problem;
	}

	public static ProblemDetail of(DomainException ex) {
		ProblemDetail problem = of(ex.problem(), ex.getMessage());
		for (Map.Entry<String, Object> property : ex.properties().entrySet()) {
			problem.setProperty(property.getKey(), property.getValue());
		}
		return problem;
	}

}
