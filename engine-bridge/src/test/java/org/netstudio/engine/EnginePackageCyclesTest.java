package org.netstudio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;
import org.netstudio.engine.archcanary.CycleStart;
import org.netstudio.engine.archcanary.loop.CycleBack;

/**
 * No package of the engine bridge depends on itself through others (STYLE.md: "No package cycles"):
 * every package is its own slice, sub-packages included, so a layer (compile, weights, run, …)
 * can be read without the ones above it. The canary proves the rule can fail.
 */
class EnginePackageCyclesTest {

    static final ArchRule noPackageCycles = SlicesRuleDefinition.slices()
            .matching("org.netstudio.engine.(**)")
            .should().beFreeOfCycles()
            .as("the engine bridge's packages form no cycle");

    @Test
    void theEngineBridgesPackagesFormNoCycle() {
        JavaClasses engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.netstudio.engine");
        assertThat(engine.size()).as("the engine bridge's classes were found").isGreaterThan(100);
        noPackageCycles.check(engine);
    }

    @Test
    void theRuleCatchesTwoPackagesThatUseEachOther() {
        JavaClasses canaries = new ClassFileImporter().importClasses(CycleStart.class, CycleBack.class);
        String report = String.join("\n", noPackageCycles.evaluate(canaries).getFailureReport().getDetails());
        assertThat(report).contains("archcanary", "archcanary.loop", "CycleStart", "CycleBack");
    }
}
