package io.apogeemq.testkit;

import java.util.ServiceLoader;

/**
 * Chooses the cluster client integration tests run against, from the system property
 * {@code apogee.target}: {@code official} (the default) starts {@link OfficialRocketMq}; any other
 * value (e.g. {@code apogee}) is looked up among the {@link TargetClusterProvider}s on the class
 * path. A target nobody provides fails with a clear message rather than silently testing something
 * else.
 */
public final class TargetClusters {

  /** The system property naming the target. */
  public static final String PROPERTY = "apogee.target";

  private TargetClusters() {}

  /** The selected target's name. */
  public static String selected() {
    return System.getProperty(PROPERTY, "official");
  }

  /** Starts the selected target cluster. */
  public static TargetCluster start() throws Exception {
    String target = selected();
    if (target.equals("official")) {
      // re-registration every 10 s (the minimum) so a restarted NameServer learns the broker soon
      return OfficialRocketMq.start(java.util.List.of("registerNameServerPeriod=10000"));
    }
    for (TargetClusterProvider p : ServiceLoader.load(TargetClusterProvider.class)) {
      if (p.target().equals(target)) {
        return p.start();
      }
    }
    throw new IllegalArgumentException("-D" + PROPERTY + "=" + target
        + ": no TargetClusterProvider for it on the class path (expected 'official', or"
        + " 'apogee' from the apogee-client-it module)");
  }
}
