package dev.groupchat.moderation;

/**
 * A member reported a message (the first report of that member on it); the reporter is
 * not named.
 */
public record ReportCreated(ReportView report) {
}
