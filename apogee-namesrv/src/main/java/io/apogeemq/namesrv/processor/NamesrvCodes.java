package io.apogeemq.namesrv.processor;

/** Request and response codes the NameServer handles or answers (codes.md §2, remoting.md §8). */
public final class NamesrvCodes {

  public static final int PUT_KV_CONFIG = 100;
  public static final int GET_KV_CONFIG = 101;
  public static final int DELETE_KV_CONFIG = 102;
  public static final int REGISTER_BROKER = 103;
  public static final int UNREGISTER_BROKER = 104;
  public static final int GET_ROUTEINFO_BY_TOPIC = 105;
  public static final int GET_BROKER_CLUSTER_INFO = 106;
  public static final int WIPE_WRITE_PERM_OF_BROKER = 205;
  public static final int GET_ALL_TOPIC_LIST_FROM_NAMESERVER = 206;
  public static final int DELETE_TOPIC_IN_NAMESRV = 216;
  public static final int GET_KVLIST_BY_NAMESPACE = 219;
  public static final int GET_TOPICS_BY_CLUSTER = 224;
  public static final int GET_SYSTEM_TOPIC_LIST_FROM_NS = 304;
  public static final int GET_UNIT_TOPIC_LIST = 311;
  public static final int GET_HAS_UNIT_SUB_TOPIC_LIST = 312;
  public static final int GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST = 313;
  public static final int UPDATE_NAMESRV_CONFIG = 318;
  public static final int GET_NAMESRV_CONFIG = 319;
  public static final int QUERY_DATA_VERSION = 322;
  public static final int ADD_WRITE_PERM_OF_BROKER = 327;

  public static final int SUCCESS = 0;
  public static final int SYSTEM_ERROR = 1;
  public static final int REQUEST_CODE_NOT_SUPPORTED = 3;
  public static final int NO_PERMISSION = 16;
  public static final int TOPIC_NOT_EXIST = 17;
  public static final int QUERY_NOT_FOUND = 22;

  /** Namespace of the KV store holding order-topic configuration. */
  public static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

  private NamesrvCodes() {}
}
