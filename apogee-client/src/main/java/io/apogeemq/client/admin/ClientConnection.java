package io.apogeemq.client.admin;

/**
 * A connected client as a broker sees it (codes.md §5.10).
 *
 * @param clientAddr remote socket address of the connection
 * @param version the client's protocol version (479 = 5.3.x)
 */
public record ClientConnection(String clientId, String clientAddr, String language, int version) {}
