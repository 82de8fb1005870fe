package io.apogeemq.client.admin;

import java.util.List;
import java.util.Map;

/**
 * The online members of a consumer group and what they subscribe (codes.md §5.10).
 *
 * @param subscriptions topic → subscription expression
 */
public record ConsumerConnection(List<ClientConnection> connections, String consumeType,
    String messageModel, String consumeFromWhere, Map<String, String> subscriptions) {

  public ConsumerConnection {
    connections = List.copyOf(connections);
    subscriptions = Map.copyOf(subscriptions);
  }
}
