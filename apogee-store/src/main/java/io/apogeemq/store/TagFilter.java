package io.apogeemq.store;

import java.util.Set;

/** Server-side filter on consume-queue tag codes. Implementations must be cheap and pure. */
@FunctionalInterface
public interface TagFilter {

  /** Accepts everything (subscription {@code *}). */
  TagFilter ALL = tagsCode -> true;

  boolean accept(long tagsCode);

  /** Accepts codes in {@code codes} (the subscription's code set). */
  static TagFilter anyOf(Set<Long> codes) {
    return codes::contains;
  }
}
