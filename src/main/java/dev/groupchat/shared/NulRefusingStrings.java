package dev.groupchat.shared;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every string read from a request body, at any depth, is refused when it holds a NUL
 * character.
 */
final class NulRefusingStrings extends StringDeserializer {

	static SimpleModule module() {
		return new SimpleModule("nul-refusing-strings").addDeserializer(String.class, new NulRefusingStrings());
	}

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String value = super.deserialize(parser, context);
		if (value != null && value.indexOf('\0') >= 0) {
			throw new NulCharacterException(parser);
		}
		return value;
	}

}
