package io.apogeemq.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The module dependency table of docs/architecture.md, as ArchUnit rules.
 *
 * <p>Each Apogee module owns one package below a root ({@code io.apogeemq.<module>}). A module may
 * depend only on the modules listed for it here; every other Apogee package is forbidden. The table
 * is data, so the same rules can be evaluated against a fixture root to prove they fail when they
 * should.
 */
final class ModuleRules {

  /** module -> modules it may depend on (besides itself). Keep in step with docs/architecture.md. */
  static final Map<String, Set<String>> ALLOWED = allowed();

  private static Map<String, Set<String>> allowed() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("common", Set.of());
    m.put("remoting", Set.of("common"));
    m.put("store", Set.of("common"));
    m.put("namesrv", Set.of("common", "remoting"));
    m.put("client", Set.of("common", "remoting"));
    m.put("broker", Set.of("common", "remoting", "store"));
    m.put("cli", Set.of("common", "remoting", "store", "namesrv", "broker", "client"));
    // test support only: no production module may depend on it, and it depends on none
    m.put("testkit", Set.of());
    // apogee-client-it (tests only, package io.apogeemq.clientit): the client's ITs against an
    // embedded Apogee NameServer + broker and against the official servers; may use everything
    m.put("clientit", Set.of("common", "remoting", "store", "namesrv", "broker", "client",
        "testkit"));
    // apogee-ha-it: multi-process replication tests and the HA benchmark (test sources only)
    m.put("hait", Set.of("common", "remoting", "store", "namesrv", "broker", "client", "cli",
        "testkit"));
    // apogee-spring-it (tests only, package io.apogeemq.springit): the official Spring Boot
    // starter against an embedded Apogee NameServer + broker
    m.put("springit", Set.of("common", "remoting", "store", "namesrv", "broker", "testkit"));
    return Map.copyOf(m);
  }

  private ModuleRules() {}

  /** One rule per module: it must not touch any Apogee module outside its allowed set. */
  static List<ArchRule> forRoot(String root) {
    List<ArchRule> rules = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
      String module = e.getKey();
      List<String> forbidden = new ArrayList<>();
      for (String other : ALLOWED.keySet()) {
        if (!other.equals(module) && !e.getValue().contains(other)) {
          forbidden.add(root + "." + other + "..");
        }
      }
      rules.add(
          noClasses()
              .that()
              .resideInAPackage(root + "." + module + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(forbidden.toArray(String[]::new))
              .as("module '" + module + "' depends only on " + e.getValue())
              .allowEmptyShould(true));
    }
    return rules;
  }

  /** Packages named {@code internal} are private to the module that holds them. */
  static List<ArchRule> internalsForRoot(String root) {
    List<ArchRule> rules = new ArrayList<>();
    for (String module : ALLOWED.keySet()) {
      rules.add(
          noClasses()
              .that()
              .resideOutsideOfPackage(root + "." + module + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage(root + "." + module + "..internal..")
              .as("internals of module '" + module + "' stay inside it")
              .allowEmptyShould(true));
    }
    return rules;
  }
}
