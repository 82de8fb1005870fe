package io.apogeemq.common.message;

/**
 * The tag hash code stored in consume-queue entries and compared against a subscription's code set
 * (messages.md §4): Java {@code String.hashCode()} of the tag, widened to 64 bits; 0 when there is
 * no tag.
 */
public final class TagHash {

  private TagHash() {}

  public static long of(String tag) {
    return tag == null || tag.isEmpty() ? 0L : tag.hashCode();
  }
}
