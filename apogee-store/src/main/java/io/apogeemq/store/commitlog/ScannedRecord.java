package io.apogeemq.store.commitlog;

/**
 * What dispatch and recovery need to know about one CommitLog record.
 *
 * @param tagsCode hash code of the {@code TAGS} property (0 without tag)
 * @param keys the {@code KEYS} property or null
 * @param uniqKey the {@code UNIQ_KEY} property or null
 */
public record ScannedRecord(
    String topic,
    int queueId,
    long queueOffset,
    long physicalOffset,
    int size,
    long storeTimestamp,
    long tagsCode,
    String keys,
    String uniqKey,
    int sysFlag) {}
