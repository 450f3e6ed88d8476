package net.iotgw.protocols.ike.auth;

import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.crypto.Prf;

/**
 * The octets an IKE_AUTH AUTH payload signs or MACs (RFC 7296 §2.15):
 *
 * <pre>
 * InitiatorSignedOctets = RealMessage1 | NonceRData | prf(SK_pi, RestOfInitIDPayload)
 * ResponderSignedOctets = RealMessage2 | NonceIData | prf(SK_pr, RestOfRespIDPayload)
 * </pre>
 *
 * The signer's own first message, the <em>peer's</em> nonce, and the signer's own SK_p over its own
 * ID payload (paper-notes.md: the RFC, not Sec. III-D of the paper).
 */
public final class AuthOctets {
  private AuthOctets() {}

  /**
   * @param realMessage the signer's IKE_SA_INIT message exactly as sent, IKE header included
   *     (without the four zero octets of the non-ESP marker on port 4500)
   * @param peerNonce the Nonce Data of the peer's IKE_SA_INIT (no payload header)
   * @param skP the signer's SK_pi (initiator) or SK_pr (responder)
   * @param idPayloadBody the signer's IDi/IDr payload after its generic payload header: ID Type,
   *     three RESERVED octets, Identification Data
   */
  public static byte[] of(
      byte[] realMessage, byte[] peerNonce, PrfAlgorithm prf, byte[] skP, byte[] idPayloadBody) {
    byte[] macedId = Prf.of(prf).prf(skP, idPayloadBody);
    byte[] out = new byte[realMessage.length + peerNonce.length + macedId.length];
    System.arraycopy(realMessage, 0, out, 0, realMessage.length);
    System.arraycopy(peerNonce, 0, out, realMessage.length, peerNonce.length);
    System.arraycopy(macedId, 0, out, realMessage.length + peerNonce.length, macedId.length);
    return out;
  }
}
