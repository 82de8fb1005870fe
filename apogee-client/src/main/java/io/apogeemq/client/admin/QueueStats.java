package io.apogeemq.client.admin;

/**
 * One queue of a topic as its broker reports it (GET_TOPIC_STATS_INFO, codes.md §5.8).
 *
 * @param lastUpdateTimestamp store time of the last message, 0 when the queue is empty
 */
public record QueueStats(String brokerName, int queueId, long minOffset, long maxOffset,
    long lastUpdateTimestamp) {}
