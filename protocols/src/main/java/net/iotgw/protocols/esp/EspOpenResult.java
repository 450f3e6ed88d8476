package net.iotgw.protocols.esp;

import java.util.OptionalLong;

/** The outcome of {@link EspPacket#open}: the protected payload, or why the packet was dropped. */
public sealed interface EspOpenResult {

  /**
   * An authentic, fresh packet. A {@link EspPayload.Mode#DUMMY} payload (Next Header 59) must
   * still be discarded by the caller (RFC 4303 §2.6).
   *
   * @param sequenceNumber the full sequence number (unsigned; 64-bit with ESN)
   */
  record Accepted(long sequenceNumber, EspPayload payload) implements EspOpenResult {}

  /**
   * A packet that must be discarded. ICV failures and replays are auditable events (RFC 4303
   * §3.4.3, §3.4.4): log the SPI, addresses and {@code sequenceNumber}, never the bytes.
   *
   * @param sequenceNumber the (inferred) sequence number, when the header was long enough
   */
  record Dropped(Reason reason, OptionalLong sequenceNumber) implements EspOpenResult {}

  /** Why a packet was dropped, in the order the checks run. */
  enum Reason {
    /** Shorter than header, IV, the smallest encrypted trailer and ICV together. */
    TOO_SHORT,
    /** The encrypted part is not a multiple of the cipher's padding alignment (§2.4). */
    MISALIGNED,
    /** Not this SA's SPI. */
    SPI_MISMATCH,
    /** A duplicate or older than the anti-replay window (§3.4.3); checked before the ICV. */
    REPLAYED,
    /** The ICV did not verify (§3.4.4); the window is left untouched. */
    ICV_FAILED,
    /** Authentic, but Pad Length overruns the data or the padding is not 1, 2, 3, ... (§2.4). */
    BAD_PADDING
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }
}
