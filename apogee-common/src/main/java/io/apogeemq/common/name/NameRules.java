package io.apogeemq.common.name;

import java.util.Optional;
import java.util.Set;

/**
 * Topic and group naming rules and reserved names (messages.md §7). Pure validators: each check
 * returns the reason a name is refused, or empty when it is fine.
 */
public final class NameRules {

  public static final int TOPIC_MAX_LENGTH = 127;
  public static final int GROUP_MAX_LENGTH = 255;

  public static final String RETRY_GROUP_TOPIC_PREFIX = "%RETRY%";
  public static final String DLQ_GROUP_TOPIC_PREFIX = "%DLQ%";
  public static final String LMQ_PREFIX = "%LMQ%";
  public static final String SYSTEM_TOPIC_PREFIX = "rmq_sys_";
  public static final String REPLY_TOPIC_POSTFIX = "REPLY_TOPIC";
  public static final String AUTO_CREATE_TOPIC_KEY_TOPIC = "TBW102";
  public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
  public static final String TRANS_HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
  public static final String TRANS_OP_HALF_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
  public static final String TRANS_CHECK_MAX_TIME_TOPIC = "TRANS_CHECK_MAX_TIME_TOPIC";
  public static final String SELF_TEST_TOPIC = "SELF_TEST_TOPIC";
  public static final String OFFSET_MOVED_EVENT = "OFFSET_MOVED_EVENT";
  public static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
  public static final String BENCHMARK_TOPIC = "BenchmarkTest";
  public static final String CHECKPOINT_TOPIC = "CHECKPOINT_TOPIC";

  /** Topics nobody may send to (broker answers NO_PERMISSION). */
  public static final Set<String> SEND_FORBIDDEN_TOPICS = Set.of(SCHEDULE_TOPIC, TRANS_HALF_TOPIC,
      TRANS_OP_HALF_TOPIC, TRANS_CHECK_MAX_TIME_TOPIC, SELF_TEST_TOPIC, OFFSET_MOVED_EVENT);

  /** System topics (sendable or not). */
  public static final Set<String> SYSTEM_TOPICS = Set.of(AUTO_CREATE_TOPIC_KEY_TOPIC,
      SCHEDULE_TOPIC, TRANS_HALF_TOPIC, TRANS_OP_HALF_TOPIC, TRANS_CHECK_MAX_TIME_TOPIC,
      SELF_TEST_TOPIC, OFFSET_MOVED_EVENT, TRACE_TOPIC, BENCHMARK_TOPIC, CHECKPOINT_TOPIC);

  /** Internal group names. */
  public static final Set<String> SYSTEM_GROUPS = Set.of("DEFAULT_PRODUCER", "DEFAULT_CONSUMER",
      "CLIENT_INNER_PRODUCER", "TOOLS_CONSUMER", "FILTERSRV_CONSUMER", "__MONITOR_CONSUMER",
      "SCHEDULE_CONSUMER", "SELF_TEST_P_GROUP", "SELF_TEST_C_GROUP", "CID_RMQ_SYS_TRANS",
      "CID_ONS-HTTP-PROXY");

  private NameRules() {}

  /** Why a topic name is refused for a normal send/create, or empty. */
  public static Optional<String> topicProblem(String topic) {
    return nameProblem("topic", topic, TOPIC_MAX_LENGTH);
  }

  /**
   * Like {@link #topicProblem} but accepts the long names of retry/DLQ topics derived from group
   * names (up to {@code 7 + 255} characters).
   */
  public static Optional<String> storedTopicProblem(String topic) {
    return nameProblem("topic", topic, RETRY_GROUP_TOPIC_PREFIX.length() + GROUP_MAX_LENGTH);
  }

  /** Why a group name is refused, or empty. */
  public static Optional<String> groupProblem(String group) {
    return nameProblem("group", group, GROUP_MAX_LENGTH);
  }

  public static boolean isSendForbidden(String topic) {
    return SEND_FORBIDDEN_TOPICS.contains(topic);
  }

  public static boolean isSystemTopic(String topic) {
    return SYSTEM_TOPICS.contains(topic) || topic.startsWith(SYSTEM_TOPIC_PREFIX);
  }

  public static boolean isSystemGroup(String group) {
    return SYSTEM_GROUPS.contains(group) || group.startsWith("CID_RMQ_SYS_")
        || group.startsWith("CID_ONSAPI_");
  }

  public static boolean isRetryTopic(String topic) {
    return topic.startsWith(RETRY_GROUP_TOPIC_PREFIX);
  }

  public static boolean isDlqTopic(String topic) {
    return topic.startsWith(DLQ_GROUP_TOPIC_PREFIX);
  }

  public static String retryTopic(String group) {
    return RETRY_GROUP_TOPIC_PREFIX + group;
  }

  public static String dlqTopic(String group) {
    return DLQ_GROUP_TOPIC_PREFIX + group;
  }

  private static Optional<String> nameProblem(String kind, String name, int maxLength) {
    if (name == null || name.isBlank()) {
      return Optional.of("the " + kind + " name is blank");
    }
    if (name.length() > maxLength) {
      return Optional.of("the " + kind + " name '" + name.substring(0, 20) + "...' is "
          + name.length() + " characters, the limit is " + maxLength);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '%' || c == '|' || c == '_' || c == '-';
      if (!ok) {
        return Optional.of("the " + kind + " name '" + name + "' contains illegal character '"
            + c + "' at " + i + "; allowed: [%|a-zA-Z0-9_-]");
      }
    }
    return Optional.empty();
  }
}
