package net.iotgw.protocols.ieee802154.security;

import java.util.Arrays;
import java.util.Optional;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.AuxSecurityHeader;
import net.iotgw.protocols.ieee802154.Fcs;
import net.iotgw.protocols.ieee802154.FrameType;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.SecurityLevel;
import net.iotgw.protocols.ieee802154.security.Unprotected.Accepted;
import net.iotgw.protocols.ieee802154.security.Unprotected.Reason;
import net.iotgw.protocols.ieee802154.security.Unprotected.Rejected;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * 802.15.4 frame protection with CCM* and AES-128 (IEEE 802.15.4-2006 §7.6.3, 2015 §9.3).
 *
 * <p>The nonce is the sender's extended address in EUI-64 order, the frame counter big-endian and
 * the security level (2006 §7.6.3.2, checked against Annex C.2). The authenticated data is the MAC
 * header with its auxiliary security header followed by the open payload; the private payload is
 * encrypted at levels 5-7 and authenticated only at levels 1-3 (then it joins the a-data and the
 * MIC alone is appended). For a MAC command frame the command identifier is the open payload and
 * stays in the clear (2006 §7.6.3.4.2, Annex C.2.3); for every other frame type the whole MAC
 * payload is private. Payload IEs of 2015 frames are treated as private payload.
 *
 * <p>Refused: level 4 (ENC without MIC, CCM* with M = 0, which BouncyCastle's CCM does not
 * provide and which would leave frames unauthenticated anyway), encrypted beacons (their open
 * payload is the superframe fields, not worth supporting for a gateway that sends none) and
 * suppressed frame counters (2015 TSCH, whose nonce holds the ASN instead).
 *
 * <p>Stateless and thread-safe; the per-device state is in {@link OutgoingFrameCounter} and {@link
 * ReplayState} values the caller owns.
 */
public final class FrameProtection {

  private FrameProtection() {}

  /**
   * A secured frame, and the sender's counter after it.
   *
   * @param psdu the frame to transmit, FCS included
   * @param counter the sender's next frame counter, to store
   */
  public record Protected(byte[] psdu, OutgoingFrameCounter counter) {}

  /**
   * Protects {@code unsecured} with the implicit key of this sender-receiver pair (Key Id Mode 0,
   * as a per-device PEMK key is) and the counter's current value.
   *
   * @param unsecured a frame with Security Enabled clear
   * @param sender this sender's extended address, which goes into the nonce
   * @throws IllegalStateException if {@code counter} is exhausted
   * @throws IllegalArgumentException if the level or frame is refused (see the class doc) or the
   *     secured frame would exceed 127 octets
   */
  public static Protected protect(
      MacFrame unsecured,
      Address.Extended sender,
      LinkKey key,
      OutgoingFrameCounter counter,
      SecurityLevel level) {
    OutgoingFrameCounter next = counter.next(); // refuses an exhausted counter first
    AuxSecurityHeader aux = AuxSecurityHeader.implicitKey(level, counter.value());
    return new Protected(protect(unsecured, sender, key, aux), next);
  }

  /**
   * Protects {@code unsecured} with the auxiliary security header given; the caller is then
   * responsible for never reusing its frame counter under {@code key}.
   *
   * @return the PSDU with FCS
   */
  public static byte[] protect(
      MacFrame unsecured, Address.Extended sender, LinkKey key, AuxSecurityHeader aux) {
    return MacFrameCodec.encode(secure(unsecured, sender, key, aux));
  }

