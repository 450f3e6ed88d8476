package net.iotgw.protocols.ike.codec;

import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The fixed IKE header (RFC 7296 §3.1). {@code nextPayload} and {@code length} are what a decoded
 * message carried; {@link IkeEncoder} ignores both and writes the values of the payloads it is
 * given, so a header built for sending may leave them 0 (see {@link #of}).
 *
 * @param spiI the initiator's IKE SPI
 * @param spiR the responder's IKE SPI, 0 in an IKE_SA_INIT request
 * @param nextPayload type of the first payload
 * @param majorVersion 2 for IKEv2
 * @param minorVersion sent as 0, ignored on receipt
 * @param exchangeType an {@link ExchangeType} number, or any other for an unknown exchange
 * @param initiator the I flag: sent by the original initiator of the IKE SA
 * @param version the V flag: the sender could speak a higher major version
 * @param response the R flag: this message answers a request with the same message ID
 * @param messageId unsigned 32 bits
 * @param length of the whole message including this header, unsigned 32 bits
 */
public record IkeHeader(
    long spiI,
    long spiR,
    int nextPayload,
    int majorVersion,
    int minorVersion,
    int exchangeType,
    boolean initiator,
    boolean version,
    boolean response,
    long messageId,
    long length) {

  /** Bytes in the fixed header. */
  public static final int LENGTH = 28;

  public static final int IKEV2_MAJOR_VERSION = 2;

  /** Offset of the major/minor version octet, where an INVALID_MAJOR_VERSION error points. */
  static final int VERSION_OFFSET = 17;

  /** Offset of the Length field, patched by the encoder once the payloads are written. */
  static final int LENGTH_OFFSET = 24;

  private static final int FLAG_I = 0x08;
  private static final int FLAG_V = 0x10;
  private static final int FLAG_R = 0x20;

  public IkeHeader {
    FieldRange.u8(nextPayload, "next payload");
    if (majorVersion < 0 || majorVersion > 15 || minorVersion < 0 || minorVersion > 15) {
      throw new IllegalArgumentException("versions are 4-bit fields");
    }
    FieldRange.u8(exchangeType, "exchange type");
    FieldRange.u32(messageId, "message ID");
    FieldRange.u32(length, "length");
  }

  /** A header for sending: IKEv2, V flag clear, Next Payload and Length left to the encoder. */
  public static IkeHeader of(
      long spiI,
      long spiR,
      ExchangeType exchangeType,
      boolean initiator,
      boolean response,
      long messageId) {
    return new IkeHeader(
        spiI,
        spiR,
        0,
        IKEV2_MAJOR_VERSION,
        0,
        exchangeType.id(),
        initiator,
        false,
        response,
        messageId,
        0);
  }

  /** This header with the two fields that follow from the payloads. */
  public IkeHeader withChain(int nextPayload, long length) {
    return new IkeHeader(
        spiI,
        spiR,
        nextPayload,
        majorVersion,
        minorVersion,
        exchangeType,
        initiator,
        version,
        response,
        messageId,
        length);
  }

  /** Reads the 28 bytes without judging them: version and length are checked by the decoder. */
  static IkeHeader read(WireReader r) throws Malformed {
    long spiI = r.u64("IKE SPIi");
    long spiR = r.u64("IKE SPIr");
    int next = r.u8("next payload");
    int versions = r.u8("version");
    int exchange = r.u8("exchange type");
    // Flags other than I, V and R are reserved: ignored on receipt (RFC 7296 §3.1).
    int flags = r.u8("flags");
    long messageId = r.u32("message ID");
    long length = r.u32("length");
    return new IkeHeader(
        spiI,
        spiR,
        next,
        versions >>> 4,
        versions & 0x0f,
        exchange,
        (flags & FLAG_I) != 0,
        (flags & FLAG_V) != 0,
        (flags & FLAG_R) != 0,
        messageId,
        length);
  }

  /** Writes this header with the given chain head and length. */
  void write(WireWriter out, int firstPayload, long messageLength) {
    out.u64(spiI)
        .u64(spiR)
        .u8(firstPayload)
        .u8((majorVersion << 4) | minorVersion)
        .u8(exchangeType)
        .u8((initiator ? FLAG_I : 0) | (version ? FLAG_V : 0) | (response ? FLAG_R : 0))
        .u32(messageId)
        .u32(messageLength);
  }
}
