package net.iotgw.protocols.sixlowpan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * IPHC address compression (RFC 6282 §3.1.1, §3.2.2). {@link #expand} is the one definition of
 * what each encoding means; the compressor proposes encodings and keeps those that {@link #expand}
 * turns back into the address, so the two directions cannot disagree.
 */
final class Addresses {
  private static final byte[] LINK_LOCAL_PREFIX = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0};

  private Addresses() {}

  /** Copies the first {@code bits} bits of {@code from} over {@code to}. */
  static void copyPrefix(byte[] from, byte[] to, int bits) {
    int whole = bits / 8;
    System.arraycopy(from, 0, to, 0, whole);
    int rest = bits % 8;
    if (rest != 0) {
      int mask = (0xff00 >> rest) & 0xff;
      to[whole] = (byte) ((from[whole] & mask) | (to[whole] & ~mask));
    }
  }

  /**
   * The address an encoding stands for.
   *
   * @param context the context the field names; ignored unless {@link AddressField#usesContext()}
   * @param link the frame's link-layer address on this side, for the modes that elide the IID
   */
  static byte[] expand(AddressField f, Context context, LinkAddress link) {
    byte[] a = new byte[16];
    byte[] in = f.inline();
    if (f.multicast()) {
      a[0] = (byte) 0xff;
      if (f.contextBased()) {
        // ffXX:XXLL:PPPP:PPPP:PPPP:PPPP:XXXX:XXXX, unicast-prefix-based (RFC 3306)
        a[1] = in[0];
        a[2] = in[1];
        a[3] = (byte) context.prefixLength();
        System.arraycopy(context.prefixBytes(), 0, a, 4, 8);
        System.arraycopy(in, 2, a, 12, 4);
        return a;
      }
      switch (f.mode()) {
        case 0 -> System.arraycopy(in, 0, a, 0, 16);
        case 1 -> {
          a[1] = in[0];
          System.arraycopy(in, 1, a, 11, 5);
        }
        case 2 -> {
          a[1] = in[0];
          System.arraycopy(in, 1, a, 13, 3);
        }
        default -> {
          a[1] = 0x02;
          a[15] = in[0];
        }
      }
      return a;
    }
    if (f.isUnspecifiedSource()) {
      return a;
    }
    switch (f.mode()) {
      case 0 -> System.arraycopy(in, 0, a, 0, 16);
      case 1 -> System.arraycopy(in, 0, a, 8, 8);
      case 2 -> System.arraycopy(LinkAddress.shortFormIid(((in[0] & 0xff) << 8) | (in[1] & 0xff)),
          0, a, 8, 8);
      default -> System.arraycopy(link.interfaceIdentifier(), 0, a, 8, 8);
    }
    if (f.contextBased()) {
      // Bits the context covers win, even inside the IID; bits between the prefix and the IID
      // stay zero (RFC 6282 §3.1.1, SAM=01).
      copyPrefix(context.prefixBytes(), a, context.prefixLength());
    } else if (f.mode() != 0) {
      System.arraycopy(LINK_LOCAL_PREFIX, 0, a, 0, 8);
    }
    return a;
  }

  /** The encodings of a source address, shortest first, stateless before context-based. */
  static List<AddressField> sourceChoices(byte[] addr, LinkAddress link, ContextTable contexts) {
    List<AddressField> out = new ArrayList<>();
    if (isUnspecified(addr)) {
      out.add(new AddressField(true, false, 0, 0, new byte[0]));
    }
    unicastChoices(addr, link, contexts, out);
    out.sort(Comparator.comparingInt(f -> f.inline().length));
    return out;
  }

  /** The encodings of a destination address, shortest first, stateless before context-based. */
  static List<AddressField> destinationChoices(
      byte[] addr, LinkAddress link, ContextTable contexts) {
    List<AddressField> out = new ArrayList<>();
    if ((addr[0] & 0xff) == 0xff) {
      multicastChoices(addr, contexts, out);
    } else {
      unicastChoices(addr, link, contexts, out);
    }
    out.sort(Comparator.comparingInt(f -> f.inline().length));
    return out;
  }

  private static void unicastChoices(
      byte[] addr, LinkAddress link, ContextTable contexts, List<AddressField> out) {
    for (int mode = 3; mode >= 1; mode--) {
      keepIfExact(unicast(addr, false, mode, 0), null, link, addr, out);
    }
    for (Context c : contexts.forCompression()) {
      for (int mode = 3; mode >= 1; mode--) {
        keepIfExact(unicast(addr, true, mode, c.id()), c, link, addr, out);
      }
    }
    out.add(new AddressField(false, false, 0, 0, addr.clone()));
  }

  private static AddressField unicast(byte[] addr, boolean ctx, int mode, int id) {
    byte[] in = switch (mode) {
      case 1 -> Arrays.copyOfRange(addr, 8, 16);
      case 2 -> Arrays.copyOfRange(addr, 14, 16);
      default -> new byte[0];
    };
    return new AddressField(ctx, false, mode, ctx ? id : 0, in);
  }

  private static void multicastChoices(byte[] addr, ContextTable contexts, List<AddressField> out) {
    byte[][] inlines = {
      {addr[15]},
      {addr[1], addr[13], addr[14], addr[15]},
      {addr[1], addr[11], addr[12], addr[13], addr[14], addr[15]}
    };
    for (int i = 0; i < inlines.length; i++) {
      keepIfExact(new AddressField(false, true, 3 - i, 0, inlines[i]), null, null, addr, out);
    }
    for (Context c : contexts.forCompression()) {
      if (c.prefixLength() <= 64) {
        byte[] in = {addr[1], addr[2], addr[12], addr[13], addr[14], addr[15]};
        keepIfExact(new AddressField(true, true, 0, c.id(), in), c, null, addr, out);
      }
    }
    out.add(new AddressField(false, true, 0, 0, addr.clone()));
  }

  private static void keepIfExact(
      AddressField f, Context c, LinkAddress link, byte[] addr, List<AddressField> out) {
    if (Arrays.equals(expand(f, c, link), addr)) {
      out.add(f);
    }
  }

  static boolean isUnspecified(byte[] addr) {
    for (byte b : addr) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
