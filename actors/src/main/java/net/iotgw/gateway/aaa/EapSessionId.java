package net.iotgw.gateway.aaa;

/**
 * One network entry in progress: the CD (its EUI-64, which RADIUS sends as Calling-Station-Id) and
 * the PANA session it runs in (RFC 5191 §6.2, a 32-bit number). A CD that joins again gets a new
 * PANA session id, hence a new EAP session.
 */
public record EapSessionId(long eui64, long panaSessionId) {

  @Override
  public String toString() {
    return "EapSessionId[" + Eui64Text.colons(eui64) + ", PANA session " + panaSessionId + "]";
  }
}
