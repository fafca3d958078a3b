package dev.groupchat.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure of a REST call to an RFC 9457 problem with a stable {@code type}.
 * Spring MVC's own exceptions go through {@link ResponseEntityExceptionHandler}; this
 * class only gives them our type URIs, adds the failing fields, and makes sure nothing
 * internal (stack, SQL) leaks.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(DomainException.class)
	ResponseEntity<ProblemDetail> domain(DomainException ex) {
		ProblemDetail body = Problems.of(ex);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.problem().status());
		Object retryAfter = ex.properties().get("retryAfterSeconds");
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter.toString());
		}
		return response.body(body);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respond(Problems.of(ProblemType.VALIDATION, "parameter '" + ex.getName() + "' has an invalid value"));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		if (DatabaseUnavailable.isCause(ex)) {
			log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
			return domain(DatabaseUnavailable.problem());
		}
		log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(Problems.of(ProblemType.INTERNAL, "The request could not be completed; it has been logged."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		NulCharacterException nul = NulCharacterException.causeOf(ex);
		if (ex instanceof HttpMessageNotReadableException && nul != null) {
			return super.handleExceptionInternal(ex, Problems.of(nul.toProblem()), headers, HttpStatusCode.valueOf(400),
					request);
		}
		ProblemDetail problem = Problems.of(typeFor(ex, statusCode), detailFor(ex, body));
		if (ex instanceof MethodArgumentNotValidException invalid) {
			problem.setProperty("errors", fieldErrors(invalid.getFieldErrors()));
		}
		return super.handleExceptionInternal(ex, problem, headers,
				problem.getStatus() == statusCode.value() ? statusCode : HttpStatusCode.valueOf(problem.getStatus()),
				request);
	}

	private static ProblemType typeFor(Exception ex, HttpStatusCode status) {
		if (ex instanceof HttpMessageNotReadableException && PayloadTooLargeException.isCauseOf(ex)) {
			return ProblemType.PAYLOAD_TOO_LARGE;
		}
		return switch (ex) {
			case HttpMessageNotReadableException e -> ProblemType.MALFORMED;
			case MethodArgumentNotValidException e -> ProblemType.VALIDATION;
			case HandlerMethodValidationException e -> ProblemType.VALIDATION;
			case HttpRequestMethodNotSupportedException e -> ProblemType.METHOD_NOT_ALLOWED;
			case HttpMediaTypeNotSupportedException e -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
			case HttpMediaTypeNotAcceptableException e -> ProblemType.NOT_ACCEPTABLE;
			case NoResourceFoundException e -> ProblemType.NOT_FOUND;
			default -> status.is4xxClientError() ? ProblemType.VALIDATION : ProblemType.INTERNAL;
		};
	}

	private static @Nullable String detailFor(Exception ex, @Nullable Object body) {
		return switch (ex) {
			case HttpMessageNotReadableException e when PayloadTooLargeException.isCauseOf(e) ->
				"The request body exceeds " + Objects.requireNonNull(PayloadTooLargeException.causeOf(e)).limit()
						+ " bytes";
			case HttpMessageNotReadableException e -> "The request body is not valid JSON of the expected shape";
			case MethodArgumentNotValidException e -> "One or more fields are invalid";
			case NoResourceFoundException e -> "No such resource";
			default -> body instanceof ProblemDetail p && p.getDetail() != null ? p.getDetail() : ex.getMessage();
		};
	}

	private static List<Map<String, String>> fieldErrors(List<FieldError> errors) {
		return errors.stream()
			.map(error -> Map.of("field", error.getField(), "message",
					error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()))
			.toList();
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

}
