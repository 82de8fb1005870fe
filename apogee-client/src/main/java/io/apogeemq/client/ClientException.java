package io.apogeemq.client;

/**
 * A client call failed: no route, every attempt failed, the client is closed, or input was refused.
 * The message names the topic, queue, group or peer involved. Unchecked, and the exception type
 * futures complete with.
 */
public class ClientException extends RuntimeException {

  public ClientException(String message) {
    super(message);
  }

  public ClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
