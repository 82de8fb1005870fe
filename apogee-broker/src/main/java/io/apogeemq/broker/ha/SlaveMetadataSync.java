package io.apogeemq.broker.ha;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.broker.offset.ConsumerOffsetTable;
import io.apogeemq.broker.subscription.SubscriptionGroupConfig;
import io.apogeemq.broker.subscription.SubscriptionGroupRegistry;
import io.apogeemq.broker.topic.Perm;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicConfigRegistry;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A slave's periodic copy of its master's metadata (storage.md §15.1) over the remoting protocol:
 * topics ({@code GET_ALL_TOPIC_CONFIG}), consumer offsets ({@code GET_ALL_CONSUMER_OFFSET}) and
 * subscription groups ({@code GET_ALL_SUBSCRIPTIONGROUP_CONFIG}). Like the reference slave, the
 * master's values overwrite the slave's (offsets a consumer committed to the slave while the
 * master was away are re-committed to the master by the consumer itself, which keeps them in
 * memory); entries only the slave has are kept. Delay offsets ({@code GET_ALL_DELAY_OFFSET}) are
 * not copied: this broker has no delay-level progress file yet.
 *
 * <p>Thread-safety: {@link #syncOnce} is called from one scheduler thread only.
 */
final class SlaveMetadataSync {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES, true);

  private final RemotingClient client;
  private final TopicConfigRegistry topics;
  private final ConsumerOffsetTable offsets;
  private final SubscriptionGroupRegistry groups;
  private final long timeoutMillis;

  SlaveMetadataSync(RemotingClient client, TopicConfigRegistry topics, ConsumerOffsetTable offsets,
      SubscriptionGroupRegistry groups, long timeoutMillis) {
    this.client = client;
    this.topics = topics;
    this.offsets = offsets;
    this.groups = groups;
    this.timeoutMillis = timeoutMillis;
  }

  /** Copies everything from the master at {@code masterAddr}; throws on the first failure. */
  void syncOnce(String masterAddr) throws IOException, InterruptedException {
    applyTopics(fetch(masterAddr, RequestCode.GET_ALL_TOPIC_CONFIG));
    applyOffsets(fetch(masterAddr, RequestCode.GET_ALL_CONSUMER_OFFSET));
    applyGroups(fetch(masterAddr, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG));
  }

  private JsonNode fetch(String addr, int code) throws IOException, InterruptedException {
    RemotingCommand response;
    try {
      response = client.invokeSync(addr, RemotingCommand.request(code), timeoutMillis);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("request " + code + " to master " + addr + " failed: " + e, e);
    }
    if (response.code() != ResponseCode.SUCCESS || response.body() == null) {
      throw new IOException("master " + addr + " answered request " + code + " with code "
          + response.code() + " (" + response.remark() + ")");
    }
    return JSON.readTree(response.body());
  }

  /** Creates or updates every topic the master has (returns how many changed). */
  int applyTopics(JsonNode root) {
    int changed = 0;
    Iterator<Map.Entry<String, JsonNode>> it = root.path("topicConfigTable").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode n = e.getValue();
      Map<String, String> attrs = new LinkedHashMap<>();
      n.path("attributes").fields()
          .forEachRemaining(a -> attrs.put(a.getKey(), a.getValue().asText()));
      TopicConfig t = new TopicConfig(n.path("topicName").asText(e.getKey()),
          n.path("readQueueNums").asInt(), n.path("writeQueueNums").asInt(),
          n.path("perm").asInt(Perm.READ_WRITE), n.path("topicFilterType").asText("SINGLE_TAG"),
          n.path("topicSysFlag").asInt(0), n.path("order").asBoolean(false), attrs);
      if (!t.equals(topics.get(t.topicName()))) {
        topics.put(t);
        changed++;
      }
    }
    return changed;
  }

  /** Overwrites the offsets the master has (returns how many queue offsets differed). */
  int applyOffsets(JsonNode root) {
    int changed = 0;
    Iterator<Map.Entry<String, JsonNode>> it = root.path("offsetTable").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      int at = e.getKey().lastIndexOf(ConsumerOffsetTable.KEY_SEPARATOR);
      if (at <= 0 || at == e.getKey().length() - 1) {
        continue;
      }
      String topic = e.getKey().substring(0, at);
      String group = e.getKey().substring(at + 1);
      Iterator<Map.Entry<String, JsonNode>> queues = e.getValue().fields();
      while (queues.hasNext()) {
        Map.Entry<String, JsonNode> q = queues.next();
        int queueId;
        try {
          queueId = Integer.parseInt(q.getKey());
        } catch (NumberFormatException bad) {
          continue;
        }
        long offset = q.getValue().asLong(-1);
        if (offset < 0) {
          continue;
        }
        Long mine = offsets.query(group, topic, queueId).isPresent()
            ? offsets.query(group, topic, queueId).getAsLong() : null;
        if (!Objects.equals(mine, offset)) {
          offsets.commit(group, topic, queueId, offset);
          changed++;
        }
      }
    }
    return changed;
  }

  /** Creates or updates every subscription group the master has (returns how many changed). */
  int applyGroups(JsonNode root) throws IOException {
    int changed = 0;
    Iterator<Map.Entry<String, JsonNode>> it = root.path("subscriptionGroupTable").fields();
    Map<String, SubscriptionGroupConfig> mine = new HashMap<>();
    for (SubscriptionGroupConfig c : groups.all()) {
      mine.put(c.groupName(), c);
    }
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isObject()) {
        continue;
      }
      ObjectNode merged = JSON.valueToTree(SubscriptionGroupConfig.defaults(e.getKey()));
      merged.setAll((ObjectNode) e.getValue());
      SubscriptionGroupConfig c = JSON.treeToValue(merged, SubscriptionGroupConfig.class);
      if (!c.equals(mine.get(c.groupName()))) {
        groups.update(c);
        changed++;
      }
    }
    return changed;
  }
}
