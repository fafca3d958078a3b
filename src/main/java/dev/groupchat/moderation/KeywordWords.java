package dev.groupchat.moderation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The blocked words of a filter as one Aho-Corasick automaton: a text is read once,
 * whatever the number of words, and each place where a word ends is checked for word
 * boundaries (words of alphabetic scripts must stand alone; words of scripts without
 * spaces match anywhere). Time is linear in the text plus the matches found, so no word
 * list can make a check expensive.
 */
final class KeywordWords {

	private final char[][] labels;

	private final int[][] targets;

	private final int[] fail;

	/** Index of the word ending at a state, or -1. */
	private final int[] wordAt;

	/** The next state along the failure chain where a word ends, or 0. */
	private final int[] outLink;

	private final int[] lengths;

	private final boolean[] bounded;

	private KeywordWords(List<String> words, List<Map<Character, Integer>> trie, int[] wordAt) {
		int states = trie.size();
		this.labels = new char[states][];
		this.targets = new int[states][];
		for (int s = 0; s < states; s++) {
			TreeMap<Character, Integer> sorted = new TreeMap<>(trie.get(s));
			labels[s] = new char[sorted.size()];
			targets[s] = new int[sorted.size()];
			int i = 0;
			for (Map.Entry<Character, Integer> edge : sorted.entrySet()) {
				labels[s][i] = edge.getKey();
				targets[s][i++] = edge.getValue();
			}
		}
		this.wordAt = wordAt;
		this.fail = new int[states];
		this.outLink = new int[states];
		this.lengths = words.stream().mapToInt(String::length).toArray();
		this.bounded = new boolean[words.size()];
		for (int w = 0; w < words.size(); w++) {
			bounded[w] = !KeywordText.hasWithoutSpaces(words.get(w));
		}
		link();
	}

	static KeywordWords of(List<String> words) {
		List<String> normalized = words.stream()
			.map(w -> KeywordText.normalize(w).strip())
			.filter(w -> !w.isEmpty())
			.distinct()
			.toList();
		List<Map<Character, Integer>> trie = new ArrayList<>();
		trie.add(new HashMap<>());
		List<Integer> ends = new ArrayList<>(List.of(-1));
		for (int w = 0; w < normalized.size(); w++) {
			int state = 0;
			for (char c : normalized.get(w).toCharArray()) {
				Integer next = trie.get(state).get(c);
				if (next == null) {
					next = trie.size();
					trie.add(new HashMap<>());
					ends.add(-1);
					trie.get(state).put(c, next);
				}
				state = next;
			}
			ends.set(state, w);
		}
		return new KeywordWords(normalized, trie, ends.stream().mapToInt(Integer::intValue).toArray());
	}

	boolean isEmpty() {
		return lengths.length == 0;
	}

	/**
	 * Whether a word of the filter occurs in the (normalized) text where it may match.
	 */
	boolean matchIn(String text) {
		if (isEmpty()) {
			return false;
		}
		int state = 0;
		for (int i = 0; i < text.length(); i++) {
			state = step(state, text.charAt(i));
			for (int s = wordAt[state] >= 0 ? state : outLink[state]; s > 0; s = outLink[s]) {
				if (standsAlone(text, i + 1 - lengths[wordAt[s]], i + 1, wordAt[s])) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean standsAlone(String text, int start, int end, int word) {
		if (!bounded[word]) {
			return true;
		}
		boolean before = start == 0 || !KeywordText.isWordChar(text.codePointBefore(start))
				|| !KeywordText.isWordChar(text.codePointAt(start));
		boolean after = end == text.length() || !KeywordText.isWordChar(text.codePointAt(end))
				|| !KeywordText.isWordChar(text.codePointBefore(end));
		return before && after;
	}

	private int step(int state, char c) {
		for (int s = state;; s = fail[s]) {
			int next = child(s, c);
			if (next >= 0) {
				return next;
			}
			if (s == 0) {
				return 0;
			}
		}
	}

	private int child(int state, char c) {
		int i = Arrays.binarySearch(labels[state], c);
		return i >= 0 ? targets[state][i] : -1;
	}

	/** Failure and output links, breadth first. */
	private void link() {
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int v : targets[0]) {
			queue.add(v);
		}
		while (!queue.isEmpty()) {
			int u = queue.poll();
			for (int i = 0; i < labels[u].length; i++) {
				int v = targets[u][i];
				int f = fail[u];
				while (f != 0 && child(f, labels[u][i]) < 0) {
					f = fail[f];
				}
				int target = child(f, labels[u][i]);
				fail[v] = target >= 0 && target != v ? target : 0;
				outLink[v] = wordAt[fail[v]] >= 0 ? fail[v] : outLink[fail[v]];
				queue.add(v);
			}
		}
	}

}