  /**
   * The secured frame for {@code unsecured} under the auxiliary security header given, as a frame
   * rather than a PSDU: for a stack whose bottom layer encodes frames. The caller is responsible
   * for never reusing the frame counter of {@code aux} under {@code key}.
   *
   * @throws IllegalArgumentException if the level or frame is refused (see the class doc), the
   *     counter is 0xffffffff, or the secured frame would exceed 127 octets
   */
  public static MacFrame secure(
      MacFrame unsecured, Address.Extended sender, LinkKey key, AuxSecurityHeader aux) {
    if (unsecured.header().frameControl().securityEnabled()) {
      throw new IllegalArgumentException("frame is already secured");
    }
    SecurityLevel level = aux.level();
    FrameType type = unsecured.header().frameControl().frameType();
    Optional<String> refused = refusal(level, type, aux);
    if (refused.isPresent()) {
      throw new IllegalArgumentException(refused.get());
    }
    if (aux.frameCounter().getAsLong() == OutgoingFrameCounter.EXHAUSTED) {
      throw new IllegalArgumentException("frame counter 0xffffffff may not be sent");
    }
    MacHeader header = unsecured.header().withSecurity(aux);
    byte[] payload = unsecured.payload();
    int psdu = header.length() + payload.length + level.micLength() + Fcs.LENGTH;
    if (psdu > MacFrameCodec.MAX_PHY_PACKET_SIZE) {
      throw new IllegalArgumentException(
          "secured frame of " + psdu + " octets exceeds aMaxPhyPacketSize");
    }
    int open = openLength(type, payload.length);
    byte[] aData = authenticatedData(header, payload, open, level);
    byte[] input =
        level.encrypts() ? Arrays.copyOfRange(payload, open, payload.length) : new byte[0];
    byte[] sealed;
    try {
      byte[] nonce = nonce(sender, aux.frameCounter().getAsLong(), level);
      sealed = ccm(true, key, nonce, aData, level, input);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("CCM* encryption cannot fail", e);
    }
    byte[] securedPayload;
    if (level.encrypts()) {
      securedPayload = new byte[open + sealed.length];
      System.arraycopy(payload, 0, securedPayload, 0, open);
      System.arraycopy(sealed, 0, securedPayload, open, sealed.length);
    } else {
      securedPayload = Arrays.copyOf(payload, payload.length + sealed.length);
      System.arraycopy(sealed, 0, securedPayload, payload.length, sealed.length);
    }
    return new MacFrame(header, securedPayload);
  }

  /**
   * Checks a received PSDU: decodes it, then as {@link #unprotect(MacFrame, SecurityLevel,
   * PeerLookup)}. Never throws on any input.
   *
   * @param psdu the octets received
   * @param hasFcs whether {@code psdu} ends with its FCS
   * @param required the security level admitted devices must use (5 or 6 for this gateway)
   * @param peers finds the sender's key and replay state
   */
  public static Unprotected unprotect(
      byte[] psdu, boolean hasFcs, SecurityLevel required, PeerLookup peers) {
    Decoded<MacFrame> decoded = MacFrameCodec.decode(psdu, hasFcs);
    if (!(decoded instanceof Decoded.Ok<MacFrame> ok)) {
      DecodeError error = ((Decoded.Failed<MacFrame>) decoded).error();
      return new Rejected(Reason.MALFORMED, error.toString());
    }
    return unprotect(ok.value(), required, peers);
  }

