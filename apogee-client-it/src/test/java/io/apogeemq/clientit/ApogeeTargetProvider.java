package io.apogeemq.clientit;

import io.apogeemq.testkit.TargetCluster;
import io.apogeemq.testkit.TargetClusterProvider;

/** {@code -Dapogee.target=apogee}: an {@link EmbeddedApogeeCluster}. */
public final class ApogeeTargetProvider implements TargetClusterProvider {

  @Override
  public String target() {
    return "apogee";
  }

  @Override
  public TargetCluster start() throws Exception {
    return EmbeddedApogeeCluster.start();
  }
}
