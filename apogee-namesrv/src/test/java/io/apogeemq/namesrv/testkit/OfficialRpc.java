package io.apogeemq.namesrv.testkit;

import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;

/** Raw requests through the official 5.3.3 {@link NettyRemotingClient}, as brokers send them. */
public final class OfficialRpc implements AutoCloseable {

  /** The version a 5.3.3 broker puts in its requests; without it the official NameServer reads a
   * register body in the pre-3.0.11 shape (a process that never loaded the client classes sends 0). */
  public static final int BROKER_VERSION = 479;

  private final NettyRemotingClient client;

  public OfficialRpc() {
    client = new NettyRemotingClient(new NettyClientConfig());
    client.start();
  }

  public NettyRemotingClient client() {
    return client;
  }

  /** A REGISTER_BROKER request exactly as the official broker builds it. */
  public static RemotingCommand registerRequest(String cluster, String brokerName, long brokerId, String addr,
      RegisterBrokerBody body, boolean compressed) {
    return registerRequest(cluster, brokerName, brokerId, addr, body, compressed, true);
  }

  /** As above; without {@code withCrc} the header says "no CRC" (0), as some brokers send it. */
  public static RemotingCommand registerRequest(String cluster, String brokerName, long brokerId, String addr,
      RegisterBrokerBody body, boolean compressed, boolean withCrc) {
    RegisterBrokerRequestHeader h = new RegisterBrokerRequestHeader();
    h.setBrokerName(brokerName);
    h.setBrokerAddr(addr);
    h.setClusterName(cluster);
    h.setHaServerAddr(addr);
    h.setBrokerId(brokerId);
    h.setHeartbeatTimeoutMillis(120_000L);
    h.setCompressed(compressed);
    byte[] bytes = body.encode(compressed);
    h.setBodyCrc32(withCrc ? UtilAll.crc32(bytes) : 0);
    RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.REGISTER_BROKER, h);
    request.setVersion(BROKER_VERSION);
    request.setBody(bytes);
    return request;
  }

  public RemotingCommand call(String addr, RemotingCommand request) throws Exception {
    return client.invokeSync(addr, request, 10_000);
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
