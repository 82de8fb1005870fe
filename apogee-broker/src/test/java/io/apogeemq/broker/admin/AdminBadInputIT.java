package io.apogeemq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogeemq.broker.support.LocalCluster;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.client.RemotingClientConfig;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad admin requests over the wire: each is answered with the protocol's code and a remark
 * naming what is wrong, nothing is changed, and the broker keeps serving.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminBadInputIT {

  private LocalCluster cluster;
  private RemotingClient client;
  private String addr;

  @BeforeEach
  void start() throws Exception {
    cluster = new LocalCluster();
    addr = cluster.broker().endpoint().addr();
    client = new RemotingClient("admin-bad-input", RemotingClientConfig.defaults(), null);
    client.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      client.shutdown();
    } finally {
      cluster.close();
    }
  }

  private RemotingCommand call(RemotingCommand request) throws Exception {
    return client.invokeSync(addr, request, 5_000);
  }

  private static RemotingCommand createTopic(String topic, int perm, String filterType) {
    return RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
        .putExtField("topic", topic).putExtField("defaultTopic", "TBW102")
        .putExtField("readQueueNums", 4).putExtField("writeQueueNums", 4)
        .putExtField("perm", perm).putExtField("topicFilterType", filterType)
        .putExtField("order", false);
  }

  @Test
  void illegalTopicNamesPermsAndFilterTypesAreInvalidParametersAndCreateNothing()
      throws Exception {
    RemotingCommand badName = call(createTopic("bad topic!", 6, "SINGLE_TAG"));
    RemotingCommand badPerm = call(createTopic("GoodName", 9, "SINGLE_TAG"));
    RemotingCommand badFilter = call(createTopic("GoodName", 6, "SQL_TAG"));
    RemotingCommand tooMany = call(createTopic("GoodName", 6, "SINGLE_TAG")
        .putExtField("readQueueNums", 1_000_000));

    assertThat(badName.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    assertThat(badName.remark()).contains("bad topic!");
    assertThat(badPerm.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    assertThat(badPerm.remark()).contains("perm 9");
    assertThat(badFilter.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    assertThat(badFilter.remark()).contains("SQL_TAG");
    assertThat(tooMany.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    assertThat(tooMany.remark()).contains("GoodName");
    assertThat(cluster.broker().topics().get("GoodName")).isNull();
  }

  @Test
  void aTopicListWithOneBadEntryStoresNoneOfThem() throws Exception {
    String body = "{\"topicConfigList\":[{\"topicName\":\"FineTopic\",\"readQueueNums\":2,"
        + "\"writeQueueNums\":2,\"perm\":6},{\"topicName\":\"bad/name\",\"perm\":6}]}";
    RemotingCommand r = call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC_LIST)
        .body(body.getBytes(StandardCharsets.UTF_8)));
    RemotingCommand garbage = call(RemotingCommand.request(
        RequestCode.UPDATE_AND_CREATE_TOPIC_LIST).body("[1,2".getBytes(StandardCharsets.UTF_8)));

    assertThat(r.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    assertThat(r.remark()).contains("bad/name");
    assertThat(cluster.broker().topics().get("FineTopic")).isNull();
    assertThat(garbage.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(garbage.remark()).contains("UPDATE_AND_CREATE_TOPIC_LIST");
  }

  @Test
  void missingHeaderFieldsAreSystemErrorsNamingTheField() throws Exception {
    RemotingCommand r = call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
        .putExtField("topic", "NoQueues"));

    assertThat(r.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(r.remark()).contains("readQueueNums");
    assertThat(cluster.broker().topics().get("NoQueues")).isNull();
  }

  @Test
  void unknownTopicsAndGroupsAnswerTheirNotExistCodes() throws Exception {
    RemotingCommand stats = call(RemotingCommand.request(RequestCode.GET_TOPIC_STATS_INFO)
        .putExtField("topic", "Nowhere"));
    RemotingCommand config = call(RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG)
        .putExtField("topic", "Nowhere"));
    RemotingCommand group = call(RemotingCommand.request(RequestCode.GET_SUBSCRIPTIONGROUP_CONFIG)
        .putExtField("group", "nobody"));
    RemotingCommand producers = call(RemotingCommand.request(
        RequestCode.GET_PRODUCER_CONNECTION_LIST).putExtField("producerGroup", "nobody"));

    assertThat(stats.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    assertThat(stats.remark()).contains("Nowhere");
    assertThat(config.code()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    assertThat(group.code()).isEqualTo(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
    assertThat(producers.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(producers.remark()).contains("nobody");
  }

  @Test
  void aGarbageSubscriptionGroupBodyIsRefusedAndTheBrokerKeepsServing() throws Exception {
    RemotingCommand r = call(RemotingCommand.request(
        RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP)
        .body("{\"groupName\":".getBytes(StandardCharsets.UTF_8)));
    RemotingCommand systemGroup = call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER)
        .putExtField("topic", "TBW102"));
    RemotingCommand info = call(RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO));

    assertThat(r.code()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    assertThat(r.remark()).contains("SubscriptionGroupConfig");
    assertThat(systemGroup.code()).isEqualTo(ResponseCode.INVALID_PARAMETER);
    assertThat(cluster.broker().topics().get("TBW102")).isNotNull();
    assertThat(info.code()).isEqualTo(ResponseCode.SUCCESS);
    assertThat(new String(info.body(), StandardCharsets.UTF_8)).contains("brokerVersionDesc");
  }
}
