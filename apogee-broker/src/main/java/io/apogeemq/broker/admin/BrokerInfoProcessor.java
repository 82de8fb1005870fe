package io.apogeemq.broker.admin;

import io.apogeemq.broker.config.BrokerConfig;
import io.apogeemq.broker.config.LiveBrokerConfig;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RemotingVersion;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.store.MessageStore;
import io.apogeemq.store.StoreStats;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Broker-wide information for mqadmin: {@code GET_BROKER_RUNTIME_INFO} (28, codes.md §5.15, a
 * {@code KVTable} of string values) and {@code GET_BROKER_CONFIG} (26, §5.16, the broker.conf
 * keys as properties text).
 *
 * <p>Runtime keys reported: version, activity, boot time and run time, message counters since
 * start (the {@code …TodayNow} keys; the {@code …Morning} snapshots are not kept and therefore
 * left out, which mqadmin tolerates), CommitLog offsets, disk usage ratio of the store
 * directory. Rates ({@code putTps}, {@code getTransferredTps}) are not measured and left out.
 *
 * <p>Thread-safe.
 */
public final class BrokerInfoProcessor implements RequestProcessor {

  private final LiveBrokerConfig live;
  private final BrokerConfig config;
  private final MessageStore store;
  private final Clock clock;
  private final long bootTimestamp;
  private final List<Supplier<Map<String, String>>> extra;

  /** GET_BROKER_CONFIG answers {@code live}'s current configuration. */
  public BrokerInfoProcessor(LiveBrokerConfig live, MessageStore store, Clock clock) {
    this(live, store, clock, List.of());
  }

  /** @param extra more keys, read at every request (e.g. replication status) */
  public BrokerInfoProcessor(LiveBrokerConfig live, MessageStore store, Clock clock,
      List<Supplier<Map<String, String>>> extra) {
    this.extra = extra;
    this.live = live;
    this.config = live.get();
    this.store = store;
    this.clock = clock;
    this.bootTimestamp = clock.millis();
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    return switch (request.code()) {
      case RequestCode.GET_BROKER_RUNTIME_INFO -> RemotingCommand
          .response(ResponseCode.SUCCESS, null).body(runtimeInfo());
      case RequestCode.GET_BROKER_CONFIG -> RemotingCommand.response(ResponseCode.SUCCESS, null)
          .putExtField("version", "{\"counter\":" + live.version() + ",\"stateVersion\":0,\"timestamp\":"
              + bootTimestamp + "}")
          .body(configText());
      default -> throw new CommandException(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
          "request code " + request.code() + " is not a broker info request");
    };
  }

  /** The runtime key/value table, sorted by key. */
  Map<String, String> runtimeTable() {
    Map<String, String> t = new TreeMap<>();
    StoreStats stats = store.stats();
    long now = clock.millis();
    t.put("brokerVersionDesc", "V5_3_3");
    t.put("brokerVersion", Integer.toString(RemotingVersion.CURRENT));
    t.put("brokerActive", "true");
    t.put("bootTimestamp", Long.toString(bootTimestamp));
    t.put("runtime", runtime(now - bootTimestamp));
    t.put("msgPutTotalTodayNow", Long.toString(stats.putMessages()));
    t.put("msgGetTotalTodayNow", Long.toString(stats.getMessages()));
    t.put("putMessageTimesTotal", Long.toString(stats.putMessages()));
    t.put("putMessageSizeTotal", Long.toString(stats.putBytes()));
    t.put("putMessageFailedTimes", Long.toString(stats.putFailures()));
    t.put("putMessageAverageSize", String.format(java.util.Locale.ROOT, "%.2f",
        stats.putMessages() == 0 ? 0.0 : (double) stats.putBytes() / stats.putMessages()));
    t.put("commitLogMinOffset", Long.toString(store.commitLogMinOffset()));
    t.put("commitLogMaxOffset", Long.toString(store.commitLogMaxOffset()));
    t.put("dispatchBehindBytes",
        Long.toString(Math.max(0, store.commitLogMaxOffset() - store.dispatchedOffset())));
    diskRatio().ifPresent(r -> t.put("commitLogDiskRatio", r));
    for (Supplier<Map<String, String>> source : extra) {
      t.putAll(source.get());
    }
    return t;
  }

  private java.util.Optional<String> diskRatio() {
    try {
      FileStore fs = Files.getFileStore(config.store().storePathRootDir());
      long total = fs.getTotalSpace();
      if (total <= 0) {
        return java.util.Optional.empty();
      }
      double used = (double) (total - fs.getUsableSpace()) / total;
      return java.util.Optional.of(Double.toString(used));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static String runtime(long millis) {
    long s = millis / 1000;
    return String.format(java.util.Locale.ROOT, "[ %d days, %d hours, %d minutes, %d seconds ]",
        s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
  }

  private byte[] runtimeInfo() {
    return AdminJson.write(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("table");
      for (Map.Entry<String, String> e : runtimeTable().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private byte[] configText() {
    Properties p = live.get().toProperties();
    StringBuilder sb = new StringBuilder();
    for (String k : new TreeMap<>(Map.copyOf(p)).keySet().stream().map(Object::toString)
        .toList()) {
      sb.append(k).append('=').append(p.getProperty(k)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
