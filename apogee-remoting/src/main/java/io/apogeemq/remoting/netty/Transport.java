package io.apogeemq.remoting.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The socket transport: native epoll when the platform offers it, NIO otherwise. */
public enum Transport {
  EPOLL,
  NIO;

  /** Epoll if {@code preferEpoll} and it is available, else NIO. */
  public static Transport select(boolean preferEpoll) {
    return preferEpoll && Epoll.isAvailable() ? EPOLL : NIO;
  }

  /** A new event loop group with {@code threads} threads named {@code <name>-<n>}. */
  public EventLoopGroup newGroup(int threads, String name) {
    EventLoopThreadFactory factory = new EventLoopThreadFactory(name);
    return this == EPOLL ? new EpollEventLoopGroup(threads, factory)
        : new NioEventLoopGroup(threads, factory);
  }

  public Class<? extends ServerSocketChannel> serverChannelClass() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  public Class<? extends SocketChannel> channelClass() {
    return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
