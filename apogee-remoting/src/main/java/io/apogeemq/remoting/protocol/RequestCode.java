package io.apogeemq.remoting.protocol;

/**
 * Request codes of the RocketMQ remoting protocol (4.9.x and 5.x), generated from the project's
 * protocol specification ({@code request-codes.tsv}). A request's meaning and header fields are
 * described per code in the specification; this class only names the numbers.
 *
 * <p>Codes above {@link Short#MAX_VALUE} (the POP family) cannot be carried by the ROCKETMQ binary
 * header and always travel with a JSON header.
 */
public final class RequestCode {

  private RequestCode() {}

  /** C to B. */
  public static final int SEND_MESSAGE = 10;

  /** C to B. */
  public static final int PULL_MESSAGE = 11;

  /** C/A to B. */
  public static final int QUERY_MESSAGE = 12;

  /** not used. */
  public static final int QUERY_BROKER_OFFSET = 13;

  /** C to B. */
  public static final int QUERY_CONSUMER_OFFSET = 14;

  /** C to B (often oneway). */
  public static final int UPDATE_CONSUMER_OFFSET = 15;

  /** A to B. */
  public static final int UPDATE_AND_CREATE_TOPIC = 17;

  /** A to B (5.x). */
  public static final int UPDATE_AND_CREATE_TOPIC_LIST = 18;

  /** A to B, slave B to master B. */
  public static final int GET_ALL_TOPIC_CONFIG = 21;

  /** not used. */
  public static final int GET_TOPIC_CONFIG_LIST = 22;

  /** not used. */
  public static final int GET_TOPIC_NAME_LIST = 23;

  /** A to B. */
  public static final int UPDATE_BROKER_CONFIG = 25;

  /** A to B. */
  public static final int GET_BROKER_CONFIG = 26;

  /** not used. */
  public static final int TRIGGER_DELETE_FILES = 27;

  /** A to B. */
  public static final int GET_BROKER_RUNTIME_INFO = 28;

  /** C/A to B. */
  public static final int SEARCH_OFFSET_BY_TIMESTAMP = 29;

  /** C/A to B. */
  public static final int GET_MAX_OFFSET = 30;

  /** C/A to B. */
  public static final int GET_MIN_OFFSET = 31;

  /** C/A to B. */
  public static final int GET_EARLIEST_MSG_STORETIME = 32;

  /** C/A to B. */
  public static final int VIEW_MESSAGE_BY_ID = 33;

  /** C/A to B. */
  public static final int HEART_BEAT = 34;

  /** C to B. */
  public static final int UNREGISTER_CLIENT = 35;

  /** C to B. */
  public static final int CONSUMER_SEND_MSG_BACK = 36;

  /** C to B (oneway). */
  public static final int END_TRANSACTION = 37;

  /** C to B. */
  public static final int GET_CONSUMER_LIST_BY_GROUP = 38;

  /** B to C (oneway). */
  public static final int CHECK_TRANSACTION_STATE = 39;

  /** B to C (oneway). */
  public static final int NOTIFY_CONSUMER_IDS_CHANGED = 40;

  /** C to B. */
  public static final int LOCK_BATCH_MQ = 41;

  /** C to B. */
  public static final int UNLOCK_BATCH_MQ = 42;

  /** slave B to master B. */
  public static final int GET_ALL_CONSUMER_OFFSET = 43;

  /** slave B to master B. */
  public static final int GET_ALL_DELAY_OFFSET = 45;

  /** C to B. */
  public static final int CHECK_CLIENT_CONFIG = 46;

  /** not used. */
  public static final int GET_CLIENT_CONFIG = 47;

  /** A to B (4.9 and 5.0–5.2 only). */
  public static final int UPDATE_AND_CREATE_ACL_CONFIG = 50;

  /** A to B (4.9, 5.0–5.2). */
  public static final int DELETE_ACL_CONFIG = 51;

  /** A to B (4.9, 5.0–5.2). */
  public static final int GET_BROKER_CLUSTER_ACL_INFO = 52;

  /** A to B (4.9, 5.0–5.2). */
  public static final int UPDATE_GLOBAL_WHITE_ADDRS_CONFIG = 53;

