package io.apogeemq.namesrv.processor;

import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;

/**
 * The request codes the NameServer serves and the response codes it answers with (codes.md §2,
 * remoting.md §8); aliases of the remoting layer's constants, gathered for the processors.
 */
public final class NamesrvCodes {

  public static final int PUT_KV_CONFIG = RequestCode.PUT_KV_CONFIG;
  public static final int GET_KV_CONFIG = RequestCode.GET_KV_CONFIG;
  public static final int DELETE_KV_CONFIG = RequestCode.DELETE_KV_CONFIG;
  public static final int REGISTER_BROKER = RequestCode.REGISTER_BROKER;
  public static final int UNREGISTER_BROKER = RequestCode.UNREGISTER_BROKER;
  public static final int GET_ROUTEINFO_BY_TOPIC = RequestCode.GET_ROUTEINFO_BY_TOPIC;
  public static final int GET_BROKER_CLUSTER_INFO = RequestCode.GET_BROKER_CLUSTER_INFO;
  public static final int WIPE_WRITE_PERM_OF_BROKER = RequestCode.WIPE_WRITE_PERM_OF_BROKER;
  public static final int GET_ALL_TOPIC_LIST_FROM_NAMESERVER = RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER;
  public static final int DELETE_TOPIC_IN_NAMESRV = RequestCode.DELETE_TOPIC_IN_NAMESRV;
  public static final int GET_KVLIST_BY_NAMESPACE = RequestCode.GET_KVLIST_BY_NAMESPACE;
  public static final int GET_TOPICS_BY_CLUSTER = RequestCode.GET_TOPICS_BY_CLUSTER;
  public static final int GET_SYSTEM_TOPIC_LIST_FROM_NS = RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS;
  public static final int GET_UNIT_TOPIC_LIST = RequestCode.GET_UNIT_TOPIC_LIST;
  public static final int GET_HAS_UNIT_SUB_TOPIC_LIST = RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST;
  public static final int GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST = RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST;
  public static final int UPDATE_NAMESRV_CONFIG = RequestCode.UPDATE_NAMESRV_CONFIG;
  public static final int GET_NAMESRV_CONFIG = RequestCode.GET_NAMESRV_CONFIG;
  public static final int REGISTER_TOPIC_IN_NAMESRV = RequestCode.REGISTER_TOPIC_IN_NAMESRV;
  public static final int BROKER_HEARTBEAT = RequestCode.BROKER_HEARTBEAT;
  public static final int QUERY_DATA_VERSION = RequestCode.QUERY_DATA_VERSION;
  public static final int ADD_WRITE_PERM_OF_BROKER = RequestCode.ADD_WRITE_PERM_OF_BROKER;

  public static final int SUCCESS = ResponseCode.SUCCESS;
  public static final int SYSTEM_ERROR = ResponseCode.SYSTEM_ERROR;
  public static final int REQUEST_CODE_NOT_SUPPORTED = ResponseCode.REQUEST_CODE_NOT_SUPPORTED;
  public static final int NO_PERMISSION = ResponseCode.NO_PERMISSION;
  public static final int TOPIC_NOT_EXIST = ResponseCode.TOPIC_NOT_EXIST;
  public static final int QUERY_NOT_FOUND = ResponseCode.QUERY_NOT_FOUND;

  /** Namespace of the KV store holding order-topic configuration. */
  public static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

  private NamesrvCodes() {}
}
