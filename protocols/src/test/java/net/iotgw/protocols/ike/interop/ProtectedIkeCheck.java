package net.iotgw.protocols.ike.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import static net.iotgw.protocols.ike.interop.StrongSwanExchangeCheck.ok;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import net.iotgw.protocols.ike.codec.EncryptedFragmentPayload;
import net.iotgw.protocols.ike.codec.EncryptedPayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.FragmentReassembler;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeEncoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.protect.ProtectedMessages;

/**
 * Every message after IKE_SA_INIT travels in an SK payload (RFC 7296 §3.14) or, fragmented, in
 * SKF payloads (RFC 7383 §2.5). Each is opened with our keys through {@link ProtectedMessages}
 * (fragments reassembled by {@link FragmentReassembler}) and must give exactly the plaintext
 * charon logged. AEAD messages are also sealed again with the captured IVs and must reproduce the
 * captured datagrams; AES-CBC ones up to the padding, which strongSwan fills with random bytes
 * (allowed by §3.14) where we write zeros.
 */
final class ProtectedIkeCheck {

  /** A captured datagram and what {@code IkeDecoder.decode} made of it. */
  record Received(StrongSwanFixture.Message capture, IkeMessage message) {
    byte[] bytes() {
      return capture.bytes();
    }
  }

  /** A whole IKE message after decryption (and reassembly). */
  record Opened(IkeHeader header, List<Payload> payloads) {}

  /**
   * What was opened; {@code resealed} counts datagrams reproduced byte for byte, {@code
   * resealedToPadding} AES-CBC ones reproduced up to charon's random padding.
   */
  record Result(List<Opened> opened, int fragments, int resealed, int resealedToPadding) {
    /**
     * The payloads of the one request or response of this exchange type, which must carry {@code
     * messageId} (RFC 7296 §2.2: one exchange after the other, IDs counting up from 0).
     */
    List<Payload> payloads(ExchangeType type, boolean response, long messageId) {
      List<Opened> found = new ArrayList<>();
      for (Opened o : opened) {
        if (o.header().exchangeType() == type.id() && o.header().response() == response) {
          found.add(o);
        }
      }
      String what = type + (response ? " response" : " request");
      assertEquals(1, found.size(), "one " + what);
      assertEquals(messageId, found.get(0).header().messageId(), what + " message ID");
      return found.get(0).payloads();
    }
  }

  private final IkeCipher fromInitiator;
  private final IkeCipher fromResponder;
  // One reassembler per direction, as an engine keeps one for requests and one for responses.
  private final FragmentReassembler[] reassemblers = {
    new FragmentReassembler(16, 65_535), new FragmentReassembler(16, 65_535)
  };
  private final List<List<Received>> pendingFragments =
      List.of(new ArrayList<>(), new ArrayList<>());
  private final List<Opened> opened = new ArrayList<>();
  private int fragments;
  private int resealed;
  private int resealedToPadding;

  private ProtectedIkeCheck(IkeSaKeys keys) {
    this.fromInitiator = keys.initiatorCipher();
    this.fromResponder = keys.responderCipher();
  }

  /** Opens every message after the IKE_SA_INIT pair (the first two of {@code received}). */
  static Result verify(List<Received> received, IkeSaKeys keys) {
    ProtectedIkeCheck check = new ProtectedIkeCheck(keys);
    try {
      for (Received r : received.subList(2, received.size())) {
        check.open(r);
      }
    } finally {
      check.fromInitiator.destroy();
      check.fromResponder.destroy();
    }
    return new Result(check.opened, check.fragments, check.resealed, check.resealedToPadding);
  }

  private void open(Received r) {
    IkeMessage m = r.message();
    // RFC 7296 §2.14: SK_ei/SK_ai protect what the original initiator sends (the I flag).
    boolean fromI = m.header().initiator();
    IkeCipher cipher = fromI ? fromInitiator : fromResponder;
    StrongSwanFixture.Plaintext logged =
        r.capture().plaintext().orElseThrow(() -> new AssertionError(r.capture() + " plaintext"));
    Payload last = lastPayload(m);
    if (last instanceof EncryptedPayload sk) {
      openSk(r, sk, cipher, logged);
    } else if (last instanceof EncryptedFragmentPayload skf) {
      openFragment(r, skf, cipher, logged, fromI ? 0 : 1);
    } else {
      fail(r.capture() + " after IKE_SA_INIT without SK or SKF payload: " + m.payloads());
    }
  }

  private void openSk(
      Received r, EncryptedPayload sk, IkeCipher cipher, StrongSwanFixture.Plaintext logged) {
    List<Payload> payloads =
        ok(ProtectedMessages.open(r.bytes(), r.message(), cipher), r.capture() + " opens");
    assertEquals(
        ok(IkeDecoder.decodePayloads(sk.firstPayloadType(), logged.innerPayloads()), "the log"),
        payloads,
        r.capture() + " decrypted payloads vs charon's plaintext");
    assertArrayEquals(
        logged.innerPayloads(), IkeEncoder.encodePayloads(payloads), r.capture() + " inner");
    opened.add(new Opened(r.message().header(), payloads));
    if (resealsIdentically(r, sk, payloads, cipher)) {
      resealed++;
    } else {
      resealedToPadding++;
    }
  }