  /** A to B (5.0–5.2). */
  public static final int GET_BROKER_CLUSTER_ACL_CONFIG = 54;

  /** slave B to master B (5.x). */
  public static final int GET_TIMER_CHECK_POINT = 60;

  /** B to B / A to B (5.x). */
  public static final int GET_TIMER_METRICS = 61;

  /** A to N (all). */
  public static final int PUT_KV_CONFIG = 100;

  /** C/A to N. */
  public static final int GET_KV_CONFIG = 101;

  /** A to N (all). */
  public static final int DELETE_KV_CONFIG = 102;

  /** B to N (all). */
  public static final int REGISTER_BROKER = 103;

  /** B to N (all). */
  public static final int UNREGISTER_BROKER = 104;

  /** C/A to N. */
  public static final int GET_ROUTEINFO_BY_TOPIC = 105;

  /** A to N. */
  public static final int GET_BROKER_CLUSTER_INFO = 106;

  /** A to B. */
  public static final int UPDATE_AND_CREATE_SUBSCRIPTIONGROUP = 200;

  /** A to B, slave B to master B. */
  public static final int GET_ALL_SUBSCRIPTIONGROUP_CONFIG = 201;

  /** A to B. */
  public static final int GET_TOPIC_STATS_INFO = 202;

  /** A to B. */
  public static final int GET_CONSUMER_CONNECTION_LIST = 203;

  /** A to B. */
  public static final int GET_PRODUCER_CONNECTION_LIST = 204;

  /** A to N. */
  public static final int WIPE_WRITE_PERM_OF_BROKER = 205;

  /** A to N. */
  public static final int GET_ALL_TOPIC_LIST_FROM_NAMESERVER = 206;

  /** A to B. */
  public static final int DELETE_SUBSCRIPTIONGROUP = 207;

  /** A to B. */
  public static final int GET_CONSUME_STATS = 208;

  /** not used. */
  public static final int SUSPEND_CONSUMER = 209;

  /** not used. */
  public static final int RESUME_CONSUMER = 210;

  /** not used. */
  public static final int RESET_CONSUMER_OFFSET_IN_CONSUMER = 211;

  /** not used. */
  public static final int RESET_CONSUMER_OFFSET_IN_BROKER = 212;

  /** not used. */
  public static final int ADJUST_CONSUMER_THREAD_POOL = 213;

  /** not used. */
  public static final int WHO_CONSUME_THE_MESSAGE = 214;

  /** A to B. */
  public static final int DELETE_TOPIC_IN_BROKER = 215;

  /** A to N. */
  public static final int DELETE_TOPIC_IN_NAMESRV = 216;

  /** B to N (5.x, only with enableSingleTopicRegister). */
  public static final int REGISTER_TOPIC_IN_NAMESRV = 217;

  /** A to N. */
  public static final int GET_KVLIST_BY_NAMESPACE = 219;

  /** B to C (oneway). */
  public static final int RESET_CONSUMER_CLIENT_OFFSET = 220;

  /** B to C. */
  public static final int GET_CONSUMER_STATUS_FROM_CLIENT = 221;

  /** A to B. */
  public static final int INVOKE_BROKER_TO_RESET_OFFSET = 222;

  /** A to B. */
  public static final int INVOKE_BROKER_TO_GET_CONSUMER_STATUS = 223;

  /** A to N. */
  public static final int GET_TOPICS_BY_CLUSTER = 224;

  /** A to B (5.x). */
  public static final int UPDATE_AND_CREATE_SUBSCRIPTIONGROUP_LIST = 225;

  /** A to B. */
  public static final int QUERY_TOPIC_CONSUME_BY_WHO = 300;

  /** removed feature. */
  public static final int REGISTER_FILTER_SERVER = 301;

  /** removed feature. */
  public static final int REGISTER_MESSAGE_FILTER_CLASS = 302;

  /** A to B. */
  public static final int QUERY_CONSUME_TIME_SPAN = 303;

  /** A to N. */
  public static final int GET_SYSTEM_TOPIC_LIST_FROM_NS = 304;

