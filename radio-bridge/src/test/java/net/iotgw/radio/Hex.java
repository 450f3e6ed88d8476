package net.iotgw.radio;

import java.util.HexFormat;

/** Test helper: bytes from hex written with spaces, as protocol specs print them. */
public final class Hex {
  private Hex() {}

  public static byte[] bytes(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  public static String of(byte[] b) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
  }
}
