package net.iotgw.protocols.sixlowpan;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One entry of the 6LoWPAN context table (RFC 6282 §3.1.2, RFC 6775 §4.2): a prefix shared by the
 * nodes of the network so that IPHC can elide it. In this gateway the CD prefix is context 0, the
 * one a header without the CID extension uses.
 *
 * @param id the context identifier, 0 to 15
 * @param prefix 16 bytes; bits past {@code prefixLength} are zero (the constructor clears them)
 * @param prefixLength 0 to 128
 * @param compression whether the compressor may use it; RFC 6775 §7.2 keeps a context valid for
 *     decompression only while it is being withdrawn (the C flag of the 6LoWPAN Context Option)
 */
public record Context(int id, byte[] prefix, int prefixLength, boolean compression) {

  public Context {
    if (id < 0 || id > 15) {
      throw new IllegalArgumentException("context id is 4 bits: " + id);
    }
    if (prefixLength < 0 || prefixLength > 128) {
      throw new IllegalArgumentException("prefix length " + prefixLength);
    }
    if (prefix.length > 16) {
      throw new IllegalArgumentException("prefix is at most 16 bytes");
    }
    byte[] p = Arrays.copyOf(prefix, 16);
    prefix = new byte[16];
    Addresses.copyPrefix(p, prefix, prefixLength);
  }

  /** A context used for both compression and decompression. */
  public Context(int id, byte[] prefix, int prefixLength) {
    this(id, prefix, prefixLength, true);
  }

  @Override
  public byte[] prefix() {
    return prefix.clone();
  }

  /** The prefix without a defensive copy, for this package's hot paths. */
  byte[] prefixBytes() {
    return prefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Context c
        && id == c.id
        && prefixLength == c.prefixLength
        && compression == c.compression
        && Arrays.equals(prefix, c.prefix);
  }

  @Override
  public int hashCode() {
    return ((id * 31 + prefixLength) * 31 + Boolean.hashCode(compression)) * 31
        + Arrays.hashCode(prefix);
  }

  @Override
  public String toString() {
    return "Context["
        + id
        + ": "
        + HexFormat.of().formatHex(prefix)
        + "/"
        + prefixLength
        + (compression ? "" : ", decompression only")
        + "]";
  }
}
