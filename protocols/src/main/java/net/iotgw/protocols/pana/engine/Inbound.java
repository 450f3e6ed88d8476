package net.iotgw.protocols.pana.engine;

import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaHeader;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.pana.PanaMessageType;
import net.iotgw.protocols.wire.Decoded;

/**
 * The checks every received message passes before a state sees it: it decodes, names this
 * session, carries a valid AUTH once PANA_AUTH_KEY exists (§5.3), and is not a duplicate request
 * (§5.1), which gets the cached answer again.
 */
sealed interface Inbound {

  /**
   * A message for the state to handle. {@code authenticated} is false only for a PAR with the C
   * flag that {@link #check(Channel, byte[], boolean, boolean)} let through unverified, because
   * re-authentication signs it with the key of the new MSK (§4.3), which the PaC does not hold
   * yet; the state must check it against that key before acting on it.
   */
  record Fresh(PanaMessage message, boolean authenticated) implements Inbound {
    Fresh(PanaMessage message) {
      this(message, true);
    }
  }

  record Drop(PanaOutput.Dropped output) implements Inbound {}

  record Duplicate(byte[] answer) implements Inbound {}

  static Inbound check(Channel channel, byte[] wire, boolean checkSession) {
    return check(channel, wire, checkSession, false);
  }

  static Inbound check(
      Channel channel, byte[] wire, boolean checkSession, boolean completionUnderNewKey) {
    Decoded<PanaMessage> d = PanaCodec.decode(wire);
    if (d instanceof Decoded.Failed<PanaMessage> f) {
      return drop(PanaOutput.DropReason.MALFORMED, f.error().toString());
    }
    PanaMessage m = d.orThrow();
    PanaHeader h = m.header();
    if (checkSession && h.sessionId() != channel.sessionId()) {
      return drop(PanaOutput.DropReason.WRONG_SESSION, "session " + h.sessionId());
    }
    if (!channel.authentic(wire)) {
      if (completionUnderNewKey && h.isRequest() && h.has(PanaHeader.FLAG_C)
          && h.messageType() == PanaMessageType.AUTH.id()) {
        return new Fresh(m, false);
      }
      return drop(PanaOutput.DropReason.BAD_AUTH, "message type " + h.messageType());
    }
    if (channel.isDuplicate(h)) {
      return new Duplicate(channel.answered().wire());
    }
    return new Fresh(m);
  }

  private static Drop drop(PanaOutput.DropReason reason, String detail) {
    return new Drop(new PanaOutput.Dropped(reason, detail));
  }
}