  /**
   * Checks a frame already decoded (a stream whose bottom layer decodes PSDUs): requires {@code
   * required} as its security level, finds its sender, refuses stale counters, verifies the MIC
   * and decrypts. Never throws on any frame; the caller stores {@link Accepted#replay()} only when
   * it gets one.
   *
   * @param frame the frame as received, Security Enabled or not
   * @param required the security level admitted devices must use (5 or 6 for this gateway)
   * @param peers finds the sender's key and replay state
   */
  public static Unprotected unprotect(MacFrame frame, SecurityLevel required, PeerLookup peers) {
    MacHeader header = frame.header();
    if (header.security().isEmpty()) {
      return new Rejected(Reason.UNSECURED, "Security Enabled is clear");
    }
    AuxSecurityHeader aux = header.security().get();
    SecurityLevel level = aux.level();
    FrameType type = header.frameControl().frameType();
    Optional<String> refused = refusal(level, type, aux);
    if (refused.isPresent()) {
      return new Rejected(Reason.UNSUPPORTED, refused.get());
    }
    if (level != required) {
      return new Rejected(Reason.IMPROPER_SECURITY_LEVEL, level + ", required " + required);
    }
    long counter = aux.frameCounter().getAsLong();
    if (counter == OutgoingFrameCounter.EXHAUSTED) {
      return new Rejected(Reason.COUNTER_ERROR, "frame counter 0xffffffff");
    }
    Optional<PeerKey> peer = peers.find(header);
    if (peer.isEmpty()) {
      return new Rejected(Reason.UNKNOWN_DEVICE, "no key for " + header.source());
    }
    PeerKey p = peer.get();
    if (!p.replay().isFresh(counter)) {
      return new Rejected(
          Reason.REPLAYED,
          "counter " + counter + " from " + p.extended() + ", accepted up to "
              + p.replay().highestAccepted().getAsLong());
    }
    if (p.key().isDestroyed()) {
      return new Rejected(Reason.UNKNOWN_DEVICE, "key of " + p.extended() + " destroyed");
    }
    byte[] payload = frame.payload();
    int mic = level.micLength();
    int body = payload.length - mic; // MacFrame guarantees payload.length >= mic
    int open = openLength(type, body);
    byte[] plain;
    try {
      byte[] nonce = nonce(p.extended(), counter, level);
      if (level.encrypts()) {
        byte[] aData = authenticatedData(header, payload, open, level);
        byte[] sealed = Arrays.copyOfRange(payload, open, payload.length);
        byte[] clear = ccm(false, p.key(), nonce, aData, level, sealed);
        plain = new byte[open + clear.length];
        System.arraycopy(payload, 0, plain, 0, open);
        System.arraycopy(clear, 0, plain, open, clear.length);
      } else {
        byte[] aData = authenticatedData(header, Arrays.copyOf(payload, body), body, level);
        ccm(false, p.key(), nonce, aData, level, Arrays.copyOfRange(payload, body, payload.length));
        plain = Arrays.copyOf(payload, body);
      }
    } catch (InvalidCipherTextException e) {
      return new Rejected(
          Reason.BAD_MIC, "MIC mismatch from " + p.extended() + " counter " + counter);
    }
    return new Accepted(header, plain, p.extended(), counter, p.replay().accept(counter));
  }

  private static Optional<String> refusal(
      SecurityLevel level, FrameType type, AuxSecurityHeader aux) {
    if (level == SecurityLevel.NONE) {
      return Optional.of("security level 0 protects nothing");
    }
    if (level.micLength() == 0) {
      return Optional.of("security level 4 (ENC without MIC) is refused: frames must be authentic");
    }
    if (level.encrypts() && type == FrameType.BEACON) {
      return Optional.of("encrypted beacons are not supported");
    }
    if (aux.frameCounterSuppressed()) {
      return Optional.of("suppressed frame counter (TSCH) is not supported");
    }
    return Optional.empty();
  }

  /** 2006 §7.6.3.4.2: a MAC command's identifier is the open payload. */
  private static int openLength(FrameType type, int bodyLength) {
    return type == FrameType.COMMAND ? Math.min(1, bodyLength) : 0;
  }

  /** a = MHR | open payload, plus the private payload at MIC-only levels. */
  private static byte[] authenticatedData(
      MacHeader header, byte[] payload, int open, SecurityLevel level) {
    byte[] mhr = MacFrameCodec.encodeHeader(header);
    int extra = level.encrypts() ? open : payload.length;
    byte[] a = Arrays.copyOf(mhr, mhr.length + extra);
    System.arraycopy(payload, 0, a, mhr.length, extra);
    return a;
  }

  /** 2006 §7.6.3.2: source EUI-64 | frame counter (big-endian) | security level. */
  static byte[] nonce(Address.Extended sender, long frameCounter, SecurityLevel level) {
    byte[] n = new byte[13];
    System.arraycopy(sender.eui64(), 0, n, 0, 8);
    for (int i = 0; i < 4; i++) {
      n[8 + i] = (byte) (frameCounter >>> (24 - 8 * i));
    }
    n[12] = (byte) level.id();
    return n;
  }

  private static byte[] ccm(
      boolean encrypt, LinkKey key, byte[] nonce, byte[] aData, SecurityLevel level, byte[] input)
      throws InvalidCipherTextException {
    byte[] k = key.bytes();
    try {
      CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
      int micBits = level.micLength() * 8;
      ccm.init(encrypt, new AEADParameters(new KeyParameter(k), micBits, nonce, aData));
      byte[] out = new byte[ccm.getOutputSize(input.length)];
      int n = ccm.processBytes(input, 0, input.length, out, 0);
      n += ccm.doFinal(out, n);
      return n == out.length ? out : Arrays.copyOf(out, n);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
