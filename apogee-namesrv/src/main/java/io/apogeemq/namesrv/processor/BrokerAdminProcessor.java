package io.apogeemq.namesrv.processor;

import io.apogeemq.namesrv.route.RouteTable;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin changes to routes: {@code WIPE_WRITE_PERM_OF_BROKER} (205), {@code ADD_WRITE_PERM_OF_BROKER}
 * (327) and {@code DELETE_TOPIC_IN_NAMESRV} (216). Thread-safe.
 */
public final class BrokerAdminProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerAdminProcessor.class);

  private final RouteTable routes;

  public BrokerAdminProcessor(RouteTable routes) {
    this.routes = Objects.requireNonNull(routes);
  }

  @Override
  public NamesrvReply process(NamesrvRequest r) throws BadRequestException {
    switch (r.code()) {
      case NamesrvCodes.WIPE_WRITE_PERM_OF_BROKER -> {
        String brokerName = r.required("brokerName");
        int n = routes.changeWritePerm(brokerName, false);
        LOG.info("Wiped write permission of broker {} on {} topics (asked by {})", brokerName, n, r.peer());
        return NamesrvReply.success(Map.of("wipeTopicCount", Integer.toString(n)), null);
      }
      case NamesrvCodes.ADD_WRITE_PERM_OF_BROKER -> {
        String brokerName = r.required("brokerName");
        int n = routes.changeWritePerm(brokerName, true);
        LOG.info("Added write permission of broker {} on {} topics (asked by {})", brokerName, n, r.peer());
        return NamesrvReply.success(Map.of("addTopicCount", Integer.toString(n)), null);
      }
      case NamesrvCodes.DELETE_TOPIC_IN_NAMESRV -> {
        String topic = r.required("topic");
        String cluster = r.optional("clusterName");
        boolean removed = routes.deleteTopic(topic, cluster);
        LOG.info("Delete topic {}{} (asked by {}): {}", topic, cluster == null ? "" : " in cluster " + cluster,
            r.peer(), removed ? "removed" : "was not present");
        return NamesrvReply.success();
      }
      default -> throw new IllegalArgumentException("not a broker admin request: " + r.code());
    }
  }
}
