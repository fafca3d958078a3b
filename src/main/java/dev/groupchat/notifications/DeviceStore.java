package dev.groupchat.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The push_device table. */
@Repository
class DeviceStore {

	private static final String COLUMNS = "device_id, platform, locale, created_at, updated_at";

	private final JdbcClient jdbc;

	DeviceStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serializes registrations of one user until commit, so that the device limit holds
	 * under races.
	 */
	void lockUser(String userId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('push_device:' || :userId, 0))")
			.param("userId", userId)
			.query((rs, row) -> 1)
			.list();
	}

	int count(String userId) {
		return jdbc.sql("select count(*) from push_device where user_id = :userId")
			.param("userId", userId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Forgets the token wherever else it is registered: one token wakes one user's
	 * device.
	 */
	void releaseToken(Platform platform, String token, String userId, String deviceId) {
		jdbc.sql("""
				delete from push_device where platform = :platform and token = :token
				   and not (user_id = :userId and device_id = :deviceId)""")
			.param("platform", platform.name())
			.param("token", token)
			.param("userId", userId)
			.param("deviceId", deviceId)
			.update();
	}

	/** Inserts or replaces the device; answers it and whether it was new. */
	Saved save(String userId, String deviceId, Platform platform, String token, String locale, Instant now) {
		return jdbc.sql("""
				insert into push_device (user_id, device_id, platform, token, locale, created_at, updated_at)
				values (:userId, :deviceId, :platform, :token, :locale, :now, :now)
				on conflict (user_id, device_id) do update
				   set platform = excluded.platform, token = excluded.token, locale = excluded.locale,
				       updated_at = excluded.updated_at
				returning""" + " " + COLUMNS + ", (xmax = 0) as inserted")
			.param("userId", userId)
			.param("deviceId", deviceId)
			.param("platform", platform.name())
			.param("token", token)
			.param("locale", locale)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new Saved(view(rs), rs.getBoolean("inserted")))
			.single();
	}

	boolean exists(String userId, String deviceId) {
		return jdbc.sql("select 1 from push_device where user_id = :userId and device_id = :deviceId")
			.param("userId", userId)
			.param("deviceId", deviceId)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	List<DeviceView> list(String userId) {
		return jdbc
			.sql("select " + COLUMNS + " from push_device where user_id = :userId order by created_at, device_id")
			.param("userId", userId)
			.query((rs, row) -> view(rs))
			.list();
	}

	boolean delete(String userId, String deviceId) {
		return jdbc.sql("delete from push_device where user_id = :userId and device_id = :deviceId")
			.param("userId", userId)
			.param("deviceId", deviceId)
			.update() > 0;
	}

	/** Removes the devices whose tokens the gateway or FCM reported as gone. */
	int deleteRejected(Platform platform, List<String> tokens) {
		if (tokens.isEmpty()) {
			return 0;
		}
		return jdbc.sql("delete from push_device where platform = :platform and token = any(:tokens)")
			.param("platform", platform.name())
			.param("tokens", tokens.toArray(String[]::new))
			.update();
	}

	record Saved(DeviceView device, boolean created) {
	}

	private static DeviceView view(ResultSet rs) throws SQLException {
		return new DeviceView(rs.getString(1), Platform.valueOf(rs.getString(2)), rs.getString(3),
				rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant());
	}

}
