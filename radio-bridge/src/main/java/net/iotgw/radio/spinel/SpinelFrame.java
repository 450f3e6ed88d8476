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

  /**
   * True if this frame is the RCP's reply to {@code request} (spinel.h "Header Format": a reply
   * uses the IID and TID of the command it answers). Never true for TID 0, which correlates nothing,
   * and only for the NCP-to-host commands (VALUE_IS, VALUE_INSERTED, VALUE_REMOVED).
   */
  public boolean answers(SpinelFrame request) {
    return !request.header().isUnsolicited()
        && header.equals(request.header())
        && message.commandId() >= SpinelCommand.PROP_VALUE_IS.id()
        && message.commandId() <= SpinelCommand.PROP_VALUE_REMOVED.id();
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
