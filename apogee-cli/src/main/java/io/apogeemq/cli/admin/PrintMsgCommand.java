package io.apogeemq.cli.admin;

import io.apogeemq.client.consumer.ReceivedMessage;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code printMsg}: print every stored message of a topic in a time window, with details. */
@Command(name = "printMsg", description = "Print the messages of a topic.")
final class PrintMsgCommand extends AdminSubcommand {

  @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
  String topic;

  @Option(names = {"-c", "--charsetName"}, defaultValue = "UTF-8", description = "Body charset.")
  String charsetName;

  @Option(names = {"-s", "--subExpression"}, defaultValue = "*", description = "Tag filter.")
  String subExpression;

  @Option(names = {"-b", "--beginTimestamp"}, description = "Start time.")
  String begin;

  @Option(names = {"-e", "--endTimestamp"}, description = "End time.")
  String end;

  @Option(names = {"-d", "--printBody"}, arity = "1", defaultValue = "true",
      description = "Print bodies.")
  boolean printBody;

  @Option(names = "--max", defaultValue = "1000",
      description = "Most messages (default ${DEFAULT-VALUE}).")
  int max;

  private Charset charset() {
    try {
      return Charset.forName(charsetName);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException("unknown charset '" + charsetName + "'");
    }
  }

  @Override
  void validate() {
    charset();
    if (begin != null) {
      Times.parse(begin);
    }
    if (end != null) {
      Times.parse(end);
    }
  }

  @Override
  Output execute(AdminSession s) {
    Charset cs = charset();
    s.admin().route(topic);
    TopicReader.Start start = begin != null ? new TopicReader.FromTime(Times.parse(begin))
        : new TopicReader.FromBeginning();
    List<ReceivedMessage> read = TopicReader.read(s, TopicReader.TOOLS_GROUP,
        s.admin().queues(topic), start, subExpression,
        end != null ? Times.parse(end) : Long.MAX_VALUE, max, Duration.ofSeconds(30));
    return new Output(read.stream().map(m -> MessageView.json(m, cs)).toList(), out -> {
      read.forEach(m -> {
        MessageView.print(out, m, cs, printBody);
        out.println();
      });
      out.println("Printed " + read.size() + " message(s)");
    });
  }
}
