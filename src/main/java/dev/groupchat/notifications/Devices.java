package dev.groupchat.notifications;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's push devices: register or replace, list, remove; at most
 * {@code maxDevicesPerUser}.
 */
@Service
class Devices {

	private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final DeviceStore store;

	private final PushProperties properties;

	private final Clock clock;

	Devices(DeviceStore store, PushProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/** Registers the device or replaces its token; 409 for one device too many. */
	@Transactional
	DeviceStore.Saved register(String userId, String deviceId, DeviceRequest request) {
		checkId(deviceId);
		store.lockUser(userId);
		if (!store.exists(userId, deviceId) && store.count(userId) >= properties.maxDevicesPerUser()) {
			throw NotificationProblems.tooManyDevices(properties.maxDevicesPerUser());
		}
		store.releaseToken(request.platform(), request.token(), userId, deviceId);
		return store.save(userId, deviceId, request.platform(), request.token(), request.locale(), clock.instant());
	}

	@Transactional(readOnly = true)
	List<DeviceView> list(String userId) {
		return store.list(userId);
	}

	@Transactional
	void remove(String userId, String deviceId) {
		checkId(deviceId);
		if (!store.delete(userId, deviceId)) {
			throw NotificationProblems.deviceNotFound(deviceId);
		}
	}

	private static void checkId(String deviceId) {
		if (!DEVICE_ID.matcher(deviceId).matches()) {
			throw NotificationProblems.badDeviceId();
		}
	}

}
