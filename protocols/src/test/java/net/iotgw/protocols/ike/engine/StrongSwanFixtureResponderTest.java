package net.iotgw.protocols.ike.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.crypto.PacketProtection;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.EncryptionAlgorithm;
import net.iotgw.protocols.ike.IntegrityAlgorithm;
import net.iotgw.protocols.ike.PrfAlgorithm;
import net.iotgw.protocols.ike.auth.AuthKeys;
import net.iotgw.protocols.ike.auth.AuthOctets;
import net.iotgw.protocols.ike.auth.DigitalSignatureAuth;
import net.iotgw.protocols.ike.codec.AuthPayload;
import net.iotgw.protocols.ike.codec.CertReqPayload;
import net.iotgw.protocols.ike.codec.IdPayload;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.codec.NotifyPayload;
import net.iotgw.protocols.ike.codec.NotifyType;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.Role;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.keys.Suite;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Our responder against what real strongSwan 5.9.8 initiators sent (the committed captures): it
 * picks from a broad CD profile exactly the proposal charon's responder picked; and, given the
 * captured IKE SA keys, it authenticates charon's IKE_AUTH request (PSK, and ECDSA certificates in
 * RFC 7383 fragments), agrees the CHILD_SA with the ESP keys charon logged, and answers with the
 * very AUTH charon's responder computed (PSK) or an ECDSA signature over the same octets.
 */
class StrongSwanFixtureResponderTest {
  static final List<String> SUITES = StrongSwanFixture.SUITES;
  private static final InetSocketAddress CD_4500 =
      new InetSocketAddress(Conversation.CD_ADDRESS, 4500);
  private static final InetSocketAddress UD_4500 =
      new InetSocketAddress(Conversation.UD_ADDRESS, 4500);

  private static final PacketProtection GCM256 =
      new PacketProtection(EncryptionAlgorithm.ENCR_AES_GCM_16, 256, IntegrityAlgorithm.NONE);
  private static final PacketProtection CBC128 =
      new PacketProtection(EncryptionAlgorithm.ENCR_AES_CBC, 128,
          IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128);

  /** A CD that accepts every suite the captures use, in an order of its own. */
  static EngineConfig broadProfile(StrongSwanFixture f) {
    List<PacketProtection> protections = List.of(PacketProtection.CHACHA20_POLY1305,
        TestProfiles.CBC_256_SHA256, PacketProtection.AES_GCM_16_128, GCM256, CBC128);
    List<Profile.IkeProposal> ike = List.of(
        new Profile.IkeProposal(PacketProtection.CHACHA20_POLY1305, PrfAlgorithm.PRF_HMAC_SHA2_256),
        new Profile.IkeProposal(TestProfiles.CBC_256_SHA256, PrfAlgorithm.PRF_HMAC_SHA2_256),
        new Profile.IkeProposal(PacketProtection.AES_GCM_16_128, PrfAlgorithm.PRF_HMAC_SHA2_256),
        new Profile.IkeProposal(GCM256, PrfAlgorithm.PRF_HMAC_SHA2_384),
        new Profile.IkeProposal(CBC128, PrfAlgorithm.PRF_HMAC_SHA2_256));
    boolean cert = f.psk().isEmpty();
    Credentials credentials = cert
        ? new Credentials.Certificate(
            AuthKeys.privateKeyFromPem(text("cd1.key")).orThrow(), List.of(bytes("cd1.der")))
        : new Credentials.PreSharedKey(f.psk().orElseThrow());
    Profile p = new Profile(TestProfiles.CD, credentials, ike,
        List.of(DhGroup.ECP_256, DhGroup.CURVE25519, DhGroup.ECP_384, DhGroup.MODP_2048),
        protections, false, List.of(TestProfiles.UD),
        cert ? Optional.empty() : Optional.of(new Credentials.PreSharedKey(f.psk().orElseThrow())),
        cert ? List.of(anchor()) : List.of());
    return EngineConfig.of(p, Conversation.CD_ADDRESS);
  }

  @ParameterizedTest
  @FieldSource("SUITES")
  void respondsToCharonsIkeSaInitWithTheProposalCharonsResponderChose(String suite) {
    StrongSwanFixture f = StrongSwanFixture.load(suite);
    byte[] request = f.messages().get(0).bytes();
    IkeStep step = IkeSaEngine.respond(broadProfile(f),
        new Datagram(new InetSocketAddress(Conversation.CD_ADDRESS, 500),
            new InetSocketAddress(Conversation.UD_ADDRESS, 500), request),
        CookieGate.open(), TestPki.NOW, Conversation.seeded(121));
    IkeState.HalfOpen half = assertInstanceOf(IkeState.HalfOpen.class, step.state());
    IkeMessage ours = IkeDecoder.decode(step.all(IkeOutput.Send.class).get(0).datagram().message())
        .orThrow();
    IkeMessage charons = IkeDecoder.decode(f.messages().get(1).bytes()).orThrow();
    assertEquals(charons.first(SaPayload.class), ours.first(SaPayload.class));
    assertEquals(f.dhGroup(), half.sa().suite().dhGroup().id());
    // Charon under kernel-libipsec fakes its source hash: we see a NAT and will encapsulate.
    assertTrue(half.sa().natDetected());
    assertTrue(half.sa().peer().fragmentation());
    assertEquals(List.of(2, 3, 4, 5), half.sa().peer().signatureHashes());
    // Our NAT detection hash is charon's: its response's destination hash names the initiator.
    NotifyPayload destination = charons.all(NotifyPayload.class).stream()
        .filter(n -> n.notifyType() == NotifyType.NAT_DETECTION_DESTINATION_IP.id())
        .findFirst().orElseThrow();
    assertArrayEquals(destination.data(),
        NatDetection.hash(charons.header().spiI(), charons.header().spiR(),
            new InetSocketAddress(Conversation.UD_ADDRESS, 500)));
    assertEquals(charons.first(CertReqPayload.class), ours.first(CertReqPayload.class),
        "CERTREQ names the CA by the SHA-1 of its key, as charon's does");
  }