  /** A to B. */
  public static final int GET_SYSTEM_TOPIC_LIST_FROM_BROKER = 305;

  /** A to B. */
  public static final int CLEAN_EXPIRED_CONSUMEQUEUE = 306;

  /** A to B, then B to C. */
  public static final int GET_CONSUMER_RUNNING_INFO = 307;

  /** A to B. */
  public static final int QUERY_CORRECTION_OFFSET = 308;

  /** A to B, then B to C. */
  public static final int CONSUME_MESSAGE_DIRECTLY = 309;

  /** C to B (default send). */
  public static final int SEND_MESSAGE_V2 = 310;

  /** A to N. */
  public static final int GET_UNIT_TOPIC_LIST = 311;

  /** A to N. */
  public static final int GET_HAS_UNIT_SUB_TOPIC_LIST = 312;

  /** A to N. */
  public static final int GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST = 313;

  /** A to B. */
  public static final int CLONE_GROUP_OFFSET = 314;

  /** A to B. */
  public static final int VIEW_BROKER_STATS_DATA = 315;

  /** A to B. */
  public static final int CLEAN_UNUSED_TOPIC = 316;

  /** A to B. */
  public static final int GET_BROKER_CONSUME_STATS = 317;

  /** A to N (all). */
  public static final int UPDATE_NAMESRV_CONFIG = 318;

  /** A to N (all). */
  public static final int GET_NAMESRV_CONFIG = 319;

  /** C to B. */
  public static final int SEND_BATCH_MESSAGE = 320;

  /** A to B. */
  public static final int QUERY_CONSUME_QUEUE = 321;

  /** B to N. */
  public static final int QUERY_DATA_VERSION = 322;

  /** A to B. */
  public static final int RESUME_CHECK_HALF_MESSAGE = 323;

  /** C to B (only with sendSmartMsg=false). */
  public static final int SEND_REPLY_MESSAGE = 324;

  /** C to B. */
  public static final int SEND_REPLY_MESSAGE_V2 = 325;

  /** B to C. */
  public static final int PUSH_REPLY_MESSAGE_TO_CLIENT = 326;

  /** A to N. */
  public static final int ADD_WRITE_PERM_OF_BROKER = 327;

  /** A to B (5.x). */
  public static final int GET_ALL_PRODUCER_INFO = 328;

  /** A to B (5.x). */
  public static final int DELETE_EXPIRED_COMMITLOG = 329;

  /** A to B (5.x). */
  public static final int QUERY_TOPICS_BY_CONSUMER = 343;

  /** A to B (5.x). */
  public static final int QUERY_SUBSCRIPTION_BY_CONSUMER = 345;

  /** A to B (5.x). */
  public static final int GET_TOPIC_CONFIG = 351;

  /** A to B (5.x). */
  public static final int GET_SUBSCRIPTIONGROUP_CONFIG = 352;

  /** A to B (5.x). */
  public static final int UPDATE_AND_GET_GROUP_FORBIDDEN = 353;

  /** A to B (5.x). */
  public static final int CHECK_ROCKSDB_CQ_WRITE_PROGRESS = 354;

  /** A to B (5.x). */
  public static final int EXPORT_ROCKSDB_CONFIG_TO_JSON = 355;

  /** C to B (5.x lite-pull consumer). */
  public static final int LITE_PULL_MESSAGE = 361;

  /** C to B (5.3.x). */
  public static final int RECALL_MESSAGE = 370;

  /** C to B (5.x, only if clientRebalance=false or POP). */
  public static final int QUERY_ASSIGNMENT = 400;

  /** A to B (5.x). */
  public static final int SET_MESSAGE_REQUEST_MODE = 401;

  /** slave B to master B (5.x). */
  public static final int GET_ALL_MESSAGE_REQUEST_MODE = 402;

  /** A to B (5.x). */
  public static final int UPDATE_AND_CREATE_STATIC_TOPIC = 513;

  /** B to N (5.x). */
  public static final int GET_BROKER_MEMBER_GROUP = 901;

  /** A to broker container (5.x). */
  public static final int ADD_BROKER = 902;

  /** A to broker container (5.x). */
  public static final int REMOVE_BROKER = 903;

