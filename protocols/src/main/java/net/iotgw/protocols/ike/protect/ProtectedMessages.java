package net.iotgw.protocols.ike.protect;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.ike.codec.EncryptedFragmentPayload;
import net.iotgw.protocols.ike.codec.EncryptedPayload;
import net.iotgw.protocols.ike.codec.FragmentSplitter;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeEncoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;

/**
 * Where the codec meets the SK cipher: IKE messages whose payloads travel inside an Encrypted
 * and Authenticated payload (RFC 7296 §3.14) or, when too large for one datagram, inside
 * Encrypted Fragment payloads (RFC 7383 §2.5).
 *
 * <p>The associated data is every byte of the datagram before the SK body: the IKE header, any
 * unencrypted payloads and the SK header (with SKF, its Fragment Number and Total Fragments too).
 * On receipt it is taken from the received bytes, never from a re-encoding, because a peer may
 * set reserved bits that the codec does not keep.
 */
public final class ProtectedMessages {
  private ProtectedMessages() {}

  /** The datagram carrying {@code inner} in an SK payload after the {@code clear} payloads. */
  public static byte[] seal(
      IkeHeader header, List<Payload> clear, List<Payload> inner, IkeCipher cipher, SecureRandom random) {
    byte[] plaintext = IkeEncoder.encodePayloads(inner);
    int firstInner = IkeEncoder.firstPayloadType(inner);
    byte[] prefix =
        IkeEncoder.encodeSkPrefix(header, clear, firstInner, cipher.bodyLength(plaintext.length));
    byte[] body = cipher.seal(prefix, plaintext, random);
    Arrays.fill(plaintext, (byte) 0);
    return concat(prefix, body);
  }

  /**
   * The datagrams carrying {@code inner}: one SK datagram if it fits in {@code maxDatagram}
   * bytes, else SKF fragments each within it (RFC 7383 §2.5.1; {@code maxDatagram} is the IKE
   * message size, without IP, UDP or the non-ESP marker, which the caller subtracts).
   */
  public static List<byte[]> sealFragmented(
      IkeHeader header, List<Payload> inner, IkeCipher cipher, int maxDatagram, SecureRandom random) {
    byte[] whole = seal(header, List.of(), inner, cipher, random);
    if (whole.length <= maxDatagram) {
      return List.of(whole);
    }
    byte[] plaintext = IkeEncoder.encodePayloads(inner);
    int firstInner = IkeEncoder.firstPayloadType(inner);
    int maxChunk =
        FragmentSplitter.maxChunkLength(
            maxDatagram, cipher.ivLength(), cipher.icvLength(), cipher.blockSize());
    List<byte[]> chunks = FragmentSplitter.split(plaintext, maxChunk);
    List<byte[]> datagrams = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      byte[] chunk = chunks.get(i);
      int number = i + 1;
      byte[] prefix =
          IkeEncoder.encodeSkfPrefix(
              header, List.of(), number == 1 ? firstInner : 0, number, chunks.size(),
              cipher.bodyLength(chunk.length));
      datagrams.add(concat(prefix, cipher.seal(prefix, chunk, random)));
      Arrays.fill(chunk, (byte) 0);
    }
    Arrays.fill(plaintext, (byte) 0);
    return datagrams;
  }

  /**
   * Verifies and decrypts the SK payload of a received message and decodes the payloads inside.
   *
   * @param datagram the bytes as received (the IKE message, non-ESP marker removed)
   * @param message {@code datagram} decoded; its last payload must be SK
   */
  public static Decoded<List<Payload>> open(byte[] datagram, IkeMessage message, IkeCipher cipher) {
    List<Payload> payloads = message.payloads();
    if (payloads.isEmpty() || !(payloads.get(payloads.size() - 1) instanceof EncryptedPayload sk)) {
      return Decoded.failed(
          new DecodeError(DecodeError.Kind.INVALID_SYNTAX, IkeHeader.LENGTH, "no SK payload"));
    }
    Decoded<byte[]> plaintext = openPayload(datagram, sk, cipher);
    if (!(plaintext instanceof Decoded.Ok<byte[]> ok)) {
      return Decoded.failed(((Decoded.Failed<byte[]>) plaintext).error());
    }
    return IkeDecoder.decodePayloads(sk.firstPayloadType(), ok.value());
  }

  /**
   * Verifies and decrypts the SK payload of a received message, yielding the inner payload chain
   * still encoded: an engine that must tell a forged message (dropped silently, RFC 7296 §2.21)
   * from an authentic but malformed one (answered with INVALID_SYNTAX) decodes it itself with
   * {@link IkeDecoder#decodePayloads}. Failures are those of {@link IkeCipher#open}.
   */
  public static Decoded<byte[]> openPayload(byte[] datagram, EncryptedPayload sk, IkeCipher cipher) {
    return openBody(datagram, sk.body(), cipher);
  }

  /**
   * Verifies and decrypts one received fragment, yielding its share of the inner plaintext for
   * {@link net.iotgw.protocols.ike.codec.FragmentReassembler}. Each fragment is authenticated on
   * its own (RFC 7383 §2.6), so a forged one is dropped before it takes reassembly memory.
   */
  public static Decoded<byte[]> openFragment(
      byte[] datagram, EncryptedFragmentPayload fragment, IkeCipher cipher) {
    return openBody(datagram, fragment.body(), cipher);
  }

  private static Decoded<byte[]> openBody(byte[] datagram, byte[] body, IkeCipher cipher) {
    // SK and SKF are always last (the decoder enforces it), so the body ends the datagram.
    int aadLength = datagram.length - body.length;
    if (aadLength < IkeHeader.LENGTH) {
      return Decoded.failed(
          new DecodeError(DecodeError.Kind.BAD_LENGTH, 0, "SK body does not end this datagram"));
    }
    return cipher.open(Arrays.copyOf(datagram, aadLength), body);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
