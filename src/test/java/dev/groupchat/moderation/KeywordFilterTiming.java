package dev.groupchat.moderation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Measures one keyword-filter check on a 4,000-character text for filters at the limits
 * of {@link KeywordFilterLimits}, as CPU time of the checking thread (and wall time,
 * which a loaded machine inflates). Not a test (timing is no assertion on a shared
 * machine); run it with
 * {@code ./mvnw -q test-compile && java -cp "target/classes:target/test-classes:$(./mvnw -q
 * dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" dev.groupchat.moderation.KeywordFilterTiming}.
 */
final class KeywordFilterTiming {

	private KeywordFilterTiming() {
	}

	public static void main(String[] args) {
		Random random = new Random(42);
		String latin = text(random, "abcdefghijklmnopqrstuvwxyz  ");
		String mixed = text(random, "абвгдежзийклмнопрстуфхцчшщыэюяαβγδεζηθικλμνξοπρστυφχψω中文日本語한국어 ");
		String as = "a".repeat(4000);
		report("no filter", () -> null, latin);
		report("500 words of 100 chars", () -> words(random, 500, 100), latin);
		report("500 words of 100 chars, mixed scripts", () -> words(random, 500, 100), mixed);
		report("500 nested words a..a (worst for the automaton)", KeywordFilterTiming::nestedAs, as);
		int max = KeywordFilterLimits.MAX_PATTERNS;
		report(max + " patterns [a-z]+ then literals",
				() -> patterns(max, i -> "[a-z" + i + "]+q[^ ]*" + "w".repeat(100)), latin);
		report(max + " patterns of nested {n,m}",
				() -> patterns(max, i -> "(?:a{0," + (KeywordFilterLimits.MAX_REPEAT / max) + "}b?)" + i), as);
		report(max + " patterns alternating 30 literals", () -> patterns(max, i -> alternation(random, 30)), latin);
		report(max + " patterns, mixed scripts", () -> patterns(max, i -> "[а-я" + i + "]+\\p{Han}+[α-ω]*x"), mixed);
		report("every limit at once",
				() -> combine(words(random, 500, 100),
						patterns(max, i -> "(?:[a-z]{0," + (KeywordFilterLimits.MAX_REPEAT / max) + "}x)+" + i)),
				latin);
	}

	private static void report(String name, Supplier<KeywordFilter> filter, String text) {
		KeywordFilter.Compiled compiled = filter.get() == null ? null : filter.get().compile();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int i = 0; i < 3_000; i++) {
			KeywordFilter.blocks(compiled, text);
		}
		int runs = 3_000;
		long cpu = threads.getCurrentThreadCpuTime();
		long wall = System.nanoTime();
		boolean blocked = false;
		for (int i = 0; i < runs; i++) {
			blocked |= KeywordFilter.blocks(compiled, text);
		}
		double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / runs;
		double wallMicros = (System.nanoTime() - wall) / 1_000.0 / runs;
		System.out.printf("%-50s %7.1f µs CPU, %7.1f µs wall per check (blocked: %s)%n", name, cpuMicros, wallMicros,
				blocked);
	}

	private static String text(Random random, String alphabet) {
		StringBuilder text = new StringBuilder();
		while (text.length() < 4000) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.substring(0, 4000);
	}

	private static KeywordFilter words(Random random, int count, int length) {
		List<String> words = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			words.add(text(random, "abcdefghijklmnopqrstuvwxyzабвгд中文 ").substring(0, length).strip() + "z");
		}
		return new KeywordFilter(words, List.of());
	}

	private static KeywordFilter nestedAs() {
		List<String> words = new ArrayList<>();
		for (int i = 1; i <= 100; i++) {
			words.add("a".repeat(i) + "b");
			words.add("a".repeat(i) + " c");
			words.add("a".repeat(i) + "-" + i);
		}
		return new KeywordFilter(words, List.of());
	}

	private static KeywordFilter patterns(int count, IntFunction<String> pattern) {
		List<String> patterns = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String p = pattern.apply(i);
			patterns.add(p.length() > KeywordFilterLimits.MAX_PATTERN_LENGTH
					? p.substring(0, KeywordFilterLimits.MAX_PATTERN_LENGTH) : p);
		}
		KeywordFilter filter = new KeywordFilter(List.of(), patterns);
		KeywordFilterLimits.check(filter);
		return filter;
	}

	private static String alternation(Random random, int literals) {
		List<String> words = new ArrayList<>();
		for (int i = 0; i < literals; i++) {
			words.add(text(random, "abcdefghijklmnopqrstuvwxyz").substring(0, 2));
		}
		return String.join("|", words);
	}

	private static KeywordFilter combine(KeywordFilter words, KeywordFilter patterns) {
		return new KeywordFilter(words.words(), patterns.patterns());
	}

}
