package io.apogeemq.broker.client;

import java.util.List;
import java.util.Objects;

/**
 * One consumer group of a client instance, as its heartbeat describes it.
 *
 * @param consumeType {@code CONSUME_PASSIVELY} (push), {@code CONSUME_ACTIVELY} (pull) or
 *     {@code CONSUME_POP}
 * @param messageModel {@code CLUSTERING} or {@code BROADCASTING}
 */
public record ConsumerData(String group, String consumeType, String messageModel,
    String consumeFromWhere, List<SubscriptionData> subscriptions) {

  public static final String BROADCASTING = "BROADCASTING";
  public static final String CLUSTERING = "CLUSTERING";

  public ConsumerData {
    Objects.requireNonNull(group, "group");
    messageModel = messageModel == null ? CLUSTERING : messageModel;
    subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
  }

  public boolean broadcasting() {
    return BROADCASTING.equals(messageModel);
  }
}
