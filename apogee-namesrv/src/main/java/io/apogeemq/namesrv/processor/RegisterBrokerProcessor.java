package io.apogeemq.namesrv.processor;

import io.apogeemq.namesrv.config.LiveNamesrvConfig;
import io.apogeemq.namesrv.kv.KvConfigStore;
import io.apogeemq.namesrv.route.BrokerAddrKey;
import io.apogeemq.namesrv.route.BrokerRegistration;
import io.apogeemq.namesrv.route.DataVersion;
import io.apogeemq.namesrv.route.QueueData;
import io.apogeemq.namesrv.route.RegisterResult;
import io.apogeemq.namesrv.route.RouteTable;
import io.apogeemq.namesrv.wire.MalformedBodyException;
import io.apogeemq.namesrv.wire.RegisterBody;
import io.apogeemq.namesrv.wire.RegisterBodyDecoder;
import io.apogeemq.namesrv.wire.SmallBodies;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker-facing requests: {@code REGISTER_BROKER} (103), {@code UNREGISTER_BROKER} (104),
 * {@code QUERY_DATA_VERSION} (322), and the 5.x {@code REGISTER_TOPIC_IN_NAMESRV} (217) and
 * {@code BROKER_HEARTBEAT} (904). Thread-safe (state lives in the route table and KV store).
 */
public final class RegisterBrokerProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterBrokerProcessor.class);
  /** Expiry of a broker that does not say otherwise. */
  public static final long DEFAULT_BROKER_TIMEOUT_MILLIS = 120_000;

  private final RouteTable routes;
  private final KvConfigStore kv;
  private final LiveNamesrvConfig config;
  private final Clock clock;

  public RegisterBrokerProcessor(RouteTable routes, KvConfigStore kv, LiveNamesrvConfig config, Clock clock) {
    this.routes = Objects.requireNonNull(routes);
    this.kv = Objects.requireNonNull(kv);
    this.config = Objects.requireNonNull(config);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public NamesrvReply process(NamesrvRequest request) throws BadRequestException {
    return switch (request.code()) {
      case NamesrvCodes.REGISTER_BROKER -> register(request);
      case NamesrvCodes.UNREGISTER_BROKER -> unregister(request);
      case NamesrvCodes.QUERY_DATA_VERSION -> queryDataVersion(request);
      case NamesrvCodes.REGISTER_TOPIC_IN_NAMESRV -> registerTopic(request);
      case NamesrvCodes.BROKER_HEARTBEAT -> heartbeat(request);
      default -> throw new IllegalArgumentException("not a broker request: " + request.code());
    };
  }

  private NamesrvReply register(NamesrvRequest r) throws BadRequestException {
    String brokerName = r.required("brokerName");
    String brokerAddr = r.required("brokerAddr");
    String cluster = r.required("clusterName");
    long brokerId = r.requiredLong("brokerId");
    String haServerAddr = r.optional("haServerAddr");
    long timeout = r.optionalLong("heartbeatTimeoutMillis", DEFAULT_BROKER_TIMEOUT_MILLIS);
    if (timeout <= 0) {
      timeout = DEFAULT_BROKER_TIMEOUT_MILLIS;
    }
    byte[] body = r.body() == null ? new byte[0] : r.body();
    long crc = r.optionalLong("bodyCrc32", 0);
    if (crc != 0 && RegisterBodyDecoder.crc32(body) != crc) {
      LOG.warn("Register from broker {} ({}) in cluster {} via {}: body CRC mismatch", brokerName, brokerAddr, cluster, r.peer());
      return NamesrvReply.error(NamesrvCodes.SYSTEM_ERROR, "crc32 not match");
    }
    RegisterBody decoded;
    try {
      decoded = RegisterBodyDecoder.decode(body, r.flag("compressed"), r.version());
    } catch (MalformedBodyException e) {
      throw new BadRequestException(
          "register of broker " + brokerName + " (" + brokerAddr + ", cluster " + cluster + "): " + e.getMessage(), e);
    }
    BrokerRegistration reg =
        new BrokerRegistration(
            cluster,
            brokerName,
            brokerAddr,
            brokerId,
            haServerAddr,
            r.optional("__ZONE_NAME"),
            timeout,
            r.flag("enableActingMaster"),
            decoded.dataVersion(),
            decoded.topics(),
            decoded.filterServers(),
            r.connection());
    RegisterResult result = routes.register(reg, clock.millis());
    LOG.debug("Registered broker {}[{}] {} in {}: {} topics", brokerName, brokerId, brokerAddr, cluster,
        decoded.topics() == null ? "no" : decoded.topics().size());

    Map<String, String> fields = new HashMap<>();
    if (result.masterAddr() != null) {
      fields.put("masterAddr", result.masterAddr());
    }
    if (result.haServerAddr() != null) {
      fields.put("haServerAddr", result.haServerAddr());
    }
    byte[] replyBody = null;
    if (config.get().returnOrderTopicConfigToBroker()) {
      Map<String, String> order = kv.namespace(NamesrvCodes.ORDER_TOPIC_CONFIG);
      if (!order.isEmpty()) {
        replyBody = SmallBodies.kvTable(order);
      }
    }
    return NamesrvReply.success(fields, replyBody);
  }

  private NamesrvReply unregister(NamesrvRequest r) throws BadRequestException {
    String brokerName = r.required("brokerName");
    String brokerAddr = r.required("brokerAddr");
    String cluster = r.required("clusterName");
    boolean known = routes.unregister(cluster, brokerAddr, brokerName);
    LOG.info("Unregistered broker {} ({}) of cluster {}{}", brokerName, brokerAddr, cluster, known ? "" : " (was not registered)");
    return NamesrvReply.success();
  }

  private NamesrvReply registerTopic(NamesrvRequest r) throws BadRequestException {
    String topic = r.required("topic");
    List<QueueData> queueDatas;
    try {
      queueDatas = SmallBodies.parseQueueDatas(r.body());
    } catch (MalformedBodyException e) {
      throw new BadRequestException("register of topic " + topic + " from " + r.peer() + ": " + e.getMessage(), e);
    }
    int applied = routes.registerTopic(topic, queueDatas);
    LOG.debug("Registered topic {} from {}: {} of {} queue datas applied", topic, r.peer(), applied, queueDatas.size());
    return NamesrvReply.success();
  }

  private NamesrvReply heartbeat(NamesrvRequest r) throws BadRequestException {
    String brokerAddr = r.required("brokerAddr");
    String cluster = r.required("clusterName");
    if (!routes.touch(new BrokerAddrKey(cluster, brokerAddr), clock.millis())) {
      LOG.debug("Heartbeat from unregistered broker {} of cluster {} ignored", brokerAddr, cluster);
    }
    return NamesrvReply.success();
  }

  private NamesrvReply queryDataVersion(NamesrvRequest r) throws BadRequestException {
    String brokerAddr = r.required("brokerAddr");
    String cluster = r.required("clusterName");
    DataVersion theirs;
    try {
      theirs = SmallBodies.parseDataVersion(r.body());
    } catch (MalformedBodyException e) {
      throw new BadRequestException("data version query of broker " + brokerAddr + ": " + e.getMessage(), e);
    }
    Optional<DataVersion> ours = routes.touchAndGetDataVersion(new BrokerAddrKey(cluster, brokerAddr), clock.millis());
    boolean changed = ours.map(v -> !v.equals(theirs)).orElse(true);
    return NamesrvReply.success(
        Map.of("changed", Boolean.toString(changed)), ours.map(SmallBodies::dataVersion).orElse(null));
  }
}
