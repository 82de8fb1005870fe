package io.apogeemq.namesrv.route;

/**
 * What a registering broker is told back: for a slave, where its master is.
 *
 * @param masterAddr the master's address, or null (always null for a master registration)
 * @param haServerAddr the master's HA address, or null
 */
public record RegisterResult(String masterAddr, String haServerAddr) {

  static final RegisterResult NONE = new RegisterResult(null, null);
}
