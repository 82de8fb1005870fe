package io.apogeemq.client.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogeemq.client.BrokerException;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.internal.ClientRuntime;
import io.apogeemq.client.internal.TopicRoute;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.name.NameRules;
import io.apogeemq.remoting.exception.RemotingException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Administration: cluster info, topics (create, delete, list, queues), offsets and consumer lag,
 * re-sending dead letters.
 * Calls are synchronous and fail with a {@link ClientException} naming the peer and the object.
 *
 * <p>Thread-safe; owns no threads. Not implemented yet: topic/consume statistics, offset reset by
 * time, message query by id or key, group administration.
 */
public final class Admin implements AutoCloseable {

  /** Lenient: the official NameServer writes cluster info with unquoted numeric map keys. */
  private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

  private final ClientRuntime runtime;

  /** Use {@code ApogeeClient.admin()}. */
  public Admin(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  private RemotingCommand call(String address, RemotingCommand request, String what) {
    try {
      RemotingCommand r = runtime.remoting().invokeSync(address, request, runtime.timeoutMillis());
      if (r.code() != ResponseCode.SUCCESS) {
        throw new BrokerException(r.code(), r.remark(), address, what);
      }
      return r;
    } catch (RemotingException e) {
      throw new ClientException(what + " via " + address + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(what + " interrupted", e);
    }
  }

  /** Asks the NameServers in turn until one answers. */
  private RemotingCommand callNamesrv(RemotingCommand request, String what) {
    ClientException last = null;
    for (String ns : runtime.config().namesrvAddresses()) {
      try {
        return call(ns, request, what);
      } catch (BrokerException e) {
        throw e;
      } catch (ClientException e) {
        last = e;
      }
    }
    throw last != null ? last : new ClientException(what + ": no NameServer");
  }

  /** Live brokers and clusters. */
  public ClusterInfo clusterInfo() {
    RemotingCommand r = callNamesrv(RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO),
        "cluster info");
    try {
      JsonNode root = JSON.readTree(r.body());
      Map<String, Map<Long, String>> brokers = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = root.path("brokerAddrTable").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> b = it.next();
        Map<Long, String> ids = new HashMap<>();
        b.getValue().path("brokerAddrs").fields().forEachRemaining(e ->
            ids.put(Long.parseLong(e.getKey()), e.getValue().asText()));
        brokers.put(b.getKey(), Map.copyOf(ids));
      }
      Map<String, Set<String>> clusters = new HashMap<>();
      root.path("clusterAddrTable").fields().forEachRemaining(e -> {
        Set<String> names = new TreeSet<>();
        e.getValue().forEach(n -> names.add(n.asText()));
        clusters.put(e.getKey(), Set.copyOf(names));
      });
      return new ClusterInfo(brokers, clusters);
    } catch (IOException | RuntimeException e) {
      throw new ClientException("cluster info is malformed: " + e.getMessage(), e);
    }
  }

