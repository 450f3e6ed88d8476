package net.iotgw.protocols.sixlowpan;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;

/**
 * One link fragment of a 6LoWPAN datagram (RFC 4944 §5.3). Sizes and offsets count bytes of the
 * uncompressed IPv6 packet, while the first fragment carries the compressed header (RFC 6282 §2):
 * {@link #offset} and {@link #extent} place a fragment in uncompressed terms, {@link #payload} is
 * what it carries.
 */
public sealed interface Fragment permits FirstFragment, SubsequentFragment {
  /** RFC 4944 §5.3: datagram_size is 11 bits. */
  int MAX_DATAGRAM_SIZE = 2047;

  int FIRST_HEADER = 4;
  int SUBSEQUENT_HEADER = 5;

  /** datagram_size: bytes of the whole uncompressed IPv6 packet. */
  int datagramSize();

  /** datagram_tag. */
  int tag();

  /** Where this fragment starts in the uncompressed packet, in bytes. */
  int offset();

  /** How many bytes of the uncompressed packet this fragment stands for. */
  int extent();

  /** What the fragment carries after its fragmentation header. */
  byte[] payload();

  /** Bytes of {@link #payload()} held, without copying it. */
  int payloadLength();

  /** The frame payload: fragmentation header, then {@link #payload()}. */
  byte[] encode();

  /** Whether a frame payload starts with a FRAG1 or FRAGN dispatch. */
  static boolean isFragment(byte[] framePayload) {
    if (framePayload.length == 0) {
      return false;
    }
    int d = framePayload[0] & 0xf8;
    return d == FirstFragment.DISPATCH || d == SubsequentFragment.DISPATCH;
  }

  /**
   * Decodes a frame payload that starts with a fragmentation header. A first fragment must hold the
   * whole compressed header (RFC 6282 §2); every fragment must lie within datagram_size and carry at
   * least one byte of it; a subsequent fragment at offset 0 is refused, that place being the first
   * fragment's.
   */
  static Decoded<Fragment> decode(byte[] framePayload) {
    try {
      WireReader r = new WireReader(framePayload);
      int b0 = r.u8("fragmentation header");
      int size = ((b0 & 7) << 8) | r.u8("datagram_size");
      int tag = r.u16("datagram_tag");
      if (size == 0) {
        throw new Malformed(DecodeError.Kind.BAD_LENGTH, 0, "datagram_size 0");
      }
      Fragment f;
      if ((b0 & 0xf8) == FirstFragment.DISPATCH) {
        byte[] payload = r.rest();
        Decoded<HeaderSizes> measured = IphcDecompressor.measure(payload, 0, payload.length);
        if (measured instanceof Decoded.Failed<HeaderSizes> failed) {
          throw new Malformed(shift(failed.error()));
        }
        HeaderSizes h = measured.orThrow();
        checkWithin(0, h.uncompressed() + payload.length - h.compressed(), size);
        f = new FirstFragment(size, tag, payload, h);
      } else if ((b0 & 0xf8) == SubsequentFragment.DISPATCH) {
        int units = r.u8("datagram_offset");
        if (units == 0) {
          throw new Malformed(DecodeError.Kind.INVALID_SYNTAX, 4, "FRAGN at offset 0");
        }
        checkWithin(units * 8, r.remaining(), size);
        f = new SubsequentFragment(size, tag, units, r.rest());
      } else {
        throw new Malformed(new DecodeError(
            DecodeError.Kind.INVALID_SYNTAX, 0, "not a fragmentation header", b0));
      }
      return Decoded.ok(f);
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  private static void checkWithin(int offset, int extent, int size) throws Malformed {
    if (extent <= 0 || offset + extent > size) {
      throw new Malformed(DecodeError.Kind.BAD_LENGTH, 0,
          "fragment covers [" + offset + ", " + (offset + extent) + ") of a " + size
              + "-byte datagram");
    }
  }

  private static DecodeError shift(DecodeError e) {
    return new DecodeError(e.kind(), e.offset() + FIRST_HEADER, e.detail(), e.code());
  }
}
