package io.apogeemq.namesrv.bench;

import io.apogeemq.testkit.ChildJvm;
import io.apogeemq.testkit.FreePorts;
import io.apogeemq.namesrv.testkit.OfficialRpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.remoting.protocol.DataVersion;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.remoting.protocol.body.TopicConfigAndMappingSerializeWrapper;
import org.apache.rocketmq.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/**
 * Side-by-side benchmark of {@code GET_ROUTEINFO_BY_TOPIC}: the Apogee NameServer
 * ({@code NamesrvMain}) and the official Apache RocketMQ 5.3.3 NameServer ({@code NamesrvStartup}),
 * each in its own child JVM with identical JVM flags, alternated round by round.
 *
 * <p>Per server: 10 fake brokers register (official {@code RegisterBrokerBody} JSON, as 5.3.3
 * brokers send it) the same {@code topics} topics each, i.e. every topic is served by all 10 broker
 * names, as after {@code updateTopic -c cluster}. Then used heap after a full GC and RSS are read,
 * and {@code threads} threads query random topics through the official {@code NettyRemotingClient}
 * ({@code connections} connections) for {@code warmup + measure} seconds.
 *
 * <pre>
 * args: [threads=8] [measureSeconds=15] [rounds=2] [topics=10000] [brokers=10] [connections=4] [warmupSeconds=5]
 * </pre>
 *
 * Not run by the build; see docs/benchmarks-namesrv.md for the command.
 */
public final class RouteQueryBenchmark {

  record Result(String server, int round, double reqPerSec, double p50us, double p99us, double p999us,
      long heapKb, long rssKb, long heapAfterLoadKb, long rssAfterLoadKb, long errors) {
    Result withRound(int r) {
      return new Result(server, r, reqPerSec, p50us, p99us, p999us, heapKb, rssKb, heapAfterLoadKb, rssAfterLoadKb, errors);
    }
  }

