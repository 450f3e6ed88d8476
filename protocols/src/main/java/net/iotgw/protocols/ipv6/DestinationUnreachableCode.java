package net.iotgw.protocols.ipv6;

/** Codes of Destination Unreachable (RFC 4443 §3.1). */
public enum DestinationUnreachableCode {
  NO_ROUTE(0),
  ADMINISTRATIVELY_PROHIBITED(1),
  BEYOND_SCOPE_OF_SOURCE(2),
  ADDRESS_UNREACHABLE(3),
  PORT_UNREACHABLE(4),
  SOURCE_ADDRESS_FAILED_POLICY(5),
  REJECT_ROUTE(6);

  private final int id;

  DestinationUnreachableCode(int id) {
    this.id = id;
  }

  /** The Code octet on the wire. */
  public int id() {
    return id;
  }
}
