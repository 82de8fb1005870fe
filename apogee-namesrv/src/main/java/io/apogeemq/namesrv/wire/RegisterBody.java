package io.apogeemq.namesrv.wire;

import io.apogeemq.namesrv.route.DataVersion;
import io.apogeemq.namesrv.route.TopicConfigEntry;
import java.util.List;

/**
 * The decoded body of a {@code REGISTER_BROKER} request.
 *
 * @param dataVersion version of the topic table, or null when the body carried no table
 * @param topics the broker's topic configs, or null when the body carried no table
 * @param filterServers legacy filter servers, usually empty
 */
public record RegisterBody(DataVersion dataVersion, List<TopicConfigEntry> topics, List<String> filterServers) {

  /** An empty body: liveness refresh only. */
  public static final RegisterBody EMPTY = new RegisterBody(null, null, List.of());
}
