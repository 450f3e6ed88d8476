package net.iotgw.streams.lowpan;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of {@link LowpanCounters}. "Received" is what came from the radio, "sent" what went to
 * it.
 *
 * @param framesReceived PSDUs handed up by the radio, good or not
 * @param framesSent PSDUs handed to the radio
 * @param packetsReceived IPv6 packets delivered up: decoded, reassembled, decompressed
 * @param packetsSent IPv6 packets compressed for sending
 * @param drops what was dropped, by reason; every reason is present
 */
public record LowpanMetrics(
    long framesReceived,
    long framesSent,
    long packetsReceived,
    long packetsSent,
    Map<LowpanDrop, Long> drops) {

  public LowpanMetrics {
    EnumMap<LowpanDrop, Long> all = new EnumMap<>(LowpanDrop.class);
    for (LowpanDrop d : LowpanDrop.values()) {
      all.put(d, drops.getOrDefault(d, 0L));
    }
    drops = Collections.unmodifiableMap(all);
  }

  public long dropped(LowpanDrop reason) {
    return drops.get(reason);
  }

  public long droppedTotal() {
    return drops.values().stream().mapToLong(Long::longValue).sum();
  }
}
