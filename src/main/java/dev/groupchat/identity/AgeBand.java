package dev.groupchat.identity;

import java.util.Arrays;
import java.util.Optional;

/** The {@code age_band} claim. Absent means unknown, which is treated as an adult. */
public enum AgeBand {

	UNDER_16("13-15"), UNDER_18("16-17"), ADULT("18+");

	private final String claim;

	AgeBand(String claim) {
		this.claim = claim;
	}

	public String claim() {
		return claim;
	}

	public static Optional<AgeBand> fromClaim(String value) {
		return Arrays.stream(values()).filter(band -> band.claim.equals(value)).findFirst();
	}

}
