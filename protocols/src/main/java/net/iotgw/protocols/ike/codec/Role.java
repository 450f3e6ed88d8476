package net.iotgw.protocols.ike.codec;

/**
 * Which party a payload names, the only difference between IDi/IDr (RFC 7296 §3.5) and TSi/TSr
 * (§3.13) on the wire. For IDs that is the original initiator or responder of the IKE SA; for
 * traffic selectors, the initiator or responder of the exchange that carries them (§2.9).
 */
public enum Role {
  INITIATOR,
  RESPONDER
}
