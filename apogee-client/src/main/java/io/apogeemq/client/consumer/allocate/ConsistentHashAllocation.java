package io.apogeemq.client.consumer.allocate;

import io.apogeemq.client.message.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code CONSISTENT_HASH}: a ring of {@code virtualNodes} points per consumer (key
 * {@code <clientId>-<k>}); each queue (key {@code MessageQueue [topic=T, brokerName=B, queueId=Q]},
 * the official {@code MessageQueue.toString()}) belongs to the first point clockwise from its hash.
 * Hash: the first 4 bytes of MD5 over the UTF-8 key, big-endian, unsigned.
 */
final class ConsistentHashAllocation implements AllocationStrategy {

  static final int DEFAULT_VIRTUAL_NODES = 10;

  private final int virtualNodes;

  ConsistentHashAllocation(int virtualNodes) {
    if (virtualNodes < 1) {
      throw new IllegalArgumentException("virtualNodes must be >= 1, was " + virtualNodes);
    }
    this.virtualNodes = virtualNodes;
  }

  @Override
  public List<MessageQueue> allocate(String consumerId, List<MessageQueue> queues,
      List<String> consumerIds) {
    if (!consumerIds.contains(consumerId)) {
      return List.of();
    }
    TreeMap<Long, String> ring = new TreeMap<>();
    MessageDigest md5 = md5();
    for (String cid : consumerIds) {
      for (int k = 0; k < virtualNodes; k++) {
        ring.put(hash(md5, cid + "-" + k), cid);
      }
    }
    List<MessageQueue> out = new ArrayList<>();
    for (MessageQueue q : queues) {
      long h = hash(md5, "MessageQueue [topic=" + q.topic() + ", brokerName=" + q.brokerName()
          + ", queueId=" + q.queueId() + "]");
      Map.Entry<Long, String> owner = ring.ceilingEntry(h);
      if (owner == null) {
        owner = ring.firstEntry();
      }
      if (owner.getValue().equals(consumerId)) {
        out.add(q);
      }
    }
    return List.copyOf(out);
  }

  static long hash(MessageDigest md5, String key) {
    md5.reset();
    byte[] d = md5.digest(key.getBytes(StandardCharsets.UTF_8));
    return ((long) (d[0] & 0xFF) << 24) | ((long) (d[1] & 0xFF) << 16)
        | ((long) (d[2] & 0xFF) << 8) | (d[3] & 0xFF);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  @Override
  public String name() {
    return "CONSISTENT_HASH";
  }
}
