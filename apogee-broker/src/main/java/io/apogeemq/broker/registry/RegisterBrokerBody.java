package io.apogeemq.broker.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apogeemq.broker.topic.TopicConfig;
import io.apogeemq.broker.topic.TopicTable;

/**
 * Encodes the uncompressed JSON body of {@code REGISTER_BROKER} (codes.md §2.4), the form the
 * official 5.3.3 broker sends:
 *
 * <pre>
 * {
 *   "filterServerList": [],
 *   "topicConfigSerializeWrapper": {
 *     "dataVersion": {"counter": n, "stateVersion": 0, "timestamp": ms},
 *     "mappingDataVersion": {"counter": 0, "stateVersion": 0, "timestamp": ms},
 *     "topicConfigTable": {"&lt;topic&gt;": {"attributes": {}, "order": false, "perm": 6,
 *         "readQueueNums": 4, "topicFilterType": "SINGLE_TAG", "topicName": "&lt;topic&gt;",
 *         "topicSysFlag": 0, "writeQueueNums": 4}, ...},
 *     "topicQueueMappingDetailMap": {},
 *     "topicQueueMappingInfoMap": {}
 *   }
 * }
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RegisterBrokerBody {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegisterBrokerBody() {}

  /** The UTF-8 JSON body for {@code table}. */
  public static byte[] encode(TopicTable table) {
    return encode(table, 6, 0);
  }

  /**
   * The body for {@code table} as a broker with {@code brokerPermission} registers it: when the
   * broker lacks read or write permission every topic's perm is masked with it (so clients route
   * around a read-only or write-only broker); {@code stateVersion} goes into the data version so
   * a NameServer sees a permission change as a new topic table.
   */
  public static byte[] encode(TopicTable table, int brokerPermission, long stateVersion) {
    boolean mask = (brokerPermission & 6) != 6;
    ObjectNode root = JSON.createObjectNode();
    root.putArray("filterServerList");
    ObjectNode wrapper = root.putObject("topicConfigSerializeWrapper");
    ObjectNode dv = wrapper.putObject("dataVersion");
    dv.put("counter", table.dataVersion().counter());
    dv.put("stateVersion", stateVersion);
    dv.put("timestamp", table.dataVersion().timestamp());
    ObjectNode mdv = wrapper.putObject("mappingDataVersion");
    mdv.put("counter", 0);
    mdv.put("stateVersion", 0);
    mdv.put("timestamp", table.dataVersion().timestamp());
    ObjectNode topics = wrapper.putObject("topicConfigTable");
    for (TopicConfig t : table.topics().values()) {
      ObjectNode n = topics.putObject(t.topicName());
      ObjectNode attrs = n.putObject("attributes");
      t.attributes().forEach(attrs::put);
      n.put("order", t.order());
      n.put("perm", mask ? t.perm() & brokerPermission : t.perm());
      n.put("readQueueNums", t.readQueueNums());
      n.put("topicFilterType", t.topicFilterType());
      n.put("topicName", t.topicName());
      n.put("topicSysFlag", t.topicSysFlag());
      n.put("writeQueueNums", t.writeQueueNums());
    }
    wrapper.putObject("topicQueueMappingDetailMap");
    wrapper.putObject("topicQueueMappingInfoMap");
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode registration body", e);
    }
  }
}
