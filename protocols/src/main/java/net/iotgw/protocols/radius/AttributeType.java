package net.iotgw.protocols.radius;

/**
 * Attribute type numbers this gateway reads or writes (RFC 2865 §5, RFC 3162, RFC 3579, RFC
 * 4072). Plain constants, not an enum: unknown types are legal on the wire and kept raw.
 */
public final class AttributeType {
  public static final int USER_NAME = 1;
  public static final int USER_PASSWORD = 2;
  public static final int NAS_IP_ADDRESS = 4;
  public static final int NAS_PORT = 5;
  public static final int SERVICE_TYPE = 6;
  public static final int FRAMED_MTU = 12;
  public static final int REPLY_MESSAGE = 18;
  public static final int STATE = 24;
  public static final int CLASS = 25;
  public static final int VENDOR_SPECIFIC = 26;
  public static final int SESSION_TIMEOUT = 27;
  public static final int CALLED_STATION_ID = 30;
  public static final int CALLING_STATION_ID = 31;
  public static final int NAS_IDENTIFIER = 32;
  public static final int NAS_PORT_TYPE = 61;
  public static final int CONNECT_INFO = 77;
  public static final int EAP_MESSAGE = 79;
  public static final int MESSAGE_AUTHENTICATOR = 80;
  public static final int NAS_IPV6_ADDRESS = 95;
  public static final int EAP_KEY_NAME = 102;

  private AttributeType() {}
}
