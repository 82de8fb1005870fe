package io.apogeemq.testkit;

/**
 * Chooses the cluster client integration tests run against, from the system property
 * {@code apogee.target}: {@code official} (the default) starts {@link OfficialRocketMq}. The value
 * {@code apogee} is reserved for the Apogee standalone broker, which does not exist yet: asking for
 * it fails with a clear message rather than silently testing something else.
 */
public final class TargetClusters {

  /** The system property naming the target. */
  public static final String PROPERTY = "apogee.target";

  private TargetClusters() {}

  /** Starts the selected target cluster. */
  public static TargetCluster start() throws Exception {
    String target = System.getProperty(PROPERTY, "official");
    return switch (target) {
      case "official" -> OfficialRocketMq.start();
      case "apogee" -> throw new IllegalStateException(
          "-D" + PROPERTY + "=apogee: the Apogee standalone broker is not built yet");
      default -> throw new IllegalArgumentException(
          "-D" + PROPERTY + "=" + target + ": expected 'official' or 'apogee'");
    };
  }
}
