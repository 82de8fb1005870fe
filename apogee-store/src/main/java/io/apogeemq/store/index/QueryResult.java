package io.apogeemq.store.index;

import java.util.List;

/**
 * Physical offsets found for a key, newest first, plus the index's last update (returned to
 * clients as {@code indexLastUpdateTimestamp}/{@code indexLastUpdatePhyoffset}).
 */
public record QueryResult(List<Long> physicalOffsets, long lastUpdateTimestamp,
    long lastUpdatePhyOffset) {}
