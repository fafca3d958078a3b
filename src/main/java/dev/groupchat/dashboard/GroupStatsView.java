package dev.groupchat.dashboard;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A group at a glance for its creator: today's numbers, the last {@code days} UTC days
 * (one entry per day, zero-filled, oldest first), the top posters, messages per hour of
 * day (all 24, UTC) and how many members have read each of the latest announcements.
 */
record GroupStatsView(int memberCount, long messagesToday, long activeMembers7d, long openReports,
		long pendingJoinRequests, List<Day> days, List<Poster> topPosters, List<Hour> peakHours,
		List<Announcement> announcements) {

	/** Messages, joins and leaves of one UTC day. */
	public record Day(LocalDate date, long messages, int joins, int leaves) {
	}

	/** A member and their messages in the period. */
	public record Poster(String userId, @Nullable String name, long messages) {
	}

	/** Messages in one hour of the day (UTC). */
	public record Hour(int hour, long messages) {
	}

	/**
	 * One of the latest messages of the OWNER or an ADMIN, and how many members have read
	 * it.
	 */
	public record Announcement(long seq, int memberCount, long readCount) {
	}

}
