package io.apogeemq.broker.admin;

import io.apogeemq.broker.config.ConfigException;
import io.apogeemq.broker.config.LiveBrokerConfig;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * {@code UPDATE_BROKER_CONFIG} (25, codes.md §5.16): the body is properties text of the keys to
 * change, applied through {@link LiveBrokerConfig} (validated like broker.conf, persisted, then in
 * force).
 *
 * <p>Answers: {@code SUCCESS} (also for an empty body, which changes nothing);
 * {@code NO_PERMISSION} when a key cannot change at run time (as the official broker answers a
 * key of its black list), the remark naming the key; {@code SYSTEM_ERROR} naming the key for a
 * value that does not parse or is out of range, or when the change cannot be persisted. A refused
 * update changes nothing.
 *
 * <p>Thread-safe (updates are serialised by {@link LiveBrokerConfig}).
 */
final class BrokerConfigUpdateProcessor implements RequestProcessor {

  private final LiveBrokerConfig live;

  BrokerConfigUpdateProcessor(LiveBrokerConfig live) {
    this.live = live;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    byte[] body = request.body();
    Properties changes = new Properties();
    if (body != null && body.length > 0) {
      try {
        changes.load(new StringReader(new String(body, StandardCharsets.UTF_8)));
      } catch (IOException | IllegalArgumentException e) {
        return RemotingCommand.response(ResponseCode.SYSTEM_ERROR,
            "broker config update body is not properties text: " + e.getMessage());
      }
    }
    if (changes.isEmpty()) {
      return RemotingCommand.response(ResponseCode.SUCCESS, null);
    }
    for (String key : changes.stringPropertyNames()) {
      if (!LiveBrokerConfig.RUNTIME_KEYS.contains(key)) {
        return RemotingCommand.response(ResponseCode.NO_PERMISSION, "broker config key '" + key
            + "' cannot be changed at run time (change it in broker.conf and restart; run-time "
            + "keys: " + String.join(", ", new java.util.TreeSet<>(LiveBrokerConfig.RUNTIME_KEYS))
            + ")");
      }
    }
    try {
      live.update(changes);
      return RemotingCommand.response(ResponseCode.SUCCESS, null);
    } catch (ConfigException e) {
      return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, e.getMessage());
    } catch (IOException e) {
      return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, "broker config update "
          + changes + " could not be persisted: " + e.getMessage());
    }
  }
}
