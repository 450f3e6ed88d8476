package net.iotgw.radio.spinel;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The command and its payload, everything after the header byte (spinel.h "Frame Format": {@code
 * CMD} as a packed integer, then {@code CMD_PAYLOAD}). One record per payload shape; a command this
 * package does not model keeps its number and bytes in {@link Unknown}.
 */
public sealed interface SpinelMessage {

  int commandId();

  /** SPINEL_CMD_NOOP, empty payload. */
  record Noop() implements SpinelMessage {
    @Override
    public int commandId() {
      return SpinelCommand.NOOP.id();
    }
  }

  /**
   * SPINEL_CMD_RESET, payload empty or {@code C}: the {@link ResetType} number, kept even when
   * unknown; empty means the RCP's default (a stack reset).
   */
  record Reset(OptionalInt resetType) implements SpinelMessage {
    public Reset {
      Objects.requireNonNull(resetType);
      if (resetType.isPresent() && (resetType.getAsInt() < 0 || resetType.getAsInt() > 0xFF)) {
        throw new IllegalArgumentException("reset type out of range: " + resetType);
      }
    }

    public static Reset of(ResetType type) {
      return new Reset(OptionalInt.of(type.id()));
    }

    @Override
    public int commandId() {
      return SpinelCommand.RESET.id();
    }
  }

  /** SPINEL_CMD_PROP_VALUE_GET, payload {@code i}. */
  record PropGet(int propertyId) implements SpinelMessage {
    public PropGet {
      if (propertyId < 0 || propertyId > PackedUint.MAX) {
        throw new IllegalArgumentException("property out of range: " + propertyId);
      }
    }

    @Override
    public int commandId() {
      return SpinelCommand.PROP_VALUE_GET.id();
    }
  }

  /**
   * SET, INSERT, REMOVE, IS, INSERTED or REMOVED, payload {@code iD}. The value must have the
   * shape the decoder would give it: typed for a known property under SET and IS ({@link
   * PropertyValue.RawTransmit} only under SET, {@link PropertyValue.RawReceive} only under IS),
   * {@link PropertyValue.Opaque} otherwise; so every frame has exactly one representation.
   */
  record PropValue(SpinelCommand command, PropertyValue value) implements SpinelMessage {
    public PropValue {
      if (!command.carriesPropertyValue()) {
        throw new IllegalArgumentException(command + " does not carry a property value");
      }
      if (!PropertyValueCodec.fits(command, value)) {
        throw new IllegalArgumentException(
            value.getClass().getSimpleName() + " is not how " + command + " of property "
                + value.propertyId() + " decodes");
      }
    }

    @Override
    public int commandId() {
      return command.id();
    }
  }

  /** A command number outside {@link SpinelCommand}, payload kept. */
  record Unknown(int commandId, byte[] payload) implements SpinelMessage {
    public Unknown {
      if (commandId < 0 || commandId > PackedUint.MAX || SpinelCommand.of(commandId).isPresent()) {
        throw new IllegalArgumentException("not an unknown command: " + commandId);
      }
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unknown u
          && commandId == u.commandId
          && Arrays.equals(payload, u.payload);
    }

    @Override
    public int hashCode() {
      return 31 * commandId + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return "Unknown[command " + commandId + ", " + payload.length + " bytes]";
    }
  }
}
