package io.apogeemq.testkit;

/**
 * Starts a {@link TargetCluster} that this module cannot build itself because it depends on no
 * Apogee server module: the Apogee NameServer + broker target is provided by a test module that
 * does ({@code apogee-client-it}), registered with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/io.apogeemq.testkit.TargetClusterProvider}.
 */
public interface TargetClusterProvider {

  /** The {@code -Dapogee.target} value this provider answers to, e.g. {@code apogee}. */
  String target();

  /** Starts a fresh cluster on free loopback ports with a temporary store. */
  TargetCluster start() throws Exception;
}
