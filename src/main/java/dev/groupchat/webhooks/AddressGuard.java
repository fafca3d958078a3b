package dev.groupchat.webhooks;

import dev.groupchat.shared.DomainException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks from reaching into the service's own network (SSRF): {@code https} only,
 * and no host that resolves to a loopback, private, link-local (cloud metadata),
 * unique-local, CGNAT, multicast or unspecified address. Checked at registration and
 * again before every delivery, after DNS, so a name that later resolves inwards is
 * refused too. {@code allow-private-addresses} turns the address check off and allows
 * {@code http} (development and tests).
 */
@Component
class AddressGuard {

	static final int MAX_URL_LENGTH = 2048;

	private final boolean allowPrivate;

	AddressGuard(WebhookProperties properties) {
		this.allowPrivate = properties.allowPrivateAddresses();
	}

	/** The URL as registered, or a {@code webhook-url-refused} problem saying why not. */
	URI check(String url) {
		URI uri = parse(url);
		requireAllowedAddresses(uri);
		return uri;
	}

	/**
	 * Before a delivery: the host's addresses now; throws {@link DomainException} when
	 * refused.
	 */
	void requireAllowedAddresses(URI uri) {
		if (allowPrivate) {
			return;
		}
		String host = host(uri);
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			throw WebhookProblems.urlRefused("the webhook host " + host + " does not resolve");
		}
		for (InetAddress address : addresses) {
			if (isInternal(address)) {
				throw WebhookProblems.urlRefused("the webhook host " + host + " resolves to " + address.getHostAddress()
						+ ", a loopback, private, link-local or otherwise internal address");
			}
		}
	}

	private URI parse(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw WebhookProblems.urlRefused("the webhook URL is not a valid absolute URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		boolean allowed = scheme.equals("https") || (allowPrivate && scheme.equals("http"));
		if (!allowed) {
			throw WebhookProblems.urlRefused("webhook URLs must use https");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw WebhookProblems.urlRefused("a webhook URL needs a host and has no user info or fragment");
		}
		return uri;
	}

	private static String host(URI uri) {
		String host = uri.getHost();
		return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
	}

	static boolean isInternal(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return isInternalV4(bytes);
		}
		return address instanceof Inet6Address && isInternalV6(bytes);
	}

	private static boolean isInternalV4(byte[] b) {
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		return first == 0 // "this network"
				|| (first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10 CGNAT (and
															// some clouds' metadata)
				|| (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24
																		// IETF protocol
																		// assignments
				|| (first == 198 && (second & 0xfe) == 18) // 198.18.0.0/15 benchmarking
				|| first >= 240; // reserved, broadcast
	}

	private static boolean isInternalV6(byte[] b) {
		if ((b[0] & 0xfe) == 0xfc) {
			return true; // fc00::/7 unique local (fd00:ec2::254 is a metadata address)
		}
		boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
				&& (b[3] & 0xff) == 0x9b;
		boolean sixToFour = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;
		boolean compatible = true;
		for (int i = 0; i < 12; i++) {
			compatible &= b[i] == 0;
		}
		if (nat64 || compatible) {
			return embedded(b, 12);
		}
		return sixToFour && embedded(b, 2);
	}

	/**
	 * An IPv4 address carried inside an IPv6 one (NAT64, 6to4, IPv4-compatible): judged
	 * as itself.
	 */
	private static boolean embedded(byte[] b, int from) {
		try {
			byte[] v4 = { b[from], b[from + 1], b[from + 2], b[from + 3] };
			return isInternal(InetAddress.getByAddress(v4));
		}
		catch (UnknownHostException ex) {
			return true;
		}
	}

}
