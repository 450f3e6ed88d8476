package net.iotgw.gateway.ike;

import java.util.Arrays;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.engine.IkeOutput;
import net.iotgw.protocols.offload.SaRequestFailed;

/**
 * What an IKE SA actor in the initiator role reports about the CD's request that made it
 * ({@code SaRequest}): the SPI it initiated with, so that the Device routes the UD's answers to
 * it, then exactly one of {@link #succeeded} (the CD acknowledged the CHILD_SA's keys) or {@link
 * #failed}. What happens to the SA after success (rekeys, deletes) is reported like a responder
 * SA's, through {@link IkeSaActor.Keys}.
 */
public interface Initiation {

  /** Before the IKE_SA_INIT request leaves: route datagrams with initiator SPI {@code spiI} here. */
  void started(long spiI);

  /** The CD holds the CHILD_SA's keys and its ESP routes are installed. */
  void succeeded();

  /**
   * No SA for the CD: tell it why. {@code ikeNotify} is the UD's error notify type if one is
   * known, else 0; {@code detail} is for the log (no secrets).
   */
  void failed(SaRequestFailed.Reason reason, int ikeNotify, String detail);

  /** The reason and notify a CD is told for an IKE SA that closed before its CHILD_SA was up. */
  static Failure failureOf(IkeOutput.CloseReason reason, String detail) {
    int notify = notifyNamedIn(detail).map(NotifyType::id).orElse(0);
    SaRequestFailed.Reason r = switch (reason) {
      case RETRANSMISSIONS_EXHAUSTED -> SaRequestFailed.Reason.TIMEOUT;
      case NO_PROPOSAL_CHOSEN -> SaRequestFailed.Reason.NO_PROPOSAL_CHOSEN;
      case AUTHENTICATION_FAILED -> SaRequestFailed.Reason.AUTHENTICATION_FAILED;
      case AUTHORIZATION_REFUSED -> SaRequestFailed.Reason.PEER_NOT_ALLOWED;
      case KEY_DELIVERY_FAILED -> SaRequestFailed.Reason.KEY_DELIVERY_FAILED;
      case PEER_ERROR -> notify == NotifyType.NO_PROPOSAL_CHOSEN.id()
          ? SaRequestFailed.Reason.NO_PROPOSAL_CHOSEN
          : notify == NotifyType.AUTHENTICATION_FAILED.id()
              ? SaRequestFailed.Reason.AUTHENTICATION_FAILED
              : SaRequestFailed.Reason.OTHER;
      default -> SaRequestFailed.Reason.OTHER;
    };
    if (notify == 0) {
      notify = switch (r) {
        case NO_PROPOSAL_CHOSEN -> NotifyType.NO_PROPOSAL_CHOSEN.id();
        case AUTHENTICATION_FAILED -> NotifyType.AUTHENTICATION_FAILED.id();
        default -> 0;
      };
    }
    return new Failure(r, notify);
  }

  /** A reason with its notify type. */
  record Failure(SaRequestFailed.Reason reason, int ikeNotify) {}

  /**
   * The engine names the peer's error notify in its close detail as {@code N(NAME)} (the notify
   * payload's text form): the only place the type survives.
   */
  private static Optional<NotifyType> notifyNamedIn(String detail) {
    return Arrays.stream(NotifyType.values())
        .filter(t -> t.id() < 16384 && detail.contains("N(" + t.name()))
        .findFirst();
  }
}
