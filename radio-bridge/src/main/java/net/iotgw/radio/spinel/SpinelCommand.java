package net.iotgw.radio.spinel;

import java.util.Optional;

/**
 * The commands this host sends or understands (spinel.h, enum {@code SPINEL_CMD_*}). Other command
 * numbers decode as {@link SpinelMessage.Unknown}, keeping the number.
 */
public enum SpinelCommand {
  /** Host to NCP; the NCP answers LAST_STATUS OK (liveness check). */
  NOOP(0),
  /** Host to NCP, payload empty or {@code C} reset type; TID ignored, answer is unsolicited. */
  RESET(1),
  /** Host to NCP, payload {@code i} property. */
  PROP_VALUE_GET(2),
  /** Host to NCP, payload {@code iD}. */
  PROP_VALUE_SET(3),
  PROP_VALUE_INSERT(4),
  PROP_VALUE_REMOVE(5),
  /** NCP to host: a reply (TID of the request) or an unsolicited update (TID 0). */
  PROP_VALUE_IS(6),
  PROP_VALUE_INSERTED(7),
  PROP_VALUE_REMOVED(8);

  private final int id;

  SpinelCommand(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static Optional<SpinelCommand> of(int id) {
    for (SpinelCommand c : values()) {
      if (c.id == id) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The six commands whose payload is {@code iD}: a property and its value. */
  public boolean carriesPropertyValue() {
    return id >= PROP_VALUE_SET.id && id <= PROP_VALUE_REMOVED.id;
  }
}
