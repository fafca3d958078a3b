package dev.groupchat.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of /actuator/prometheus, parsed: sample values by name and labels. */
public record Scrape(String body) {

	private static final Pattern SAMPLE = Pattern
		.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? ([0-9.eE+-]+|NaN|\\+Inf|-Inf)$", Pattern.MULTILINE);

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** The names of every sample in the scrape. */
	public Set<String> names() {
		Set<String> names = new TreeSet<>();
		Matcher m = SAMPLE.matcher(body);
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	public boolean has(String name) {
		return names().contains(name);
	}

	/**
	 * The sum of the samples of {@code name} whose labels include {@code labels}
	 * (name=value pairs).
	 */
	public double sum(String name, String... labels) {
		Map<String, String> wanted = new LinkedHashMap<>();
		for (int i = 0; i < labels.length; i += 2) {
			wanted.put(labels[i], labels[i + 1]);
		}
		double sum = 0;
		boolean found = false;
		Matcher m = SAMPLE.matcher(body);
		while (m.find()) {
			if (!m.group(1).equals(name)) {
				continue;
			}
			Map<String, String> actual = new LinkedHashMap<>();
			Matcher l = LABEL.matcher(m.group(3) == null ? "" : m.group(3));
			while (l.find()) {
				actual.put(l.group(1), l.group(2));
			}
			if (actual.entrySet().containsAll(wanted.entrySet())) {
				found = true;
				sum += Double.parseDouble(m.group(4));
			}
		}
		if (!found) {
			throw new AssertionError("no sample " + name + wanted + " in the scrape");
		}
		return sum;
	}

}