  /**
   * Creates (or updates) {@code topic} with {@code queues} read and write queues, readable and
   * writable, on the master of every broker group.
   */
  public void createTopic(String topic, int queues) {
    String t = runtime.config().wrap(topic);
    NameRules.topicProblem(t).ifPresent(p -> {
      throw new IllegalArgumentException("topic '" + t + "': " + p);
    });
    if (queues < 1 || queues > 1024) {
      throw new IllegalArgumentException("topic '" + t + "': queue count " + queues
          + " outside 1..1024");
    }
    Set<String> masters = clusterInfo().masters();
    if (masters.isEmpty()) {
      throw new ClientException("create topic '" + t + "': no live broker master");
    }
    for (String m : masters) {
      call(m, RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC).putExtField("topic", t)
          .putExtField("defaultTopic", NameRules.AUTO_CREATE_TOPIC_KEY_TOPIC)
          .putExtField("readQueueNums", queues).putExtField("writeQueueNums", queues)
          .putExtField("perm", 6).putExtField("topicFilterType", "SINGLE_TAG")
          .putExtField("topicSysFlag", 0).putExtField("order", false)
          .putExtField("attributes", ""), "create topic '" + t + "'");
    }
  }

  /** Deletes {@code topic} from every broker master, then from every NameServer. */
  public void deleteTopic(String topic) {
    String t = runtime.config().wrap(topic);
    for (String m : clusterInfo().masters()) {
      call(m, RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER).putExtField("topic", t),
          "delete topic '" + t + "'");
    }
    for (String ns : runtime.config().namesrvAddresses()) {
      call(ns, RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_NAMESRV).putExtField("topic", t),
          "delete topic '" + t + "' from the NameServer");
    }
  }

  /** Every topic the NameServer knows, system topics included. */
  public Set<String> listTopics() {
    RemotingCommand r = callNamesrv(
        RemotingCommand.request(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER), "topic list");
    try {
      Set<String> out = new TreeSet<>();
      JSON.readTree(r.body()).path("topicList").forEach(n -> out.add(n.asText()));
      return Collections.unmodifiableSet(out);
    } catch (IOException e) {
      throw new ClientException("topic list is malformed: " + e.getMessage(), e);
    }
  }

  /** The readable queues of {@code topic}, freshly read from the NameServer; empty if none. */
  public List<MessageQueue> queues(String topic) {
    String t = runtime.config().wrap(topic);
    Optional<TopicRoute> route = runtime.routes().fetch(t).join();
    List<MessageQueue> out = new ArrayList<>(route.map(r -> r.subscribeQueues(t)).orElse(List.of()));
    Collections.sort(out);
    return out;
  }

  private String master(MessageQueue q) {
    String m = runtime.routes().require(q.topic(), runtime.timeoutMillis())
        .masterAddress(q.brokerName());
    if (m == null) {
      throw new ClientException(q + " has no master");
    }
    return m;
  }

  private long offset(int code, MessageQueue q, String what) {
    RemotingCommand r = call(master(q), RemotingCommand.request(code).putExtField("topic", q.topic())
        .putExtField("queueId", q.queueId()), what + " of " + q);
    return Long.parseLong(r.extField("offset"));
  }

  /** The next offset to be written to {@code queue}. */
  public long maxOffset(MessageQueue queue) {
    return offset(RequestCode.GET_MAX_OFFSET, queue, "max offset");
  }

  /** The smallest offset still stored in {@code queue}. */
  public long minOffset(MessageQueue queue) {
    return offset(RequestCode.GET_MIN_OFFSET, queue, "min offset");
  }

  /** The offset {@code group} committed for {@code queue}, or -1 when none. */
  public long committedOffset(String group, MessageQueue queue) {
    String g = runtime.config().wrap(group);
    String address = master(queue);
    try {
      RemotingCommand r = runtime.remoting().invokeSync(address,
          RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET).putExtField("consumerGroup", g)
              .putExtField("topic", queue.topic()).putExtField("queueId", queue.queueId())
              .putExtField("setZeroIfNotFound", false), runtime.timeoutMillis());
      if (r.code() == ResponseCode.QUERY_NOT_FOUND) {
        return -1;
      }
      if (r.code() != ResponseCode.SUCCESS) {
        throw new BrokerException(r.code(), r.remark(), address, "offset of " + g + " on " + queue);
      }
      return Long.parseLong(r.extField("offset"));
    } catch (RemotingException e) {
      throw new ClientException("offset of " + g + " on " + queue + " via " + address + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("interrupted", e);
    }
  }

  /**
   * Messages of {@code topic} not yet consumed by {@code group}: per queue, max offset minus the
   * committed offset (or minus the min offset when nothing is committed).
   */
  public long lag(String group, String topic) {
    long lag = 0;
    for (MessageQueue q : queues(topic)) {
      long max = maxOffset(q);
      long committed = committedOffset(group, q);
      lag += Math.max(0, max - (committed >= 0 ? committed : minOffset(q)));
    }
    return lag;
  }

  /**
   * Re-sends a dead letter of {@code group} (from {@code %DLQ%<group>}) to its original topic with
   * the Apogee request {@code APOGEE_RESEND_DEAD_LETTER} (61001). Each broker holding the group's
   * dead-letter topic is asked in turn until one has the letter.
   *
   * @param msgId the message id consumers saw (unique key) or the letter's offset message id
   * @throws BrokerException when no broker has it (code {@code QUERY_NOT_FOUND}) or one refuses
   * @throws ClientException when the group has no dead-letter topic or no broker is reachable
   */
  public ResentMessage resendDeadLetter(String group, String msgId) {
    String g = runtime.config().wrap(group);
    String dlq = NameRules.dlqTopic(g);
    TopicRoute route = runtime.routes().fetch(dlq).join().orElseThrow(() ->
        new ClientException("group " + g + " has no dead-letter topic " + dlq));
    BrokerException notFound = null;
    for (TopicRoute.QueueData qd : route.queueDatas()) {
      String address = route.masterAddress(qd.brokerName());
      if (address == null) {
        continue;
      }
      try {
        RemotingCommand r = call(address,
            RemotingCommand.request(RequestCode.APOGEE_RESEND_DEAD_LETTER).putExtField("group", g)
                .putExtField("msgId", msgId), "re-send of dead letter " + msgId + " of " + g);
        return new ResentMessage(address, r.extField("topic"),
            Integer.parseInt(r.extField("queueId")), Long.parseLong(r.extField("queueOffset")),
            r.extField("msgId"));
      } catch (BrokerException e) {
        if (e.code() != ResponseCode.QUERY_NOT_FOUND && e.code() != ResponseCode.TOPIC_NOT_EXIST) {
          throw e;
        }
        notFound = e;
      }
    }
    if (notFound != null) {
      throw notFound;
    }
    throw new ClientException("no master broker serves " + dlq);
  }

  @Override
  public void close() {
    // owns nothing; the ApogeeClient owns the connections
  }
}
