package io.apogeemq.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModuleDependencyTest {

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.apogeemq");
  }

  @Test
  void importsTheClassesOfEveryBuiltModule() {
    for (String module : new String[] {"common", "remoting", "store", "namesrv", "client", "broker", "cli"}) {
      assertThat(production.stream().anyMatch(c -> isInModule(c.getPackageName(), module)))
          .as("classes of module '%s' are on the architecture test's classpath", module)
          .isTrue();
    }
  }

  private static boolean isInModule(String packageName, String module) {
    String root = "io.apogeemq." + module;
    return packageName.equals(root) || packageName.startsWith(root + ".");
  }

  @Test
  void everyModuleDependsOnlyOnTheModulesItMay() {
    for (ArchRule rule : ModuleRules.forRoot("io.apogeemq")) {
      rule.check(production);
    }
  }

  @Test
  void noModuleReachesIntoAnotherModulesInternals() {
    for (ArchRule rule : ModuleRules.internalsForRoot("io.apogeemq")) {
      rule.check(production);
    }
  }

  @Test
  void modulesHaveNoCycles() {
    SlicesRuleDefinition.slices()
        .matching("io.apogeemq.(*)..")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(production);
  }

  @Test
  void rulesCatchAStoreClassThatImportsTheBroker() {
    JavaClasses fixture =
        new ClassFileImporter().importPackages("io.apogeemq.architecture.fixture");
    long violated =
        ModuleRules.forRoot("io.apogeemq.architecture.fixture").stream()
            .map(rule -> rule.evaluate(fixture))
            .filter(EvaluationResult::hasViolation)
            .count();
    assertThat(violated).as("store -> broker and common -> store are both forbidden").isEqualTo(2);
  }
}
