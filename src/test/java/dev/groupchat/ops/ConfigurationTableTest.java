package dev.groupchat.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration table against the configuration metadata the build writes
 * from the properties records ({@code spring-boot-configuration-processor}): every
 * {@code groupchat.*} setting an operator can set is in the table, and the table names
 * none that does not exist, so the two cannot drift apart.
 */
class ConfigurationTableTest {

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	@Test
	void everyGroupchatSettingIsInTheReadmeTableAndTheTableNamesNoOther() throws IOException {
		Set<String> declared = new TreeSet<>();
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("configuration metadata on the class path").isNotNull();
			for (JsonNode property : JsonMapper.builder().build().readTree(metadata).path("properties")) {
				String name = property.path("name").asString();
				if (name.startsWith("groupchat.")) {
					declared.add(name);
				}
			}
		}
		Set<String> documented = documented(Files.readAllLines(Path.of("README.md")));

		assertThat(declared).as("settings of the properties records").hasSizeGreaterThan(50);
		assertThat(new TreeSet<>(declared)).as("settings missing from the README's configuration table")
			.isSubsetOf(documented);
		Set<String> unknown = new TreeSet<>(documented);
		unknown.removeIf(name -> !name.startsWith("groupchat.") || declared.contains(name)
				|| declared.stream().anyMatch(d -> d.startsWith(name + ".") || d.startsWith(name + "[")));
		assertThat(unknown).as("settings in the README table that no properties record declares").isEmpty();
	}

	/**
	 * The names in the first column of the table rows: a full name, then siblings written
	 * as {@code .other}.
	 */
	private static Set<String> documented(List<String> readme) {
		Set<String> names = new HashSet<>();
		for (String line : readme) {
			if (!line.startsWith("| `")) {
				continue;
			}
			String base = null;
			Matcher code = CODE.matcher(line.split("\\|")[1]);
			while (code.find()) {
				String name = code.group(1);
				if (name.startsWith(".") && base != null) {
					names.add(base.substring(0, base.lastIndexOf('.')) + name);
				}
				else if (name.contains(".") && !name.contains(" ")) {
					base = name;
					names.add(name);
				}
			}
		}
		return names;
	}

}
