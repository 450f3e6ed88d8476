package net.iotgw.protocols.eap;

import java.util.Arrays;
import java.util.Optional;

/**
 * One EAP packet (RFC 3748 §4). Requests and Responses carry a type and its data; Success and
 * Failure carry nothing but the identifier (§4.2). The type is an int so that unknown methods
 * survive decoding and can be answered with a Nak (§5.3.1).
 */
public sealed interface EapPacket {

  /** 0..255; matches a Response to its Request (§4.1). */
  int identifier();

  EapCode code();

  /** A Request or Response: the two codes with a Type field. */
  sealed interface Typed extends EapPacket {
    int type();

    /** The bytes after the Type octet; for Expanded (§5.7) they begin with Vendor-Id and Type. */
    byte[] typeData();

    default Optional<EapType> knownType() {
      return EapType.of(type());
    }
  }

  record Request(int identifier, int type, byte[] typeData) implements Typed {
    public Request {
      checkIdentifier(identifier);
      checkType(type);
      typeData = typeData.clone();
    }

    @Override
    public byte[] typeData() {
      return typeData.clone();
    }

    @Override
    public EapCode code() {
      return EapCode.REQUEST;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Request r
          && r.identifier == identifier
          && r.type == type
          && Arrays.equals(r.typeData, typeData);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * identifier + type) + Arrays.hashCode(typeData);
    }

    @Override
    public String toString() {
      return "EAP Request[id " + identifier + ", type " + type + ", " + typeData.length + " bytes]";
    }
  }

  record Response(int identifier, int type, byte[] typeData) implements Typed {
    public Response {
      checkIdentifier(identifier);
      checkType(type);
      typeData = typeData.clone();
    }

    @Override
    public byte[] typeData() {
      return typeData.clone();
    }

    @Override
    public EapCode code() {
      return EapCode.RESPONSE;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Response r
          && r.identifier == identifier
          && r.type == type
          && Arrays.equals(r.typeData, typeData);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * identifier + type) + Arrays.hashCode(typeData) + 7;
    }

    @Override
    public String toString() {
      return "EAP Response[id " + identifier + ", type " + type + ", " + typeData.length + " bytes]";
    }
  }

  record Success(int identifier) implements EapPacket {
    public Success {
      checkIdentifier(identifier);
    }

    @Override
    public EapCode code() {
      return EapCode.SUCCESS;
    }
  }

  record Failure(int identifier) implements EapPacket {
    public Failure {
      checkIdentifier(identifier);
    }

    @Override
    public EapCode code() {
      return EapCode.FAILURE;
    }
  }

  private static void checkIdentifier(int identifier) {
    if (identifier < 0 || identifier > 255) {
      throw new IllegalArgumentException("EAP identifier out of range: " + identifier);
    }
  }

  private static void checkType(int type) {
    if (type < 1 || type > 255) {
      throw new IllegalArgumentException("EAP type out of range: " + type);
    }
  }
}