  /** B to N / B to controller (5.x, acting-master or controller mode only). */
  public static final int BROKER_HEARTBEAT = 904;

  /** N to B (5.x, optional). */
  public static final int NOTIFY_MIN_BROKER_ID_CHANGE = 905;

  /** B< to B (5.x). */
  public static final int EXCHANGE_BROKER_HA_INFO = 906;

  /** A to B (5.x). */
  public static final int GET_BROKER_HA_STATUS = 907;

  /** A to B (5.x). */
  public static final int RESET_MASTER_FLUSH_OFFSET = 908;

  /** B/A< to controller (5.x). */
  public static final int CONTROLLER_ALTER_SYNC_STATE_SET = 1001;

  /** B/A< to controller (5.x). */
  public static final int CONTROLLER_ELECT_MASTER = 1002;

  /** B/A< to controller (5.x). */
  public static final int CONTROLLER_REGISTER_BROKER = 1003;

  /** B/A< to controller (5.x). */
  public static final int CONTROLLER_GET_REPLICA_INFO = 1004;

  /** B/A< to controller (5.x). */
  public static final int CONTROLLER_GET_METADATA_INFO = 1005;

  /** B/A< to controller (5.x). */
  public static final int CONTROLLER_GET_SYNC_STATE_DATA = 1006;

  /** B/A< to controller (5.x). */
  public static final int GET_BROKER_EPOCH_CACHE = 1007;

  /** B/A< to controller (5.x). */
  public static final int NOTIFY_BROKER_ROLE_CHANGED = 1008;

  /** B/A< to controller (5.x). */
  public static final int UPDATE_CONTROLLER_CONFIG = 1009;

  /** B/A< to controller (5.x). */
  public static final int GET_CONTROLLER_CONFIG = 1010;

  /** B/A< to controller (5.x). */
  public static final int CLEAN_BROKER_DATA = 1011;

  /** B/A< to controller (5.x). */
  public static final int CONTROLLER_GET_NEXT_BROKER_ID = 1012;

  /** B/A< to controller (5.x). */
  public static final int CONTROLLER_APPLY_BROKER_ID = 1013;

  /** A to B (5.x). */
  public static final int UPDATE_COLD_DATA_FLOW_CTR_CONFIG = 2001;

  /** A to B (5.x). */
  public static final int REMOVE_COLD_DATA_FLOW_CTR_CONFIG = 2002;

  /** A to B (5.x). */
  public static final int GET_COLD_DATA_FLOW_CTR_INFO = 2003;

  /** A to B (5.x). */
  public static final int SET_COMMITLOG_READ_MODE = 2004;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_CREATE_USER = 3001;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_UPDATE_USER = 3002;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_DELETE_USER = 3003;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_GET_USER = 3004;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_LIST_USER = 3005;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_CREATE_ACL = 3006;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_UPDATE_ACL = 3007;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_DELETE_ACL = 3008;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_GET_ACL = 3009;

  /** A to B (5.3.x ACL 2.0). */
  public static final int AUTH_LIST_ACL = 3010;

  /** C to B (5.x POP). */
  public static final int POP_MESSAGE = 200050;

  /** C to B (5.x POP). */
  public static final int ACK_MESSAGE = 200051;

  /** C to B (5.x). */
  public static final int PEEK_MESSAGE = 200052;

  /** C to B (5.x POP). */
  public static final int CHANGE_MESSAGE_INVISIBLETIME = 200053;

  /** C to B (5.x POP). */
  public static final int NOTIFICATION = 200054;

  /** C to B (5.x). */
  public static final int POLLING_INFO = 200055;

  /** A to B (5.x, exportPopRecord). */
  public static final int POP_ROLLBACK = 200056;

  /** C to B (5.x POP). */
  public static final int BATCH_ACK_MESSAGE = 200151;

  /**
   * A to B, Apogee only (no RocketMQ equivalent; outside every RocketMQ code range): re-send a
   * message from {@code %DLQ%<group>} to its original topic. Header {@code group}, {@code msgId}
   * (unique key or offset message id). See docs/broker.md.
   */
  public static final int APOGEE_RESEND_DEAD_LETTER = 61_001;

}