  @ParameterizedTest
  @FieldSource("SUITES")
  void authenticatesCharonsIkeAuthRequestAndAgreesTheEspKeysCharonLogged(String suite) {
    StrongSwanFixture f = StrongSwanFixture.load(suite);
    EngineConfig config = broadProfile(f);
    IkeSa sa = fixtureSa(f, config);
    byte[] m1 = f.messages().get(0).bytes();
    byte[] m2 = f.messages().get(1).bytes();
    IkeState state = new IkeState.HalfOpen(sa,
        Exchanges.afterInitAsResponder(config.limits(), m1, new Datagram(CD_4500, UD_4500, m2)),
        new IkeAuthResponder(new InitExchange(m1, m2, f.ni(), f.nr())), TestPki.NOW + 30_000);
    List<IkeOutput> outputs = new java.util.ArrayList<>();
    for (StrongSwanFixture.Message m : f.messages().subList(2, f.messages().size())) {
      if (m.direction() != StrongSwanFixture.Direction.I2R || state instanceof IkeState.AwaitingKeys) {
        break;
      }
      IkeStep step = IkeSaEngine.handle(state,
          new IkeEvent.Received(new Datagram(CD_4500, UD_4500, m.bytes())), TestPki.NOW,
          Conversation.seeded(122));
      state = step.state();
      outputs.addAll(step.outputs());
    }
    IkeState.AwaitingKeys waiting = assertInstanceOf(IkeState.AwaitingKeys.class, state,
        outputs::toString);
    ChildSa child = waiting.held().child();
    assertArrayEquals(f.espEncrI(), child.keys().initiatorEncryption());
    assertArrayEquals(f.espEncrR(), child.keys().responderEncryption());
    assertArrayEquals(f.espIntegI(), child.keys().initiatorIntegrity());
    assertArrayEquals(f.espIntegR(), child.keys().responderIntegrity());
    assertEquals(HexFormat.of().formatHex(f.espSpiI()), String.format("%08x", child.outboundSpi()));
    assertEquals(TestProfiles.UD, waiting.sa().peerIdentity().orElseThrow());
    assertEquals(ChildSa.Mode.TUNNEL, child.mode(), "charon asked for tunnel mode");

    IkeCipher ours = IkeCipher.create(sa.suite().protection(), f.skEr(), f.skAr());
    IkeStep released = IkeSaEngine.handle(state, new IkeEvent.KeysDelivered(), TestPki.NOW,
        Conversation.seeded(123));
    assertInstanceOf(IkeState.Established.class, released.state());
    List<Payload> response = KeyDeliveryTest.open(ours,
        released.all(IkeOutput.Send.class).get(0).datagram());
    IdPayload idr = (IdPayload) response.get(0);
    assertArrayEquals(f.idRPrime(), idr.encodeBody());
    AuthPayload auth = response.stream().filter(p -> p instanceof AuthPayload)
        .map(AuthPayload.class::cast).findFirst().orElseThrow();
    byte[] octets = AuthOctets.of(m2, f.ni(), sa.suite().prf(), f.skPr(), idr.encodeBody());
    assertArrayEquals(f.authROctets(), octets, "we sign what charon's responder signed");
    if (f.psk().isPresent()) {
      assertArrayEquals(f.authR(), auth.data(), "the PSK AUTH is charon's, byte for byte");
    } else {
      var cdKey = AuthKeys.publicKeyFromCertificate(bytes("cd1.der")).orThrow();
      assertTrue(DigitalSignatureAuth.verify(cdKey, octets, auth.data()).isOk());
      assertFalse(java.util.Arrays.equals(f.authR(), auth.data()),
          "RFC 6979 nonces differ from charon's random ones");
    }
  }

  /** The IKE SA as the captured exchange created it, on the NAT-T port charon floated to. */
  private static IkeSa fixtureSa(StrongSwanFixture f, EngineConfig config) {
    IkeMessage m2 = IkeDecoder.decode(f.messages().get(1).bytes()).orThrow();
    Suite suite = Proposals.acceptIke(config.profile(), m2.first(SaPayload.class).orElseThrow(),
        DhGroup.of(f.dhGroup()).orElseThrow()).orElseThrow();
    IkeSaKeys keys = KeySchedule.fromSkeyseed(suite, f.skeyseed(), f.ni(), f.nr(),
        m2.header().spiI(), m2.header().spiR());
    assertArrayEquals(f.skD(), keys.skD());
    IkeMessage m1 = IkeDecoder.decode(f.messages().get(0).bytes()).orThrow();
    return IkeSa.create(config, Role.RESPONDER, m2.header().spiI(), m2.header().spiR(), keys,
        CD_4500, UD_4500, InitPayloads.peerSupport(m1.payloads()), true,
        new IkeSa.Nonces(f.ni(), f.nr()));
  }

  private static X509CertificateHolder anchor() {
    try {
      return new X509CertificateHolder(bytes("ca.der"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String name) {
    try (InputStream in = StrongSwanFixtureResponderTest.class.getResourceAsStream(
        StrongSwanFixture.RESOURCE_ROOT + "certs/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String name) {
    return new String(bytes(name), StandardCharsets.US_ASCII);
  }
}
