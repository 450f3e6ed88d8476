package net.iotgw.radio.hdlc;

import java.util.Arrays;

/** What {@link HdlcDecoder} makes of the bytes between two flags. */
public sealed interface HdlcEvent {

  /** A frame whose FCS checked out; {@code payload} excludes the FCS. */
  record Frame(byte[] payload) implements HdlcEvent {
    public Frame {
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    public int length() {
      return payload.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Frame f && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return "Frame[" + payload.length + " bytes]";
    }
  }

  /**
   * A frame that was thrown away. {@code length} is the number of unescaped bytes seen before the
   * decision (for {@link DropReason#OVERSIZE}: the buffer capacity, the rest is skipped unseen).
   */
  record Dropped(DropReason reason, int length) implements HdlcEvent {}

  enum DropReason {
    /** The FCS-16 residue was not {@link Fcs16#GOOD}: line noise or a lost byte. */
    BAD_FCS,
    /** One byte between flags: too short to hold even the FCS. */
    RUNT,
    /** More bytes than the decoder's maximum frame size; skipped up to the next flag. */
    OVERSIZE,
    /** An escape byte directly followed by a flag (RFC 1662 §4.2 abort sequence). */
    ABORTED
  }
}
