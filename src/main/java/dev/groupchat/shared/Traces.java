package dev.groupchat.shared;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Carries a send's trace across the threads it crosses (the writer's, the fan-out's):
 * {@link #current} captures the sampled trace context of the caller, and the spans
 * started from it continue that trace. Tracing is off when no tracer is configured or
 * {@code management.tracing.sampling.probability} is 0 (the default here): then
 * {@link #current} answers null after one field read, and the callers allocate nothing
 * per message. A context that was not sampled is not carried either.
 */
@Component
public final class Traces {

	private static final Traces OFF = new Traces(Tracer.NOOP, false);

	private final Tracer tracer;

	private final boolean on;

	@Autowired
	Traces(ObjectProvider<Tracer> tracer, Environment environment) {
		this(tracer.getIfAvailable(() -> Tracer.NOOP),
				environment.getProperty("management.tracing.sampling.probability", Double.class, 0.1) > 0);
	}

	private Traces(Tracer tracer, boolean on) {
		this.tracer = tracer;
		this.on = on && tracer != Tracer.NOOP;
	}

	/** No tracing (unit tests that build their objects themselves). */
	public static Traces off() {
		return OFF;
	}

	/** The sampled trace context in scope on this thread; null when not tracing. */
	public @Nullable TraceContext current() {
		if (!on) {
			return null;
		}
		TraceContext context = tracer.currentTraceContext().context();
		return context != null && Boolean.TRUE.equals(context.sampled()) ? context : null;
	}

	/**
	 * A new span as the root of its own trace (or a child of the one in scope), started;
	 * null when not tracing.
	 */
	public @Nullable Span startRoot(String name) {
		return on ? tracer.nextSpan().name(name).start() : null;
	}

	/** A started child span of {@code parent}, linked to {@code links}. */
	public Span startChild(String name, TraceContext parent, List<TraceContext> links) {
		Span.Builder builder = tracer.spanBuilder().name(name).setParent(parent);
		links.forEach(link -> builder.addLink(new Link(link)));
		return builder.start();
	}

	/**
	 * Runs {@code work} with {@code span} in scope (what it publishes carries the span's
	 * context), records a failure on it and ends it.
	 */
	public void inSpan(Span span, Runnable work) {
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			work.run();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
