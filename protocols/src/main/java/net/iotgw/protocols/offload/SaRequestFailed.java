package net.iotgw.protocols.offload;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The gateway could not open the SA a CD asked for ({@link SaRequest}): the CD stops waiting.
 *
 * @param requestId the request's number
 * @param reason why
 * @param ikeNotify the error notify type the UD answered (RFC 7296 §3.10.1), 0 when none: a
 *     detail for the CD's log, the reason is what it acts on
 * @param ud the UD the request named
 */
public record SaRequestFailed(int requestId, Reason reason, int ikeNotify, InetAddress ud) {

  public SaRequestFailed {
    if (requestId < 0 || requestId > 0xffff || ikeNotify < 0 || ikeNotify > 0xffff) {
      throw new IllegalArgumentException("request id and notify type are 16 bits");
    }
    if (reason == null || ud == null) {
      throw new IllegalArgumentException("a reason and the UD's address");
    }
  }

  /** Why, with its number on the wire. */
  public enum Reason {
    /** The CD has no IKE profile at the gateway (nobody to initiate as). */
    NO_IKE_PROFILE(1),
    /** The UD's address or identity is not among the peers the CD's policy allows. */
    PEER_NOT_ALLOWED(2),
    /** Transport mode asked, and the CD's profile does not allow it. */
    MODE_NOT_ALLOWED(3),
    /** A request to this UD is already under way, or the CD holds as many SAs as it may. */
    BUSY(4),
    /** The UD did not answer (RFC 7296 §2.4: every retransmission went unanswered). */
    TIMEOUT(5),
    /** The UD accepted none of the proposals (NO_PROPOSAL_CHOSEN). */
    NO_PROPOSAL_CHOSEN(6),
    /** Either side's AUTH failed, or the UD's identity was not the expected one. */
    AUTHENTICATION_FAILED(7),
    /** The IKE SA came up but the UD refused the CHILD_SA (TS_UNACCEPTABLE, ...). */
    CHILD_SA_REFUSED(8),
    /** The keys did not reach the CD, or the CD refused them. */
    KEY_DELIVERY_FAILED(9),
    /** Anything else: an error notify, a malformed answer. */
    OTHER(10);

    private final int id;

    Reason(int id) {
      this.id = id;
    }

    public int id() {
      return id;
    }

    public static Optional<Reason> of(int id) {
      for (Reason r : values()) {
        if (r.id == id) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }
}
