package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.List;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.protect.ProtectedMessages;

/**
 * The task manager's send path for protected exchanges: header from the SA and the window, SK
 * sealing with our direction's keys, and IKE fragmentation (RFC 7383 §2.5) when the message would
 * exceed {@link Limits#maxMessageBytes()} and the peer announced support; otherwise one message,
 * left to IP fragmentation.
 */
final class Outbound {
  private Outbound() {}

  static List<Datagram> seal(
      IkeSa sa,
      long messageId,
      ExchangeType exchange,
      boolean response,
      List<Payload> payloads,
      SecureRandom random) {
    IkeHeader header =
        IkeHeader.of(
            sa.spiI(), sa.spiR(), exchange, sa.role() == Role.INITIATOR, response, messageId);
    List<byte[]> messages =
        sa.peer().fragmentation()
            ? ProtectedMessages.sealFragmented(
                header, payloads, sa.sendCipher(), sa.config().limits().maxMessageBytes(), random)
            : List.of(ProtectedMessages.seal(header, List.of(), payloads, sa.sendCipher(), random));
    CryptoCounts.sealed(sa.config(), sa.suite().protection(), messages.size());
    return messages.stream().map(m -> new Datagram(sa.local(), sa.remote(), m)).toList();
  }
}
