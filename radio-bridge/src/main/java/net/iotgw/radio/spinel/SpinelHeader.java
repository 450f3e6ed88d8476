package net.iotgw.radio.spinel;

import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;

/**
 * The first byte of every Spinel frame (spinel.h "Header Format"): {@code FLG} in bits 7-6, always
 * binary 10; the interface id {@code IID} in bits 5-4; the transaction id {@code TID} in bits 3-0.
 *
 * <p>TID semantics (spinel.h, same section): a reply carries the IID and TID of the command it
 * answers; TID 0 marks frames that expect or are no correlated response, notably every unsolicited
 * update from the RCP (received frames, the reset status). A host therefore sends requests with a
 * TID from 1 to 15 ({@link TidPool}) and matches replies on it. Exceptions a host must know: {@code
 * CMD_RESET} ignores the TID (the answer is an unsolicited LAST_STATUS), and a STREAM_RAW transmit
 * is answered only when the radio is done, by a LAST_STATUS with the transmit's TID.
 */
public record SpinelHeader(int iid, int tid) {
  /** SPINEL_HEADER_FLAG: FLG = 0b10 in the top two bits. */
  public static final int FLAG = 0x80;

  static final int FLAG_MASK = 0xC0;
  public static final int MAX_IID = 3;
  public static final int MAX_TID = 15;

  public SpinelHeader {
    if (iid < 0 || iid > MAX_IID) {
      throw new IllegalArgumentException("IID out of range: " + iid);
    }
    if (tid < 0 || tid > MAX_TID) {
      throw new IllegalArgumentException("TID out of range: " + tid);
    }
  }

  /** IID 0, as a single-radio host uses. */
  public static SpinelHeader tid(int tid) {
    return new SpinelHeader(0, tid);
  }

  /** IID 0, TID 0. */
  public static SpinelHeader unsolicited() {
    return new SpinelHeader(0, 0);
  }

  public boolean isUnsolicited() {
    return tid == 0;
  }

  public int toByte() {
    return FLAG | (iid << 4) | tid;
  }

  /**
   * spinel.h: "Any frame received with these bits set to any other value else MUST NOT be
   * considered a Spinel frame."
   */
  static SpinelHeader read(WireReader r) throws Malformed {
    int b = r.u8("Spinel header");
    if ((b & FLAG_MASK) != FLAG) {
      throw new Malformed(
          DecodeError.Kind.INVALID_SYNTAX, 0, "Spinel header flag bits are not 0b10: " + b);
    }
    return new SpinelHeader((b >>> 4) & MAX_IID, b & MAX_TID);
  }
}
