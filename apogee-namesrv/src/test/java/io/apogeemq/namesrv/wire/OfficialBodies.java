package io.apogeemq.namesrv.wire;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.remoting.protocol.DataVersion;
import org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.remoting.protocol.body.TopicConfigAndMappingSerializeWrapper;

/** Builds REGISTER_BROKER bodies with the official 5.3.3 classes, exactly as brokers do. */
public final class OfficialBodies {

  private OfficialBodies() {}

  /** An official body with {@code topics} topics named {@code prefix0..}, each with {@code queues} queues. */
  public static RegisterBrokerBody registerBody(String prefix, int topics, int queues, long counter) {
    ConcurrentHashMap<String, TopicConfig> table = new ConcurrentHashMap<>();
    for (int i = 0; i < topics; i++) {
      TopicConfig tc = new TopicConfig(prefix + i, queues, queues, 6);
      table.put(tc.getTopicName(), tc);
    }
    DataVersion v = new DataVersion();
    v.setCounter(new AtomicLong(counter));
    v.setTimestamp(1_700_000_000_000L);
    TopicConfigAndMappingSerializeWrapper w = new TopicConfigAndMappingSerializeWrapper();
    w.setTopicConfigTable(table);
    w.setDataVersion(v);
    RegisterBrokerBody body = new RegisterBrokerBody();
    body.setTopicConfigSerializeWrapper(w);
    body.setFilterServerList(List.of());
    return body;
  }
}
