package dev.groupchat.dashboard;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Every page path (the overview, a group, a group's tab) answers the one static page,
 * which routes in the browser: deep links work after a reload. The page holds no data.
 * Answered directly rather than forwarded, so the response carries the dashboard's
 * security headers.
 */
@Controller
class DashboardPage {

	private static final Resource PAGE = new ClassPathResource("static/dashboard/index.html");

	@GetMapping({ "/dashboard", "/dashboard/", "/dashboard/groups/{groupId}", "/dashboard/groups/{groupId}/{tab}" })
	ResponseEntity<Resource> page() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).body(PAGE);
	}

}
