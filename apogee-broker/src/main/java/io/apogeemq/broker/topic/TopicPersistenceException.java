package io.apogeemq.broker.topic;

import java.io.IOException;
import java.io.UncheckedIOException;

/** topics.json could not be written; the change was not applied. */
public final class TopicPersistenceException extends UncheckedIOException {

  public TopicPersistenceException(String message, IOException cause) {
    super(message, cause);
  }
}
