package dev.groupchat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the module boundaries honest: a module uses another only through its public API,
 * never in a cycle; and the module diagrams under {@code docs/modules} are regenerated
 * from the code.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(GroupchatApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void writesModuleDiagrams() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}

}
