package dev.groupchat.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinksTest {

	@ParameterizedTest
	@ValueSource(strings = { "http://a.b", "HTTPS://EXAMPLE.COM", "see www.example", "example.com",
			"go to shop.example.co.uk/sale", "EXAMPLE.ORG", "пример.рф", "мой-сайт.рф/путь", "(see spam.io)",
			"mail j.doe@example.com", "xn--80ak6aa92e.com" })
	void findsLinks(String text) {
		assertThat(Links.in(text)).as(text).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "hello", "pi is 3.14", "e.g. this", "i.e. that", "the end.Next sentence", "U.S.",
			"version v1.2", "Привет.Как дела", "中文。中文", "a wwwx thing", "http without colon" })
	void leavesOtherTextAlone(String text) {
		assertThat(Links.in(text)).as(text).isFalse();
	}

	@Test
	void isFastOnLongWordsAndDots() {
		String text = "a".repeat(4_000) + " " + "a.".repeat(2_000);
		long start = System.nanoTime();
		Links.in(text);
		assertThat(System.nanoTime() - start).isLessThan(200_000_000L);
	}

}
