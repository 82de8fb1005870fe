package io.apogeemq.client.admin;

import io.apogeemq.client.ClientException;

/** The topic, group, cluster or message asked for does not exist. */
public final class NotFoundException extends ClientException {

  public NotFoundException(String message) {
    super(message);
  }
}
