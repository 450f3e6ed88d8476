package net.iotgw.protocols.ike.codec;

import java.util.List;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;

/**
 * Decodes IKEv2 messages (RFC 7296 §3) from untrusted bytes. Total: any input yields a value or a
 * {@link DecodeError}, never an exception, and nothing is allocated beyond what the input's own
 * bytes can fill. Error kinds and what RFC 7296 has an engine answer (§2.21, §3.10.1; see {@link
 * #notifyTypeFor}):
 *
 * <ul>
 *   <li>{@code UNSUPPORTED}: the major version is not 2; {@code code} is the major version
 *       received. A higher one is answered with INVALID_MAJOR_VERSION (§2.5).
 *   <li>{@code UNSUPPORTED_CRITICAL_PAYLOAD}: {@code code} is the payload type, the one-octet
 *       notification data of the UNSUPPORTED_CRITICAL_PAYLOAD notify.
 *   <li>{@code TRUNCATED}, {@code BAD_LENGTH}, {@code INVALID_SYNTAX}: INVALID_SYNTAX, or a silent
 *       drop for a message that could not be authenticated.
 * </ul>
 *
 * A datagram from UDP port 4500 is given without its 4-byte non-ESP marker (RFC 3948 §2.2).
 */
public final class IkeDecoder {
  private IkeDecoder() {}

  /**
   * Header and outer payload chain. The header Length must equal the datagram's length, and an SK
   * or SKF payload must end the chain; what it encrypts is left for {@link #decodePayloads}.
   */
  public static Decoded<IkeMessage> decode(byte[] datagram) {
    try {
      WireReader r = new WireReader(datagram);
      IkeHeader header = IkeHeader.read(r);
      if (header.majorVersion() != IkeHeader.IKEV2_MAJOR_VERSION) {
        return Decoded.failed(
            new DecodeError(
                DecodeError.Kind.UNSUPPORTED,
                IkeHeader.VERSION_OFFSET,
                "INVALID_MAJOR_VERSION: major version " + header.majorVersion(),
                header.majorVersion()));
      }
      if (header.length() != datagram.length) {
        return Decoded.failed(
            new DecodeError(
                DecodeError.Kind.BAD_LENGTH,
                IkeHeader.LENGTH_OFFSET,
                "header length " + header.length() + " in a datagram of " + datagram.length));
      }
      List<Payload> payloads = PayloadChainReader.read(r, header.nextPayload(), true);
      return Decoded.ok(new IkeMessage(header, payloads));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  /**
   * Only the fixed header, unjudged: what an engine needs to address an error notify when {@link
   * #decode} failed (SPIs, message ID, exchange type).
   */
  public static Decoded<IkeHeader> decodeHeader(byte[] datagram) {
    try {
      return Decoded.ok(IkeHeader.read(new WireReader(datagram)));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  /**
   * The payloads inside a decrypted SK payload (or a reassembled SKF message), padding already
   * removed: {@code firstPayloadType} is the SK header's Next Payload field, offsets in errors
   * count from the plaintext's start.
   */
  public static Decoded<List<Payload>> decodePayloads(int firstPayloadType, byte[] plaintext) {
    try {
      return Decoded.ok(
          PayloadChainReader.read(new WireReader(plaintext), firstPayloadType, false));
    } catch (Malformed m) {
      return Decoded.failed(m.error());
    }
  }

  /** The error notify RFC 7296 §3.10.1 pairs with a decode failure of this class. */
  public static NotifyType notifyTypeFor(DecodeError error) {
    return switch (error.kind()) {
      case UNSUPPORTED -> NotifyType.INVALID_MAJOR_VERSION;
      case UNSUPPORTED_CRITICAL_PAYLOAD -> NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD;
      case AUTHENTICATION_FAILED -> NotifyType.AUTHENTICATION_FAILED;
      case TRUNCATED, BAD_LENGTH, INVALID_SYNTAX -> NotifyType.INVALID_SYNTAX;
    };
  }
}
