package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/** Content equality and printing for the byte arrays that payload records hold. */
final class Octets {
  /** Enough to recognize a value in a log line without flooding it with a certificate. */
  private static final int PRINTED = 32;

  private Octets() {}

  static String brief(byte[] b) {
    if (b.length <= PRINTED) {
      return HexFormat.of().formatHex(b);
    }
    return HexFormat.of().formatHex(b, 0, PRINTED) + "...(" + b.length + " bytes)";
  }

  static List<byte[]> deepCopy(List<byte[]> list) {
    List<byte[]> out = new ArrayList<>(list.size());
    for (byte[] b : list) {
      out.add(b.clone());
    }
    return Collections.unmodifiableList(out);
  }

  static boolean equal(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  static int hash(List<byte[]> list) {
    int h = 1;
    for (byte[] b : list) {
      h = 31 * h + Arrays.hashCode(b);
    }
    return h;
  }

  static String brief(List<byte[]> list) {
    List<String> out = new ArrayList<>(list.size());
    for (byte[] b : list) {
      out.add(brief(b));
    }
    return out.toString();
  }
}
