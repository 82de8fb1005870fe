package io.apogeemq.client.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogeemq.client.BrokerException;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.internal.ClientRuntime;
import io.apogeemq.client.internal.TopicRoute;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.remoting.exception.RemotingException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The consumer-side broker requests (codes.md §4.3-4.12): offsets, group membership, send-back
 * and unregistering. Addresses are the masters of the queues' broker groups from the route cache.
 *
 * <p>Thread-safe; the sync methods block the calling thread (never call them on an I/O thread).
 */
final class ConsumerBrokerApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClientRuntime runtime;

  ConsumerBrokerApi(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  /** The master of {@code queue}'s broker group. */
  String master(MessageQueue queue) {
    TopicRoute route = runtime.routes().cached(queue.topic());
    String address = route == null ? null : route.masterAddress(queue.brokerName());
    if (address == null) {
      route = runtime.routes().require(queue.topic(), runtime.timeoutMillis());
      address = route.masterAddress(queue.brokerName());
    }
    if (address == null) {
      throw new ClientException("broker group " + queue.brokerName() + " of " + queue
          + " has no master");
    }
    return address;
  }

  RemotingCommand call(String address, RemotingCommand request, String what) {
    try {
      return runtime.remoting().invokeSync(address, request, runtime.timeoutMillis());
    } catch (RemotingException e) {
      throw new ClientException(what + " via " + address + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(what + " interrupted", e);
    }
  }

  /** The committed offset, or -1 when the broker has none (QUERY_NOT_FOUND). */
  long queryOffset(String group, MessageQueue q) {
    String address = master(q);
    RemotingCommand r = call(address, RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET)
        .putExtField("consumerGroup", group).putExtField("topic", q.topic())
        .putExtField("queueId", q.queueId()), "query offset of " + group + " on " + q);
    if (r.code() == ResponseCode.QUERY_NOT_FOUND) {
      return -1;
    }
    if (r.code() != ResponseCode.SUCCESS || r.extField("offset") == null) {
      throw new BrokerException(r.code(), r.remark(), address, "query offset of " + group
          + " on " + q);
    }
    return Long.parseLong(r.extField("offset"));
  }

  long maxOffset(MessageQueue q) {
    return offsetCall(RequestCode.GET_MAX_OFFSET, q, null, "max offset of " + q);
  }

  long minOffset(MessageQueue q) {
    return offsetCall(RequestCode.GET_MIN_OFFSET, q, null, "min offset of " + q);
  }

  long searchOffset(MessageQueue q, long timestampMillis) {
    return offsetCall(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, q, timestampMillis,
        "offset at " + timestampMillis + " of " + q);
  }

  private long offsetCall(int code, MessageQueue q, Long timestamp, String what) {
    String address = master(q);
    RemotingCommand req = RemotingCommand.request(code).putExtField("topic", q.topic())
        .putExtField("queueId", q.queueId());
    if (timestamp != null) {
      req.putExtField("timestamp", timestamp);
    }
    RemotingCommand r = call(address, req, what);
    if (r.code() != ResponseCode.SUCCESS || r.extField("offset") == null) {
      throw new BrokerException(r.code(), r.remark(), address, what);
    }
    return Long.parseLong(r.extField("offset"));
  }

  static RemotingCommand updateOffsetRequest(String group, MessageQueue q, long offset) {
    return RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET)
        .putExtField("consumerGroup", group).putExtField("topic", q.topic())
        .putExtField("queueId", q.queueId()).putExtField("commitOffset", offset);
  }

  void updateOffsetOneway(String group, MessageQueue q, long offset) {
    try {
      runtime.remoting().invokeOneway(master(q), updateOffsetRequest(group, q, offset).oneway(true),
          runtime.timeoutMillis());
    } catch (RemotingException e) {
      throw new ClientException("commit offset " + offset + " of " + group + " on " + q + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void updateOffsetSync(String group, MessageQueue q, long offset) {
    String address = master(q);
    RemotingCommand r = call(address, updateOffsetRequest(group, q, offset),
        "commit offset " + offset + " of " + group + " on " + q);
    if (r.code() != ResponseCode.SUCCESS) {
      throw new BrokerException(r.code(), r.remark(), address, "commit offset " + offset
          + " of " + group + " on " + q);
    }
  }

  /** Sorted client ids of {@code group}, asked of the master of one of the topic's brokers. */
  List<String> consumerIds(String group, String topic) {
    TopicRoute route = runtime.routes().require(topic, runtime.timeoutMillis());
    List<String> masters = new ArrayList<>();
    for (TopicRoute.QueueData q : route.queueDatas()) {
      String m = route.masterAddress(q.brokerName());
      if (m != null) {
        masters.add(m);
      }
    }
    if (masters.isEmpty()) {
      throw new ClientException("topic '" + topic + "' has no broker master to ask for the "
          + "members of group " + group);
    }
    String address = masters.get(java.util.concurrent.ThreadLocalRandom.current()
        .nextInt(masters.size()));
    RemotingCommand r = call(address, RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP)
        .putExtField("consumerGroup", group), "members of group " + group);
    if (r.code() != ResponseCode.SUCCESS || r.body() == null) {
      throw new BrokerException(r.code(), r.remark(), address, "members of group " + group);
    }
    try {
      JsonNode ids = JSON.readTree(r.body()).path("consumerIdList");
      List<String> out = new ArrayList<>();
      ids.forEach(n -> out.add(n.asText()));
      Collections.sort(out);
      return out;
    } catch (java.io.IOException e) {
      throw new ClientException("members of group " + group + " from " + address
          + ": malformed body", e);
    }
  }

  /**
   * Asks the broker to redeliver {@code m} later via the retry topic (or the DLQ once
   * {@code maxReconsumeTimes} is reached).
   *
   * @param delayLevel 0 lets the broker choose {@code 3 + reconsumeTimes}; -1 sends to the DLQ
   */
  void sendBack(String group, ReceivedMessage m, int delayLevel, int maxReconsumeTimes) {
    String address = master(m.queue());
    RemotingCommand req = RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK)
        .putExtField("offset", m.commitLogOffset()).putExtField("group", group)
        .putExtField("delayLevel", delayLevel).putExtField("originMsgId", m.messageId())
        .putExtField("originTopic", m.topic()).putExtField("unitMode", false)
        .putExtField("maxReconsumeTimes", maxReconsumeTimes)
        .putExtField("bname", m.queue().brokerName());
    RemotingCommand r = call(address, req, "send back " + m.messageId() + " of " + group);
    if (r.code() != ResponseCode.SUCCESS) {
      throw new BrokerException(r.code(), r.remark(), address, "send back " + m.messageId()
          + " of group " + group);
    }
  }

  /**
   * {@code LOCK_BATCH_MQ} (codes.md §4.10): asks the master at {@code address} to lock
   * {@code queues} (all of its broker group) for this client; returns those it locked.
   */
  java.util.Set<MessageQueue> lock(String group, String address,
      java.util.Collection<MessageQueue> queues) {
    RemotingCommand r = call(address, RemotingCommand.request(RequestCode.LOCK_BATCH_MQ)
        .body(lockBody(group, queues)), "lock " + queues.size() + " queue(s) of " + group);
    if (r.code() != ResponseCode.SUCCESS) {
      throw new BrokerException(r.code(), r.remark(), address, "lock queues of group " + group);
    }
    java.util.Set<MessageQueue> locked = new java.util.HashSet<>();
    if (r.body() == null) {
      return locked;
    }
    try {
      for (JsonNode q : JSON.readTree(r.body()).path("lockOKMQSet")) {
        locked.add(new MessageQueue(q.path("topic").asText(), q.path("brokerName").asText(),
            q.path("queueId").asInt()));
      }
    } catch (java.io.IOException e) {
      throw new ClientException("lock queues of group " + group + " at " + address
          + ": malformed body", e);
    }
    return locked;
  }

  /** {@code UNLOCK_BATCH_MQ}: releases this client's locks on {@code queues}. */
  void unlock(String group, String address, java.util.Collection<MessageQueue> queues) {
    RemotingCommand r = call(address, RemotingCommand.request(RequestCode.UNLOCK_BATCH_MQ)
        .body(lockBody(group, queues)), "unlock " + queues.size() + " queue(s) of " + group);
    if (r.code() != ResponseCode.SUCCESS) {
      throw new BrokerException(r.code(), r.remark(), address, "unlock queues of group " + group);
    }
  }

  private byte[] lockBody(String group, java.util.Collection<MessageQueue> queues) {
    com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
    body.put("clientId", runtime.clientId());
    body.put("consumerGroup", group);
    body.put("onlyThisBroker", false);
    com.fasterxml.jackson.databind.node.ArrayNode set = body.putArray("mqSet");
    for (MessageQueue q : queues) {
      set.addObject().put("brokerName", q.brokerName()).put("queueId", q.queueId())
          .put("topic", q.topic());
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("lock body of group " + group, e);
    }
  }

  /** Tells every master in the cached routes that this client left {@code group}. */
  void unregister(String group) {
    java.util.Set<String> masters = new java.util.HashSet<>();
    for (TopicRoute r : runtime.routes().snapshot().values()) {
      for (String b : r.brokerAddrs().keySet()) {
        String m = r.masterAddress(b);
        if (m != null) {
          masters.add(m);
        }
      }
    }
    for (String address : masters) {
      try {
        runtime.remoting().invokeSync(address, RemotingCommand.request(RequestCode.UNREGISTER_CLIENT)
            .putExtField("clientID", runtime.clientId()).putExtField("consumerGroup", group),
            runtime.timeoutMillis());
      } catch (RemotingException e) {
        // the broker drops us after 120 s without heartbeats anyway
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
