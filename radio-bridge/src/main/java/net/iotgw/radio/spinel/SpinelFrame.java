package net.iotgw.radio.spinel;

import java.util.Objects;
import java.util.Optional;

/** One Spinel frame: the payload of one HDLC-Lite frame (spinel.h "Frame Format"). */
public record SpinelFrame(SpinelHeader header, SpinelMessage message) {

  public SpinelFrame {
    Objects.requireNonNull(header);
    Objects.requireNonNull(message);
  }

  public int tid() {
    return header.tid();
  }

  /** The property value, if this is a PROP_VALUE_IS (a reply or an unsolicited update). */
  public Optional<PropertyValue> valueIs() {
    if (message instanceof SpinelMessage.PropValue p
        && p.command() == SpinelCommand.PROP_VALUE_IS) {
      return Optional.of(p.value());
    }
    return Optional.empty();
  }
}
