package io.apogeemq.broker.bench;

import io.apogeemq.broker.filter.sql.RecordProperties;
import io.apogeemq.broker.filter.sql.SqlFilter;
import io.apogeemq.common.message.MessageHost;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.rocketmq.common.filter.ExpressionType;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.filter.FilterFactory;
import org.apache.rocketmq.filter.expression.EvaluationContext;
import org.apache.rocketmq.filter.expression.Expression;

/**
 * Per-message cost of evaluating an SQL92 filter on stored records, Apogee's
 * {@link SqlFilter} on {@link RecordProperties} (properties read in place) side by side with the
 * official RocketMQ 5.3.3 filter ({@code rocketmq-filter}) the way the official broker applies it
 * at pull time: {@code MessageDecoder.decodeProperties(record)} into a map, then
 * {@code Expression.evaluate} on a context over that map.
 *
 * <p>{@code records} stored records of 1 KiB body with 9 properties (4 system, 5 user); three
 * expressions (simple, typical, complex); rounds alternate Apogee / official on the same records
 * after a warm-up; each round times one pass over all records per expression and reports ns per
 * message. Both must select the same records (checked every round).
 *
 * <pre>args: [records=20000] [rounds=7] [passesPerRound=20]</pre>
 *
 * Not run by the build; see docs/benchmarks-filter.md for the command.
 */
public final class SqlFilterBenchmark {

  static final String[] EXPRESSIONS = {
      "a > 500",
      "TAGS IN ('TagA', 'TagB') AND region = 'eu-west'",
      "(a BETWEEN 100 AND 800 OR price > 0.5) AND region IS NOT NULL "
          + "AND NOT (TAGS = 'TagC') AND user STARTSWITH 'u1'"};

  private static final MessageHost HOST = MessageHost.of(new InetSocketAddress("127.0.0.1", 1));

  public static void main(String[] args) throws Exception {
    int records = arg(args, 0, 20_000);
    int rounds = arg(args, 1, 7);
    int passes = arg(args, 2, 20);
    System.out.printf(Locale.ROOT, "records=%d rounds=%d passes=%d cores=%d java=%s%n", records,
        rounds, passes, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    ByteBuffer[] stored = records(records);
    for (String expression : EXPRESSIONS) {
      SqlFilter apogee = SqlFilter.compile(expression);
      Expression official = FilterFactory.INSTANCE.get(ExpressionType.SQL92).compile(expression);
      for (int w = 0; w < 5; w++) {
        runApogee(apogee, stored, passes);
        runOfficial(official, stored, passes);
      }
      double[] a = new double[rounds];
      double[] o = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        long matchedA = runApogee(apogee, stored, passes);
        long t1 = System.nanoTime();
        long matchedO = runOfficial(official, stored, passes);
        long t2 = System.nanoTime();
        if (matchedA != matchedO) {
          throw new IllegalStateException("'" + expression + "': Apogee selected " + matchedA
              + ", official " + matchedO);
        }
        a[r] = (t1 - t0) / (double) (records * (long) passes);
        o[r] = (t2 - t1) / (double) (records * (long) passes);
      }
      Arrays.sort(a);
      Arrays.sort(o);
      double ma = a[rounds / 2];
      double mo = o[rounds / 2];
      System.out.printf(Locale.ROOT,
          "%-100s apogee %7.1f ns/msg  official %7.1f ns/msg  ratio %.2fx  selected %d/%d%n",
          expression, ma, mo, mo / ma, runApogee(apogee, stored, 1), records);
    }
  }

  static long runApogee(SqlFilter filter, ByteBuffer[] stored, int passes) {
    long matched = 0;
    for (int p = 0; p < passes; p++) {
      for (ByteBuffer record : stored) {
        if (filter.matches(RecordProperties.of(record))) {
          matched++;
        }
      }
    }
    return matched / passes;
  }

  static long runOfficial(Expression expression, ByteBuffer[] stored, int passes)
      throws Exception {
    long matched = 0;
    for (int p = 0; p < passes; p++) {
      for (ByteBuffer record : stored) {
        Map<String, String> props = MessageDecoder.decodeProperties(record.duplicate());
        Object result = expression.evaluate(new MapContext(props));
        if (result instanceof Boolean b && b) {
          matched++;
        }
      }
    }
    return matched / passes;
  }

  /** The official broker's evaluation context is a view of the decoded property map too. */
  record MapContext(Map<String, String> props) implements EvaluationContext {
    @Override
    public Object get(String name) {
      return props.get(name);
    }

    @Override
    public Map<String, Object> keyValues() {
      return new LinkedHashMap<>(props);
    }
  }

  static ByteBuffer[] records(int n) {
    SplittableRandom random = new SplittableRandom(42);
    byte[] body = new byte[1024];
    String[] tags = {"TagA", "TagB", "TagC", "TagD"};
    String[] regions = {"eu-west", "us-east", "ap-south"};
    List<ByteBuffer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("UNIQ_KEY", String.format("%032X", i));
      p.put("WAIT", "true");
      p.put("KEYS", "order-" + i);
      p.put("TAGS", tags[random.nextInt(tags.length)]);
      p.put("a", Integer.toString(random.nextInt(1000)));
      p.put("price", Double.toString(random.nextDouble()));
      if (random.nextInt(10) > 0) {
        p.put("region", regions[random.nextInt(regions.length)]);
      }
      p.put("user", "u" + random.nextInt(100));
      p.put("trace", "t-" + Long.toHexString(random.nextLong()));
      out.add(MessageRecordCodec.encode(new MessageRecord("FilterT", 0, 0, i, i * 1200L, 0, 1,
          HOST, 2, HOST, 0, 0, 0, body, MessageProperties.encode(p))));
    }
    return out.toArray(new ByteBuffer[0]);
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }
}
