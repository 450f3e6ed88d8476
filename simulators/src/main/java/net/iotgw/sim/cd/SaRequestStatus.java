package net.iotgw.sim.cd;

import java.util.Optional;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.offload.SaRequestFailed;

/**
 * Where one of a CD's requests for an SA to a UD stands ({@link SimulatedCd#requestSa}), and the
 * echo traffic it has carried.
 *
 * @param requestId the CD's number for the request
 * @param ud the UD asked for
 * @param outcome where it stands
 * @param failure the gateway's reason, when it answered {@link Outcome#FAILED}
 * @param ikeNotify the UD's error notify type the gateway passed on, else 0
 * @param echoRequestsSent ICMPv6 echo requests the CD sent the UD through ESP
 * @param echoRepliesReceived echo replies from the UD that arrived through ESP and verified
 */
public record SaRequestStatus(int requestId, Ipv6Address ud, Outcome outcome,
    Optional<SaRequestFailed.Reason> failure, int ikeNotify, long echoRequestsSent,
    long echoRepliesReceived) {

  public enum Outcome {
    /** Waiting for the PANA session to be free (another request of the CD's is outstanding). */
    QUEUED,
    /** Sent; no answer yet. */
    REQUESTED,
    /** The gateway delivered the keys of an SA with the UD, the CD as its initiator. */
    ESTABLISHED,
    /** The gateway answered that it could not open the SA. */
    FAILED,
    /** Neither answer within the CD's patience ({@link CdSaRequests#PATIENCE_MILLIS}). */
    NO_ANSWER
  }

  /** One line for a status output: {@code sa-request 1 2001:db8::2 ESTABLISHED echo 3/3}. */
  public String line() {
    return "sa-request " + requestId + " " + ud + " " + outcome
        + failure.map(r -> " " + r + (ikeNotify == 0 ? "" : " notify " + ikeNotify)).orElse("")
        + " echo " + echoRepliesReceived + "/" + echoRequestsSent;
  }
}