  public static void main(String[] args) throws Exception {
    int threads = arg(args, 0, 8);
    int seconds = arg(args, 1, 15);
    int rounds = arg(args, 2, 2);
    int topics = arg(args, 3, 10_000);
    int brokers = arg(args, 4, 10);
    int connections = arg(args, 5, 4);
    int warmup = arg(args, 6, 5);
    System.out.printf(Locale.ROOT, "threads=%d measure=%ds warmup=%ds rounds=%d topics=%d brokers=%d connections=%d cores=%d%n",
        threads, seconds, warmup, rounds, topics, brokers, connections, Runtime.getRuntime().availableProcessors());

    List<RegisterBrokerBody> bodies = new ArrayList<>();
    for (int b = 0; b < brokers; b++) {
      bodies.add(body(topics));
    }
    List<Result> results = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (String server : List.of("apogee", "official")) {
        results.add(runOne(server, round, bodies, topics, threads, seconds, warmup, connections));
        System.out.println(results.get(results.size() - 1));
      }
    }
    print(results);
  }

  static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }

  static RegisterBrokerBody body(int topics) {
    ConcurrentHashMap<String, TopicConfig> table = new ConcurrentHashMap<>();
    for (int t = 0; t < topics; t++) {
      TopicConfig tc = new TopicConfig("BenchTopic-" + t, 8, 8, 6);
      table.put(tc.getTopicName(), tc);
    }
    DataVersion v = new DataVersion();
    v.nextVersion();
    TopicConfigAndMappingSerializeWrapper w = new TopicConfigAndMappingSerializeWrapper();
    w.setTopicConfigTable(table);
    w.setDataVersion(v);
    RegisterBrokerBody body = new RegisterBrokerBody();
    body.setTopicConfigSerializeWrapper(w);
    return body;
  }

  static Result runOne(String server, int round, List<RegisterBrokerBody> bodies, int topics, int threads,
      int seconds, int warmup, int connections) throws Exception {
    Path dir = Files.createTempDirectory("namesrv-bench-" + server);
    int port = FreePorts.one();
    Files.writeString(dir.resolve("namesrv.conf"), String.join("\n",
        "listenPort=" + port,
        "bindAddress=127.0.0.1",
        "kvConfigPath=" + dir.resolve("kv/kvConfig.json"),
        "configStorePath=" + dir.resolve("kv/namesrv.properties"),
        ""));
    List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx256m", "-Duser.home=" + dir,
        "-Drocketmq.home.dir=" + dir));
    jvm.addAll(ChildJvm.ROCKETMQ_FLAGS);
    String main = server.equals("apogee") ? "io.apogeemq.namesrv.NamesrvMain" : "org.apache.rocketmq.namesrv.NamesrvStartup";
    ChildJvm child = ChildJvm.start(server + "-namesrv", jvm, main,
        List.of("-c", dir.resolve("namesrv.conf").toString()), dir.resolve("out.log"));
    List<OfficialRpc> clients = new ArrayList<>();
    try (OfficialRpc registrar = new OfficialRpc()) {
      String addr = "127.0.0.1:" + port;
      awaitPort(port, child);
      long t0 = System.nanoTime();
      for (int b = 0; b < bodies.size(); b++) {
        RemotingCommand resp = registrar.client().invokeSync(addr, OfficialRpc.registerRequest("BenchCluster",
            "bench-broker-" + b, 0, "127.0.0.1:" + (30_000 + b), bodies.get(b), false), 60_000);
        if (resp.getCode() != ResponseCode.SUCCESS) {
          throw new IllegalStateException(server + " refused registration: " + resp.getRemark());
        }
      }
      System.out.printf(Locale.ROOT, "%s: registered %d brokers x %d topics in %.1f s%n", server, bodies.size(), topics,
          (System.nanoTime() - t0) / 1e9);
      RemotingCommand sample = registrar.client().invokeSync(addr, routeRequest("BenchTopic-1"), 10_000);
      if (sample.getCode() != ResponseCode.SUCCESS) {
        throw new IllegalStateException(server + " answered route query with " + sample.getCode() + ": " + sample.getRemark());
      }
      TopicRouteData route = TopicRouteData.decode(sample.getBody(), TopicRouteData.class);
      if (route.getBrokerDatas().size() != bodies.size() || route.getQueueDatas().size() != bodies.size()) {
        throw new IllegalStateException(server + " served an incomplete route: " + route);
      }
      long heapKb = child.heapUsedAfterGcKb();
      long rssKb = child.rssKb();

      for (int c = 0; c < connections; c++) {
        clients.add(new OfficialRpc());
      }
      Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
      AtomicLong errors = new AtomicLong();
      long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
      long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
      List<Thread> workers = new ArrayList<>();
      List<Histogram> hists = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        hists.add(h);
        OfficialRpc client = clients.get(i % connections);
        Thread t = new Thread(() -> {
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          while (true) {
            long start = System.nanoTime();
            if (start >= end) {
              return;
            }
            try {
              RemotingCommand r = client.client().invokeSync(addr, routeRequest("BenchTopic-" + rnd.nextInt(topics)), 10_000);
              long now = System.nanoTime();
              if (r.getCode() != ResponseCode.SUCCESS) {
                errors.incrementAndGet();
              } else if (start >= warmEnd) {
                h.recordValue(Math.min(now - start, TimeUnit.SECONDS.toNanos(10)));
              }
            } catch (Exception e) {
              errors.incrementAndGet();
            }
          }
        }, "bench-" + server + "-" + i);
        workers.add(t);
        t.start();
      }
      for (Thread t : workers) {
        t.join();
      }
      hists.forEach(total::add);
      long heapAfterLoadKb = child.heapUsedAfterGcKb();
      long rssAfterLoadKb = child.rssKb();
      return new Result(server, 1, total.getTotalCount() / (double) seconds,
          total.getValueAtPercentile(50) / 1e3, total.getValueAtPercentile(99) / 1e3,
          total.getValueAtPercentile(99.9) / 1e3, heapKb, rssKb, heapAfterLoadKb, rssAfterLoadKb, errors.get())
          .withRound(round);
    } finally {
      clients.forEach(OfficialRpc::close);
      child.close();
      deleteTree(dir);
    }
  }

  static RemotingCommand routeRequest(String topic) {
    GetRouteInfoRequestHeader h = new GetRouteInfoRequestHeader();
    h.setTopic(topic);
    RemotingCommand r = RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, h);
    r.setVersion(OfficialRpc.BROKER_VERSION);
    return r;
  }

  static void awaitPort(int port, ChildJvm child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        throw new IllegalStateException("server exited:\n" + child.logTail(3000));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("server did not open port " + port + ":\n" + child.logTail(3000));
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static void print(List<Result> results) {
    System.out.println();
    System.out.println("| round | server | req/s | p50 µs | p99 µs | p99.9 µs | heap after GC, registered MiB | RSS registered MiB | heap after GC, after load MiB | RSS after load MiB | errors |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %d |%n", r.round(),
          r.server(), r.reqPerSec(), r.p50us(), r.p99us(), r.p999us(), r.heapKb() / 1024.0, r.rssKb() / 1024.0,
          r.heapAfterLoadKb() / 1024.0, r.rssAfterLoadKb() / 1024.0, r.errors());
    }
    double aReq = 0;
    double oReq = 0;
    double aP99 = 0;
    double oP99 = 0;
    double aHeap = 0;
    double oHeap = 0;
    double aRss = 0;
    double oRss = 0;
    double aHeapLoad = 0;
    double oHeapLoad = 0;
    for (Result r : results) {
      boolean a = r.server().equals("apogee");
      if (a) {
        aReq += r.reqPerSec(); aP99 += r.p99us(); aHeap += r.heapKb(); aRss += r.rssKb(); aHeapLoad += r.heapAfterLoadKb();
      } else {
        oReq += r.reqPerSec(); oP99 += r.p99us(); oHeap += r.heapKb(); oRss += r.rssKb(); oHeapLoad += r.heapAfterLoadKb();
      }
    }
    System.out.printf(Locale.ROOT, "%nRatios Apogee/official (means over rounds): throughput %.2fx, p99 %.2fx, heap after GC (registered) %.2fx, heap after GC (after load) %.2fx, RSS (registered) %.2fx%n",
        aReq / oReq, aP99 / oP99, aHeap / oHeap, aHeapLoad / oHeapLoad, aRss / oRss);
  }
}
