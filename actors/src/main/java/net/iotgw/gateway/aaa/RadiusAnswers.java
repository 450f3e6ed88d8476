package net.iotgw.gateway.aaa;

import java.util.Optional;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.radius.AttributeType;
import net.iotgw.protocols.radius.Attributes;
import net.iotgw.protocols.radius.EapMessages;
import net.iotgw.protocols.radius.MppeKeys;
import net.iotgw.protocols.radius.Msk;
import net.iotgw.protocols.radius.RadiusPacket;
import net.iotgw.protocols.wire.Decoded;

/**
 * What an authentic answer from a RADIUS server means for the CD (RFC 3579 §2.6). The packet type
 * decides (§2.6.3): an Access-Accept is an Accept even when its EAP-Message is missing (an
 * EAP-Success is made up for the CD), but it needs the MS-MPPE keys (RFC 2548 §2.4.2, §2.4.3),
 * without which nothing could key PANA; an Access-Reject is a Reject whatever it carries.
 */
final class RadiusAnswers {

  /** The outcome of one answer. */
  sealed interface Interpreted {
    /** An Access-Challenge: relay this EAP-Request, echo this State next time. */
    record Challenged(byte[] eapRequest, Optional<byte[]> state) implements Interpreted {}

    /** The session's last answer. */
    record Final(Aaa.Answer answer) implements Interpreted {}
  }

  private RadiusAnswers() {}

  /**
   * @param requestAuthenticator of the request answered, which wraps the MS-MPPE keys
   * @param responseIdentifier the EAP Identifier of the relayed Response, for a made-up Success or
   *     Failure (RFC 3748 §4.2)
   */
  static Interpreted interpret(
      RadiusPacket answer,
      byte[] requestAuthenticator,
      byte[] secret,
      String server,
      int responseIdentifier) {
    Optional<byte[]> eap =
        EapMessages.join(answer) instanceof Decoded.Ok<Optional<byte[]>> ok
            ? ok.value()
            : Optional.empty();
    switch (answer.code()) {
      case ACCESS_CHALLENGE:
        if (eap.isPresent() && RelayedEap.is(eap.get(), EapPacket.Request.class)) {
          return new Interpreted.Challenged(eap.get(), Attributes.state(answer));
        }
        return reject(
            responseIdentifier, "Access-Challenge from " + server + " without an EAP-Request");
      case ACCESS_ACCEPT:
        Decoded<Msk> msk = MppeKeys.msk(answer, secret, requestAuthenticator);
        if (msk instanceof Decoded.Failed<Msk> f) {
          return reject(
              responseIdentifier,
              "Access-Accept from " + server + " without usable MS-MPPE keys: " + f.error());
        }
        byte[] success =
            eap.filter(e -> RelayedEap.is(e, EapPacket.Success.class))
                .orElseGet(() -> RelayedEap.success(responseIdentifier));
        try (Msk key = msk.orThrow()) {
          return new Interpreted.Final(new Aaa.Accept(success, key.bytes()));
        }
      case ACCESS_REJECT:
        byte[] failure =
            eap.filter(e -> RelayedEap.is(e, EapPacket.Failure.class))
                .orElseGet(() -> RelayedEap.failure(responseIdentifier));
        String reason =
            "RADIUS Access-Reject from "
                + server
                + answer
                    .first(AttributeType.REPLY_MESSAGE)
                    .map(m -> ": " + RelayedEap.printable(m.value()))
                    .orElse("");
        return new Interpreted.Final(new Aaa.Reject(failure, reason));
      default:
        return reject(
            responseIdentifier, answer.code() + " from " + server + " to an Access-Request");
    }
  }

  private static Interpreted reject(int identifier, String reason) {
    return new Interpreted.Final(new Aaa.Reject(RelayedEap.failure(identifier), reason));
  }
}
