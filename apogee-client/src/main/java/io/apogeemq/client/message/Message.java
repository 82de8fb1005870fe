package io.apogeemq.client.message;

import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.common.name.NameRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send: topic, optional tags and keys, body, user properties, and either a delay
 * level or an exact delivery time, optionally a sharding key for ordered sending.
 *
 * <p>Immutable and thread-safe, with one caveat kept for speed: the body array is taken over from
 * the builder, not copied, and {@link #body()} returns it as is. Neither side may modify it.
 */
public final class Message {

  private final String topic;
  private final String tags;
  private final List<String> keys;
  private final byte[] body;
  private final Map<String, String> properties;
  private final int delayLevel;
  private final long deliveryTimeMillis;
  private final String shardingKey;
  private final int flag;
  private final boolean waitStoreOk;

  private Message(Builder b) {
    this.topic = b.topic;
    this.tags = b.tags;
    this.keys = List.copyOf(b.keys);
    this.body = b.body;
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    this.delayLevel = b.delayLevel;
    this.deliveryTimeMillis = b.deliveryTimeMillis;
    this.shardingKey = b.shardingKey;
    this.flag = b.flag;
    this.waitStoreOk = b.waitStoreOk;
  }

  /** A builder for a message to {@code topic}. */
  public static Builder builder(String topic) {
    return new Builder(topic);
  }

  /** Shorthand for a message with only a topic and a body. */
  public static Message of(String topic, byte[] body) {
    return builder(topic).body(body).build();
  }

  /** A builder holding this message's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(topic);
    b.tags = tags;
    b.keys = keys;
    b.body = body;
    b.properties.putAll(properties);
    b.delayLevel = delayLevel;
    b.deliveryTimeMillis = deliveryTimeMillis;
    b.shardingKey = shardingKey;
    b.flag = flag;
    b.waitStoreOk = waitStoreOk;
    return b;
  }

  public String topic() {
    return topic;
  }

  /** The tag, or {@code null}. */
  public String tags() {
    return tags;
  }

  /** The keys (indexed by the broker for query by key); empty when none. */
  public List<String> keys() {
    return keys;
  }

  /** The body; do not modify the returned array. */
  public byte[] body() {
    return body;
  }

  /** User properties, in insertion order. */
  public Map<String, String> properties() {
    return properties;
  }

  /** Delay level 1..n of the broker's {@code messageDelayLevel} table, or 0 for none. */
  public int delayLevel() {
    return delayLevel;
  }

  /** Exact delivery time in epoch milliseconds (5.x timer messages), or 0 for none. */
  public long deliveryTimeMillis() {
    return deliveryTimeMillis;
  }

  /** The sharding key for ordered sending, or {@code null}. */
  public String shardingKey() {
    return shardingKey;
  }

  /** The user flag carried in the record. */
  public int flag() {
    return flag;
  }

  /** Whether the broker answers only after flush/replication as configured (default true). */
  public boolean waitStoreOk() {
    return waitStoreOk;
  }

  @Override
  public String toString() {
    return "Message[topic=" + topic + (tags == null ? "" : ", tags=" + tags)
        + (keys.isEmpty() ? "" : ", keys=" + keys) + ", bodyLength=" + body.length
        + (properties.isEmpty() ? "" : ", properties=" + properties)
        + (delayLevel == 0 ? "" : ", delayLevel=" + delayLevel)
        + (deliveryTimeMillis == 0 ? "" : ", deliveryTime=" + deliveryTimeMillis)
        + (shardingKey == null ? "" : ", shardingKey=" + shardingKey) + "]";
  }

  /** Builds a {@link Message}; validates on {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private final String topic;
    private String tags;
    private List<String> keys = List.of();
    private byte[] body;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private int delayLevel;
    private long deliveryTimeMillis;
    private String shardingKey;
    private int flag;
    private boolean waitStoreOk = true;

    private Builder(String topic) {
      this.topic = topic;
    }

    public Builder tags(String tags) {
      this.tags = tags;
      return this;
    }

    public Builder keys(String... keys) {
      this.keys = List.of(keys);
      return this;
    }

    public Builder keys(List<String> keys) {
      this.keys = List.copyOf(keys);
      return this;
    }

    /** Takes the array over (no copy): do not modify it after this call. */
    public Builder body(byte[] body) {
      this.body = body;
      return this;
    }

    /** The UTF-8 bytes of {@code text}. */
    public Builder body(String text) {
      this.body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** Adds a user property; reserved system names are refused by {@link #build()}. */
    public Builder property(String name, String value) {
      properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Delay level (1 = 1 s ... 18 = 2 h with the default table); 0 clears it. */
    public Builder delayLevel(int level) {
      this.delayLevel = level;
      return this;
    }

    /** Exact delivery time (5.x brokers); clears nothing else. */
    public Builder deliveryTime(Instant at) {
      this.deliveryTimeMillis = at.toEpochMilli();
      return this;
    }

    /** Messages with the same sharding key go to the same queue, in send order. */
    public Builder shardingKey(String key) {
      this.shardingKey = key;
      return this;
    }

    public Builder flag(int flag) {
      this.flag = flag;
      return this;
    }

    public Builder waitStoreOk(boolean wait) {
      this.waitStoreOk = wait;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the problem: bad topic, missing or empty body,
     *     reserved or malformed property, negative delay, both delay level and delivery time
     */
    public Message build() {
      if (topic == null) {
        throw new IllegalArgumentException("message topic is null");
      }
      NameRules.topicProblem(topic).ifPresent(p -> {
        throw new IllegalArgumentException("topic '" + topic + "': " + p);
      });
      if (NameRules.isSendForbidden(topic)) {
        throw new IllegalArgumentException("topic '" + topic + "' is a system topic nobody may send to");
      }
      if (body == null || body.length == 0) {
        throw new IllegalArgumentException("message to topic '" + topic + "' has no body");
      }
      if (delayLevel < 0) {
        throw new IllegalArgumentException("delay level " + delayLevel + " is negative");
      }
      if (delayLevel > 0 && deliveryTimeMillis > 0) {
        throw new IllegalArgumentException("message to '" + topic
            + "' has both a delay level and a delivery time; choose one");
      }
      for (Map.Entry<String, String> e : properties.entrySet()) {
        if (PropertyKeys.RESERVED.contains(e.getKey())) {
          throw new IllegalArgumentException("property '" + e.getKey()
              + "' is reserved for the system; use the builder method for it");
        }
        if (hasSeparator(e.getKey()) || hasSeparator(e.getValue()) || e.getKey().isEmpty()
            || e.getValue().isEmpty()) {
          throw new IllegalArgumentException("property '" + e.getKey()
              + "' is empty or contains a \\u0001/\\u0002 separator");
        }
      }
      for (String k : keys) {
        if (k.isEmpty() || k.indexOf(' ') >= 0 || hasSeparator(k)) {
          throw new IllegalArgumentException("key '" + k + "' is empty or contains a space or separator");
        }
      }
      if (tags != null && (tags.isEmpty() || hasSeparator(tags))) {
        throw new IllegalArgumentException("tags '" + tags + "' is empty or contains a separator");
      }
      return new Message(this);
    }

    private static boolean hasSeparator(String s) {
      return s.indexOf('\u0001') >= 0 || s.indexOf('\u0002') >= 0;
    }
  }
}
