package io.apogeemq.namesrv.processor;

import io.apogeemq.namesrv.config.LiveNamesrvConfig;
import io.apogeemq.namesrv.route.Perm;
import io.apogeemq.namesrv.route.RouteTable;
import io.apogeemq.namesrv.wire.SmallBodies;
import java.util.Objects;

/**
 * Topic list queries: all topics (206), by cluster (224), system names (304) and the unit-topic
 * lists (311, 312, 313). Thread-safe.
 */
public final class TopicListProcessor implements RequestProcessor {

  private final RouteTable routes;
  private final LiveNamesrvConfig config;

  public TopicListProcessor(RouteTable routes, LiveNamesrvConfig config) {
    this.routes = Objects.requireNonNull(routes);
    this.config = Objects.requireNonNull(config);
  }

  @Override
  public NamesrvReply process(NamesrvRequest r) throws BadRequestException {
    if (r.code() == NamesrvCodes.GET_ALL_TOPIC_LIST_FROM_NAMESERVER) {
      if (!config.get().enableAllTopicList()) {
        return NamesrvReply.error(NamesrvCodes.SYSTEM_ERROR, "disable");
      }
      return NamesrvReply.success(SmallBodies.topicList(routes.allTopics(), null));
    }
    if (r.code() == NamesrvCodes.GET_SYSTEM_TOPIC_LIST_FROM_NS) {
      return NamesrvReply.success(SmallBodies.topicList(routes.clusterAndBrokerNames(), routes.anyBrokerAddr()));
    }
    if (!config.get().enableTopicList()) {
      return NamesrvReply.error(NamesrvCodes.SYSTEM_ERROR, "disable");
    }
    return switch (r.code()) {
      case NamesrvCodes.GET_TOPICS_BY_CLUSTER ->
          NamesrvReply.success(SmallBodies.topicList(routes.topicsOfCluster(r.required("cluster")), null));
      case NamesrvCodes.GET_UNIT_TOPIC_LIST ->
          NamesrvReply.success(SmallBodies.topicList(routes.topicsWithSysFlag(f -> (f & Perm.FLAG_UNIT) != 0), null));
      case NamesrvCodes.GET_HAS_UNIT_SUB_TOPIC_LIST ->
          NamesrvReply.success(SmallBodies.topicList(routes.topicsWithSysFlag(f -> (f & Perm.FLAG_UNIT_SUB) != 0), null));
      case NamesrvCodes.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST ->
          NamesrvReply.success(SmallBodies.topicList(
              routes.topicsWithSysFlag(f -> (f & Perm.FLAG_UNIT_SUB) != 0 && (f & Perm.FLAG_UNIT) == 0), null));
      default -> throw new IllegalArgumentException("not a topic list request: " + r.code());
    };
  }
}