  /** RFC 7383 §2.6: each fragment is authenticated alone, then the plaintexts are joined. */
  private void openFragment(
      Received r,
      EncryptedFragmentPayload skf,
      IkeCipher cipher,
      StrongSwanFixture.Plaintext logged,
      int side) {
    fragments++;
    byte[] piece =
        ok(ProtectedMessages.openFragment(r.bytes(), skf, cipher), r.capture() + " opens");
    assertArrayEquals(logged.innerPayloads(), piece, r.capture() + " fragment plaintext");
    List<Received> pending = pendingFragments.get(side);
    pending.add(r);
    FragmentReassembler.Step step =
        reassemblers[side].accept(
            r.message().header().messageId(),
            skf.fragmentNumber(),
            skf.totalFragments(),
            skf.firstPayloadType(),
            piece);
    reassemblers[side] = step.reassembler();
    if (skf.fragmentNumber() < skf.totalFragments()) {
      assertInstanceOf(FragmentReassembler.Pending.class, step.outcome(), r.capture() + "");
      return;
    }
    FragmentReassembler.Complete whole =
        assertInstanceOf(FragmentReassembler.Complete.class, step.outcome(), r.capture() + "");
    List<Payload> payloads =
        ok(IkeDecoder.decodePayloads(whole.firstPayloadType(), whole.plaintext()), "reassembled");
    assertArrayEquals(whole.plaintext(), IkeEncoder.encodePayloads(payloads), "reassembled");
    opened.add(new Opened(r.message().header(), payloads));
    resealed += resealFragments(pending, payloads, cipher);
    pending.clear();
  }

  /**
   * Seals the decrypted payloads again with the captured IV. For the AEADs charon pads as {@link
   * IkeCipher} does (only the Pad Length octet, RFC 5282 §3), so the datagram must come out
   * identical. For AES-CBC both pad to the next block, but charon fills the padding with random
   * bytes (RFC 7296 §3.14 leaves their value open) and we with zeros: the datagrams then agree in
   * length and in every byte before the cipher block that holds the first padding byte.
   *
   * @return true if the whole datagram was reproduced, false if only up to the padding
   */
  private static boolean resealsIdentically(
      Received r, EncryptedPayload sk, List<Payload> inner, IkeCipher cipher) {
    byte[] padding = r.capture().plaintext().orElseThrow().padding();
    assertEquals(padding.length - 1, padding[padding.length - 1] & 0xff, "Pad Length octet");
    List<Payload> clear = r.message().payloads().subList(0, r.message().payloads().size() - 1);
    byte[] again =
        ProtectedMessages.seal(
            r.message().header(), clear, inner, cipher,
            new ReplayedIvs(List.of(iv(sk.body(), cipher))));
    byte[] captured = r.bytes();
    if (cipher.blockSize() == 1) {
      assertArrayEquals(new byte[1], padding, r.capture() + " AEAD padding is the Pad Length only");
      assertArrayEquals(captured, again, r.capture() + " resealed with its IV");
      return true;
    }
    assertEquals(captured.length, again.length, r.capture() + " resealed: same padded length");
    int innerLength = IkeEncoder.encodePayloads(inner).length;
    int identical =
        captured.length - sk.body().length + cipher.ivLength()
            + innerLength / cipher.blockSize() * cipher.blockSize();
    assertArrayEquals(
        Arrays.copyOf(captured, identical),
        Arrays.copyOf(again, identical),
        r.capture() + " resealed: identical up to the block with charon's random padding");
    return false;
  }

  /**
   * {@link ProtectedMessages#sealFragmented} with the captured IVs and the captured first
   * fragment's size as the limit must cut the plaintext where charon did (RFC 7383 §2.5.1) and
   * give the same datagrams. It draws one IV for its whole-message attempt before the fragments'.
   */
  private static int resealFragments(List<Received> fragments, List<Payload> inner, IkeCipher c) {
    if (c.blockSize() > 1) {
      return 0;
    }
    List<byte[]> ivs = new ArrayList<>();
    ivs.add(new byte[c.ivLength()]);
    for (Received r : fragments) {
      EncryptedFragmentPayload skf = (EncryptedFragmentPayload) lastPayload(r.message());
      ivs.add(iv(skf.body(), c));
    }
    IkeHeader header = fragments.get(0).message().header();
    int limit = fragments.get(0).bytes().length;
    List<byte[]> again =
        ProtectedMessages.sealFragmented(header, inner, c, limit, new ReplayedIvs(ivs));
    assertEquals(fragments.size(), again.size(), "number of fragments at " + limit + " bytes");
    for (int i = 0; i < again.size(); i++) {
      assertArrayEquals(fragments.get(i).bytes(), again.get(i), fragments.get(i).capture() + "");
    }
    return again.size();
  }

  private static Payload lastPayload(IkeMessage m) {
    return m.payloads().get(m.payloads().size() - 1);
  }

  private static byte[] iv(byte[] body, IkeCipher cipher) {
    return Arrays.copyOf(body, cipher.ivLength());
  }

  /** Hands out the captured IVs in order, to reproduce charon's ciphertexts. */
  private static final class ReplayedIvs extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient Deque<byte[]> ivs;

    ReplayedIvs(List<byte[]> ivs) {
      this.ivs = new ArrayDeque<>(ivs);
    }

    @Override
    public void nextBytes(byte[] out) {
      byte[] iv = ivs.pollFirst();
      if (iv == null || iv.length != out.length) {
        throw new AssertionError("unexpected draw of " + out.length + " random bytes");
      }
      System.arraycopy(iv, 0, out, 0, out.length);
    }
  }
}
