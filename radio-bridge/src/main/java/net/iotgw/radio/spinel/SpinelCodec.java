package net.iotgw.radio.spinel;

import java.util.OptionalInt;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * Spinel frames to and from the bytes inside one HDLC-Lite frame (spinel.h "Frame Format": header
 * byte, packed command, payload). Both directions are covered, so the same codec serves the host
 * and the dongle emulator.
 *
 * <p>{@link #decode} is total: anything malformed is a {@link Decoded.Failed} with a typed {@link
 * DecodeError}; no allocation exceeds the input's length.
 */
public final class SpinelCodec {

  /** SPINEL_FRAME_MAX_SIZE: the largest Spinel frame, header included. */
  public static final int MAX_FRAME_SIZE = 1300;

  private SpinelCodec() {}

  public static Decoded<SpinelFrame> decode(byte[] hdlcPayload) {
    if (hdlcPayload.length > MAX_FRAME_SIZE) {
      return Decoded.failed(
          new DecodeError(
              DecodeError.Kind.BAD_LENGTH,
              0,
              "Spinel frame of " + hdlcPayload.length + " bytes exceeds " + MAX_FRAME_SIZE));
    }
    try {
      WireReader r = new WireReader(hdlcPayload);
      SpinelHeader header = SpinelHeader.read(r);
      int command = PackedUint.read(r, "command");
      return Decoded.ok(new SpinelFrame(header, readMessage(command, r)));
    } catch (Malformed e) {
      return Decoded.failed(e.error());
    }
  }

  public static byte[] encode(SpinelFrame frame) {
    WireWriter w = new WireWriter(64);
    w.u8(frame.header().toByte());
    SpinelMessage m = frame.message();
    PackedUint.write(w, m.commandId());
    if (m instanceof SpinelMessage.Reset reset) {
      reset.resetType().ifPresent(w::u8);
    } else if (m instanceof SpinelMessage.PropGet get) {
      PackedUint.write(w, get.propertyId());
    } else if (m instanceof SpinelMessage.PropValue pv) {
      PackedUint.write(w, pv.value().propertyId());
      PropertyValueCodec.write(w, pv.value());
    } else if (m instanceof SpinelMessage.Unknown u) {
      w.bytes(u.payload());
    }
    byte[] out = w.toByteArray();
    if (out.length > MAX_FRAME_SIZE) {
      throw new IllegalArgumentException(
          "Spinel frame of " + out.length + " bytes exceeds " + MAX_FRAME_SIZE);
    }
    return out;
  }

  /**
   * The payload rules of each command (spinel.h, SPINEL_CMD_*). Trailing bytes after a NOOP, RESET
   * or GET payload are ignored like any appended field.
   */
  private static SpinelMessage readMessage(int command, WireReader r) throws Malformed {
    var known = SpinelCommand.of(command);
    if (known.isEmpty()) {
      return new SpinelMessage.Unknown(command, r.rest());
    }
    return switch (known.get()) {
      case NOOP -> new SpinelMessage.Noop();
      case RESET -> new SpinelMessage.Reset(
          r.hasRemaining() ? OptionalInt.of(r.u8("reset type")) : OptionalInt.empty());
      case PROP_VALUE_GET -> new SpinelMessage.PropGet(PackedUint.read(r, "property"));
      default -> {
        int property = PackedUint.read(r, "property");
        yield new SpinelMessage.PropValue(
            known.get(), PropertyValueCodec.read(known.get(), property, r));
      }
    };
  }
}
