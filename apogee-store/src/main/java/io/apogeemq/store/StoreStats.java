package io.apogeemq.store;

/**
 * Counters since the store started.
 *
 * @param putMessages messages appended
 * @param putBytes record bytes appended
 * @param putFailures refused appends
 * @param getMessages messages returned by reads
 * @param getBytes record bytes returned by reads
 */
public record StoreStats(long putMessages, long putBytes, long putFailures, long getMessages,
    long getBytes) {}
