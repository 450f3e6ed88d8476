package net.iotgw.protocols.eap.psk;

/** Why an EAP-PSK exchange ended without authentication (RFC 4764 §5, §6). */
public enum PskFailure {
  /** Server: no PSK for ID_P. */
  UNKNOWN_PEER,
  /** Server: the peer answered the EAP-PSK request with a Nak (RFC 3748 §5.3.1). */
  PEER_DECLINED,
  /** Server: MAC_P did not verify: wrong PSK, or a forged message 2 (§5.2). */
  BAD_MAC_P,
  /** Peer: MAC_S did not verify: the server does not hold our PSK (§5.3). */
  BAD_MAC_S,
  /** Either side: the PCHANNEL tag did not verify (§5.3, §5.4). */
  BAD_PCHANNEL,
  /** Either side: a PCHANNEL with R = CONT, an extension, or a nonce at its limit. */
  PCHANNEL_UNSUPPORTED,
  /** Either side: the other side's PCHANNEL said DONE_FAILURE. */
  RESULT_FAILURE,
  /** Peer: the authenticator sent EAP-Failure (RFC 3748 §4.2). */
  EAP_FAILURE
}
