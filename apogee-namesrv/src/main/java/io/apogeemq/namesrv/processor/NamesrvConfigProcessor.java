package io.apogeemq.namesrv.processor;

import io.apogeemq.namesrv.config.LiveNamesrvConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET_NAMESRV_CONFIG} (319) and {@code UPDATE_NAMESRV_CONFIG} (318); bodies are Java
 * properties text in UTF-8. Black-listed keys are refused with {@code NO_PERMISSION}, invalid values
 * with {@code SYSTEM_ERROR} naming the key; either way nothing is applied. Thread-safe.
 */
public final class NamesrvConfigProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(NamesrvConfigProcessor.class);

  private final LiveNamesrvConfig config;

  public NamesrvConfigProcessor(LiveNamesrvConfig config) {
    this.config = Objects.requireNonNull(config);
  }

  @Override
  public NamesrvReply process(NamesrvRequest r) throws BadRequestException {
    if (r.code() == NamesrvCodes.GET_NAMESRV_CONFIG) {
      return NamesrvReply.success(config.get().toPropertiesText().getBytes(StandardCharsets.UTF_8));
    }
    if (r.code() != NamesrvCodes.UPDATE_NAMESRV_CONFIG) {
      throw new IllegalArgumentException("not a config request: " + r.code());
    }
    if (r.body() == null || r.body().length == 0) {
      return NamesrvReply.success();
    }
    Properties props = new Properties();
    try {
      props.load(new StringReader(new String(r.body(), StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw new BadRequestException("UPDATE_NAMESRV_CONFIG body is not properties text: " + e.getMessage(), e);
    }
    try {
      List<String> warnings = config.update(props);
      warnings.forEach(w -> LOG.warn("{} (update from {})", w, r.peer()));
      return NamesrvReply.success();
    } catch (LiveNamesrvConfig.BlackListedKeyException e) {
      return NamesrvReply.error(NamesrvCodes.NO_PERMISSION, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage(), e);
    } catch (IOException e) {
      LOG.error("Cannot persist NameServer config: {}", e.getMessage());
      return NamesrvReply.error(NamesrvCodes.SYSTEM_ERROR, "cannot persist config: " + e.getMessage());
    }
  }
}
