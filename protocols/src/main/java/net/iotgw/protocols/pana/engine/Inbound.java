package net.iotgw.protocols.pana.engine;

import net.iotgw.protocols.pana.PanaCodec;
import net.iotgw.protocols.pana.PanaMessage;
import net.iotgw.protocols.wire.Decoded;

/**
 * The checks every received message passes before a state sees it: it decodes, names this
 * session, carries a valid AUTH once PANA_AUTH_KEY exists (§5.3), and is not a duplicate request
 * (§5.1), which gets the cached answer again.
 */
sealed interface Inbound {

  record Fresh(PanaMessage message) implements Inbound {}

  record Drop(PanaOutput.Dropped output) implements Inbound {}

  record Duplicate(byte[] answer) implements Inbound {}

  static Inbound check(Channel channel, byte[] wire, boolean checkSession) {
    Decoded<PanaMessage> d = PanaCodec.decode(wire);
    if (d instanceof Decoded.Failed<PanaMessage> f) {
      return drop(PanaOutput.DropReason.MALFORMED, f.error().toString());
    }
    PanaMessage m = d.orThrow();
    if (checkSession && m.header().sessionId() != channel.sessionId()) {
      return drop(PanaOutput.DropReason.WRONG_SESSION, "session " + m.header().sessionId());
    }
    if (!channel.authentic(wire)) {
      return drop(PanaOutput.DropReason.BAD_AUTH, "message type " + m.header().messageType());
    }
    if (channel.isDuplicate(m.header())) {
      return new Duplicate(channel.answered().wire());
    }
    return new Fresh(m);
  }

  private static Drop drop(PanaOutput.DropReason reason, String detail) {
    return new Drop(new PanaOutput.Dropped(reason, detail));
  }
}
