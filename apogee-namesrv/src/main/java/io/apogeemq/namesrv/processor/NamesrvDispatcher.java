package io.apogeemq.namesrv.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a request to the processor registered for its code and turns failures into the protocol's
 * error responses: an unknown code gets {@code REQUEST_CODE_NOT_SUPPORTED}, a malformed request or
 * an unexpected failure gets {@code SYSTEM_ERROR} with a remark saying why. Never throws.
 *
 * <p>Thread-safe once built: the code table is not modified after construction.
 */
public final class NamesrvDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(NamesrvDispatcher.class);

  private final Map<Integer, RequestProcessor> processors;

  private NamesrvDispatcher(Map<Integer, RequestProcessor> processors) {
    this.processors = Map.copyOf(processors);
  }

  /** Starts a dispatcher table. */
  public static Builder builder() {
    return new Builder();
  }

  /** The codes that have a processor. */
  public Set<Integer> codes() {
    return processors.keySet();
  }

  /** Serves a request; never throws. */
  public NamesrvReply dispatch(NamesrvRequest request) {
    RequestProcessor p = processors.get(request.code());
    if (p == null) {
      return NamesrvReply.error(
          NamesrvCodes.REQUEST_CODE_NOT_SUPPORTED, " request type " + request.code() + " not supported");
    }
    try {
      return p.process(request);
    } catch (BadRequestException e) {
      LOG.warn("Bad request code {} from {}: {}", request.code(), request.peer(), e.getMessage());
      return NamesrvReply.error(NamesrvCodes.SYSTEM_ERROR, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Request code {} from {} failed", request.code(), request.peer(), e);
      return NamesrvReply.error(NamesrvCodes.SYSTEM_ERROR, "request code " + request.code() + " failed: " + e);
    }
  }

  /** Collects code-to-processor entries. Not thread-safe. */
  public static final class Builder {
    private final Map<Integer, RequestProcessor> processors = new HashMap<>();

    /** Registers {@code processor} for every one of {@code codes}. */
    public Builder register(RequestProcessor processor, int... codes) {
      for (int code : codes) {
        if (processors.putIfAbsent(code, processor) != null) {
          throw new IllegalStateException("request code " + code + " registered twice");
        }
      }
      return this;
    }

    public NamesrvDispatcher build() {
      return new NamesrvDispatcher(processors);
    }
  }
}
