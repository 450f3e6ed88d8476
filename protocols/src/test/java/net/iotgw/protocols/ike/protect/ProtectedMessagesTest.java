package net.iotgw.protocols.ike.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.codec.AuthMethod;
import net.iotgw.protocols.ike.codec.AuthPayload;
import net.iotgw.protocols.ike.codec.CertEncoding;
import net.iotgw.protocols.ike.codec.CertPayload;
import net.iotgw.protocols.ike.codec.EncryptedFragmentPayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.FragmentReassembler;
import net.iotgw.protocols.ike.codec.IdPayload;
import net.iotgw.protocols.ike.codec.IdType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.keys.Suite;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProtectedMessagesTest {
  private static final long SPI_I = 0x0102030405060708L;
  private static final long SPI_R = 0x1112131415161718L;
  private final SecureRandom random = new SecureRandom();

  static Stream<Suite> suites() {
    return Stream.of(
        Suite.of(EncryptionAlgorithm.ENCR_AES_GCM_16, 128, IntegrityAlgorithm.NONE,
            PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.CURVE25519),
        Suite.of(EncryptionAlgorithm.ENCR_AES_CBC, 256, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128,
            PrfAlgorithm.PRF_HMAC_SHA2_256, DhGroup.ECP_256),
        Suite.of(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, 0, IntegrityAlgorithm.NONE,
            PrfAlgorithm.PRF_HMAC_SHA2_512, DhGroup.CURVE25519));
  }

  private static IkeSaKeys keys(Suite suite) {
    byte[] gir = new byte[32];
    new Random(1).nextBytes(gir);
    byte[] ni = new byte[32];
    byte[] nr = new byte[32];
    Arrays.fill(nr, (byte) 1);
    return KeySchedule.derive(suite, gir, ni, nr, SPI_I, SPI_R);
  }

  private static IkeHeader authRequest() {
    return IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_AUTH, true, false, 1);
  }

  private static List<Payload> authPayloads(int certBytes) {
    byte[] cert = new byte[certBytes];
    new Random(7).nextBytes(cert);
    return List.of(
        new IdPayload(Role.INITIATOR, IdType.ID_RFC822_ADDR.id(), "ud@example.org".getBytes(StandardCharsets.US_ASCII)),
        new CertPayload(CertEncoding.X509_SIGNATURE.id(), cert),
        new AuthPayload(AuthMethod.SHARED_KEY_MIC.id(), new byte[32]),
        NotifyPayload.of(NotifyType.INITIAL_CONTACT));
  }

  @ParameterizedTest
  @MethodSource("suites")
  void sealedMessageDecodesAndOpensToTheSamePayloads_rfc7296_3_14(Suite suite) {
    IkeSaKeys keys = keys(suite);
    List<Payload> inner = authPayloads(40);
    byte[] datagram = ProtectedMessages.seal(authRequest(), List.of(), inner, keys.initiatorCipher(), random);

    IkeMessage message = IkeDecoder.decode(datagram).orThrow();
    assertEquals(datagram.length, message.header().length());
    assertEquals(inner, ProtectedMessages.open(datagram, message, keys.initiatorCipher()).orThrow());
  }

  @ParameterizedTest
  @MethodSource("suites")
  void theOtherDirectionsKeysDoNotOpenIt(Suite suite) {
    IkeSaKeys keys = keys(suite);
    byte[] datagram =
        ProtectedMessages.seal(authRequest(), List.of(), authPayloads(10), keys.initiatorCipher(), random);
    IkeMessage message = IkeDecoder.decode(datagram).orThrow();

    Decoded<List<Payload>> opened = ProtectedMessages.open(datagram, message, keys.responderCipher());
    assertEquals(DecodeError.Kind.AUTHENTICATION_FAILED, failure(opened).kind());
  }

  @ParameterizedTest
  @MethodSource("suites")
  void everyByteOfTheHeaderIsAuthenticated_rfc5282_5_1(Suite suite) {
    IkeCipher cipher = keys(suite).initiatorCipher();
    byte[] datagram = ProtectedMessages.seal(authRequest(), List.of(), authPayloads(10), cipher, random);
    IkeMessage message = IkeDecoder.decode(datagram).orThrow();
    // The message ID, flags and SPIs are outside the ciphertext, but a change to any of them
    // must be caught: open against the original decode with one associated-data byte changed.
    for (int i = 0; i < IkeHeader.LENGTH + 4; i++) {
      byte[] altered = datagram.clone();
      altered[i] ^= 0x01;
      assertFalse(ProtectedMessages.open(altered, message, cipher).isOk(), "byte " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("suites")
  void aLargeMessageIsFragmentedWithinTheLimitAndReassembles_rfc7383_2_5(Suite suite) {
    IkeCipher cipher = keys(suite).initiatorCipher();
    List<Payload> inner = authPayloads(1500);
    int maxDatagram = 400;

    List<byte[]> datagrams =
        ProtectedMessages.sealFragmented(authRequest(), inner, cipher, maxDatagram, random);

    assertTrue(datagrams.size() > 3, "1.5 KB in 400-byte datagrams takes several fragments");
    FragmentReassembler reassembler = new FragmentReassembler(16, 64 * 1024);
    FragmentReassembler.Outcome outcome = null;
    // Out of order, as the network may deliver them.
    for (int i = datagrams.size() - 1; i >= 0; i--) {
      byte[] datagram = datagrams.get(i);
      assertTrue(datagram.length <= maxDatagram, "fragment of " + datagram.length + " bytes");
      IkeMessage message = IkeDecoder.decode(datagram).orThrow();
      EncryptedFragmentPayload skf = message.first(EncryptedFragmentPayload.class).orElseThrow();
      assertEquals(datagrams.size(), skf.totalFragments());
      assertEquals(i + 1, skf.fragmentNumber());
      byte[] piece = ProtectedMessages.openFragment(datagram, skf, cipher).orThrow();
      FragmentReassembler.Step step =
          reassembler.accept(
              message.header().messageId(), skf.fragmentNumber(), skf.totalFragments(),
              skf.firstPayloadType(), piece);
      reassembler = step.reassembler();
      outcome = step.outcome();
    }
    FragmentReassembler.Complete complete = assertInstanceOf(FragmentReassembler.Complete.class, outcome);
    assertEquals(inner, IkeDecoder.decodePayloads(complete.firstPayloadType(), complete.plaintext()).orThrow());
  }

  @Test
  void aMessageThatFitsIsNotFragmented() {
    IkeCipher cipher = keys(suites().findFirst().orElseThrow()).initiatorCipher();
    List<byte[]> datagrams =
        ProtectedMessages.sealFragmented(authRequest(), authPayloads(10), cipher, 1280, random);
    assertEquals(1, datagrams.size());
    assertTrue(IkeDecoder.decode(datagrams.get(0)).orThrow().payloads().get(0) instanceof net.iotgw.protocols.ike.codec.EncryptedPayload);
  }

  @Test
  void aForgedFragmentIsRefusedBeforeReassembly_rfc7383_2_6() {
    IkeCipher cipher = keys(suites().findFirst().orElseThrow()).initiatorCipher();
    byte[] datagram =
        ProtectedMessages.sealFragmented(authRequest(), authPayloads(1500), cipher, 400, random).get(1);
    datagram[datagram.length - 1] ^= 0x55;
    IkeMessage message = IkeDecoder.decode(datagram).orThrow();
    EncryptedFragmentPayload skf = message.first(EncryptedFragmentPayload.class).orElseThrow();
    assertEquals(
        DecodeError.Kind.AUTHENTICATION_FAILED,
        failure(ProtectedMessages.openFragment(datagram, skf, cipher)).kind());
  }

  @Test
  void aMessageWithoutSkIsRefused() {
    IkeHeader header = IkeHeader.of(SPI_I, 0, ExchangeType.IKE_SA_INIT, true, false, 0);
    IkeMessage clear = new IkeMessage(header, List.of(new NoncePayload(new byte[32])));
    byte[] datagram = net.iotgw.protocols.ike.codec.IkeEncoder.encode(clear);
    IkeCipher cipher = keys(suites().findFirst().orElseThrow()).initiatorCipher();
    assertEquals(
        DecodeError.Kind.INVALID_SYNTAX,
        failure(ProtectedMessages.open(datagram, IkeDecoder.decode(datagram).orThrow(), cipher)).kind());
  }

  private static DecodeError failure(Decoded<?> decoded) {
    return assertInstanceOf(Decoded.Failed.class, decoded).error();
  }
}
