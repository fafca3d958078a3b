package dev.groupchat.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.groupchat.identity.CurrentUser;
import dev.groupchat.identity.JwtProperties;
import dev.groupchat.identity.UserProfiles;
import dev.groupchat.shared.ProblemType;
import dev.groupchat.support.TestTokens;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The web layer of groups alone: request validation, problem shapes and security, with
 * the real identity module's security chain and a mocked {@link GroupManagement}.
 */
@WebMvcTest(controllers = GroupController.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "dev\\.groupchat\\.shared\\.RequestSizeLimitFilter")) // body size is
																		// covered end to
																		// end
class GroupControllerWebTest {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	GroupManagement management;

	@MockitoBean
	UserProfiles profiles;

	@MockitoBean
	ReadMarkers readMarkers;

	/**
	 * The REST send metrics filter is part of the web layer; what it counts is
	 * MetricsTest's.
	 */
	@MockitoBean
	dev.groupchat.messaging.SendMetrics sendMetrics;

	@Test
	void withoutATokenTheAnswerIsAnUnauthorizedProblem() {
		MvcTestResult result = mvc.post()
			.uri("/api/v1/groups")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Friends\", \"kind\": \"CHAT\"}")
			.exchange();

		assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(ProblemType.UNAUTHORIZED.type().toString());
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		verifyNoInteractions(management);
	}

	@Test
	void anInvalidCreateBodyIsAValidationProblemListingTheFields() {
		MvcTestResult result = mvc.post()
			.uri("/api/v1/groups")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token("alice"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"\", \"memberIds\": [\"" + "x".repeat(65) + "\"]}")
			.exchange();

		assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(ProblemType.VALIDATION.type().toString());
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("name", "kind", "memberIds[0]");
		verifyNoInteractions(management);
	}

	@Test
	void aValidCreateIsHandedToGroupManagementAsTheCaller() {
		UUID id = UUID.randomUUID();
		given(management.create(any(), any())).willReturn(new GroupDetails(new GroupView(id, GroupKind.CHAT, "Friends",
				null, "alice", 1, JoinPolicy.INVITE_ONLY, PostPolicy.EVERYONE, 0, 32, Visibility.PRIVATE, 0, null,
				Instant.now(), 0, false, HiddenMembersSource.AUTOMATIC), null));

		MvcTestResult result = mvc.post()
			.uri("/api/v1/groups")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token("alice"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"Friends\", \"kind\": \"CHAT\"}")
			.exchange();

		assertThat(result).hasStatus(201);
		assertThat(result).bodyJson().extractingPath("$.id").isEqualTo(id.toString());
		assertThat(result).bodyJson().extractingPath("$.ownerId").isEqualTo("alice");
		verify(management).create(argThat((CurrentUser user) -> user.id().equals("alice")),
				eq(new NewGroup("Friends", null, GroupKind.CHAT, null)));
	}

	@Test
	void aGroupIdThatIsNotAnIdIsNotFound() {
		MvcTestResult result = mvc.get()
			.uri("/api/v1/groups/not-a-uuid")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token("alice"))
			.exchange();

		assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(ProblemType.NOT_FOUND.type().toString());
		verifyNoInteractions(management);
	}

	/**
	 * The identity module's security chain, token decoder and {@code CurrentUser}
	 * resolver (a slice neither scans for them nor for configuration records); not its
	 * cache metrics, which need the real profile cache and a registry.
	 */
	@TestConfiguration
	@ComponentScan(value = "dev.groupchat.identity",
			excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
					pattern = "dev\\.groupchat\\.identity\\.IdentityMetrics"))
	@EnableConfigurationProperties(JwtProperties.class)
	static class IdentityWeb {

	}

}
