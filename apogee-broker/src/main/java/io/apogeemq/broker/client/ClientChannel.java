package io.apogeemq.broker.client;

import io.netty.channel.Channel;
import java.util.Objects;

/**
 * A client instance's connection as the broker knows it from heartbeats.
 *
 * @param clientId {@code ip@instanceName}, the id rebalancing clients sort and share
 * @param language the client's language code name (e.g. {@code JAVA})
 * @param version the client's remoting version (e.g. 409 for 4.9.8, 479 for 5.3.3)
 * @param lastHeartbeatMillis when its last heartbeat arrived (broker clock)
 */
public record ClientChannel(Channel channel, String clientId, String language, int version,
    long lastHeartbeatMillis) {

  public ClientChannel {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(clientId, "clientId");
  }

  public ClientChannel touched(long nowMillis) {
    return new ClientChannel(channel, clientId, language, version, nowMillis);
  }
}
